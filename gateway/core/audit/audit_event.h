// MakeAuditEvent(): one FHIR R4 AuditEvent for one REST interaction, in the shape of the IHE
// Basic Audit Log Patterns (BALP) RESTful profiles (Read, Query, Create, Update, Delete and
// their Patient variants). The caller fills an AuditRecord at the edge and stores the result.
//
// Shape:
//   type      audit-event-type#rest
//   subtype   restful-interaction code of the interaction (interaction.h; search and history at
//             the record's level)
//   action    C create; R read, vread, history, capabilities; U update, patch; D delete;
//             E search, operation
//   recorded  the record's instant text, as given
//   outcome   "0" for HTTP 1xx-3xx, "4" (minor failure) for 4xx, "8" (serious failure) for 5xx;
//             failures get an outcomeDesc naming the class of failure only ("access denied",
//             "not found", ...), never request data
//   agent     the client: type DCM#110153 "Source Role ID" when the request carries data or a
//             query to the server (search, create, update, patch, delete, operation) and
//             DCM#110152 "Destination Role ID" when it only receives data (read, vread,
//             history, capabilities), as BALP assigns them; who.identifier = the client id
//             (system kClientIdSystem; who.display "unauthenticated client" when there is none),
//             requestor = true, network = the peer address (type "2", IP) when known.
//             The server: the other DCM role, who.display = the server name, requestor = false,
//             network = the server's base URL (type "5", URI) when known.
//   source    observer.display = the server name, type security-source-type#4 (application
//             server)
//   entity    transaction: BALP BasicAuditEntityType#XrequestId, what.identifier.value = the
//               correlation id (when given);
//             data: audit-entity-type#2, object-role#4 (domain resource), what.reference
//               "Type/id" or "Type/id/_history/v" (when the record names a resource instance);
//             query: audit-entity-type#2, object-role#24, query = base64 of the raw query (for
//               searches, and for any interaction whose record carries a query);
//             one per patient: audit-entity-type#1, object-role#1, what.reference "Patient/id"
//               (ids deduplicated, sorted).
// The query text, patient ids and resource ids are recorded as given: the AuditEvent is PHI
// and belongs in the protected store, never in logs. No meta.profile is claimed.
// Thread safety: pure function.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/auth/interaction.h"
#include "gateway/core/json/value.h"

namespace gw::audit {

inline constexpr std::string_view kClientIdSystem = "urn:fhir-gateway:client-id";
inline constexpr std::string_view kBalpEntityTypeSystem =
    "https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType";

struct AuditRecord {
  auth::Interaction interaction = auth::Interaction::kRead;
  // Search and history only; nullopt: the default codes ("search-type", "history-instance").
  std::optional<auth::InteractionLevel> level;

  std::string recorded;                  // FHIR instant, e.g. "2025-03-04T05:06:07.890Z" (required)
  int http_status = 200;                 // the status answered
  std::string client_id;                 // authenticated client; "" when unknown (401)
  std::string client_address;            // peer IP address; "" when unknown
  std::string server_name;               // the gateway's name (source.observer, server agent);
                                         // "" → "fhir-gateway"
  std::string server_url;                // the FHIR base URL; "" when unknown
  std::string resource_type;             // "" for system-level interactions
  std::string resource_id;               // "" for type-level interactions
  std::string version_id;                // "" unless a version is known (vread, after a write)
  std::vector<std::string> patient_ids;  // the Patient ids the data belongs to

  std::string query;           // raw query as received ("code=x&_count=10"); "" when none
  std::string correlation_id;  // the request's correlation id (X-Request-Id); "" when none
};

json::Value MakeAuditEvent(const AuditRecord& r);

// "0", "4" or "8" (see above).
std::string_view OutcomeCode(int http_status);
// Standard base64 (RFC 4648 section 4, with padding), as FHIR base64Binary is written.
std::string Base64Encode(std::string_view bytes);

}  // namespace gw::audit
