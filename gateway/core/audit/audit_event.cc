#include "gateway/core/audit/audit_event.h"

#include <algorithm>
#include <set>

#include "gateway/core/base/base64.h"

namespace gw::audit {
namespace {

using auth::Interaction;

constexpr std::string_view kAuditEventType =
    "http://terminology.hl7.org/CodeSystem/audit-event-type";
constexpr std::string_view kDicom = "http://dicom.nema.org/resources/ontology/DCM";
constexpr std::string_view kEntityType = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
constexpr std::string_view kObjectRole = "http://terminology.hl7.org/CodeSystem/object-role";
constexpr std::string_view kSourceType =
    "http://terminology.hl7.org/CodeSystem/security-source-type";

json::Value Str(std::string_view s) { return json::Value::String(std::string(s)); }

json::Value Obj(std::vector<json::Member> members) {
  return json::Value::Object(std::move(members));
}

json::Value Coding(std::string_view system, std::string_view code, std::string_view display) {
  std::vector<json::Member> m{{"system", Str(system)}, {"code", Str(code)}};
  if (!display.empty()) m.push_back({"display", Str(display)});
  return Obj(std::move(m));
}

std::string_view ActionCode(Interaction i) {
  switch (i) {
    case Interaction::kCreate:
      return "C";
    case Interaction::kRead:
    case Interaction::kVRead:
    case Interaction::kHistory:
    case Interaction::kCapabilities:
      return "R";
    case Interaction::kUpdate:
    case Interaction::kPatch:
      return "U";
    case Interaction::kDelete:
      return "D";
    case Interaction::kSearch:
    case Interaction::kOperation:
      return "E";
  }
  return "E";
}

// BALP: the client is the destination when data only flows to it, the source otherwise.
bool ClientReceivesOnly(Interaction i) {
  return i == Interaction::kRead || i == Interaction::kVRead || i == Interaction::kHistory ||
         i == Interaction::kCapabilities;
}

std::string_view OutcomeText(int status) {
  switch (status) {
    case 400:
      return "invalid request";
    case 401:
      return "authentication required";
    case 403:
      return "access denied";
    case 404:
      return "not found";
    case 405:
      return "method not allowed";
    case 409:
    case 412:
      return "conflict";
    case 410:
      return "gone";
    case 413:
      return "request too large";
    case 422:
      return "unprocessable resource";
    case 429:
      return "rate limited";
  }
  return status >= 500 ? "server error" : "request refused";
}

json::Value Agent(std::string_view role_code, std::string_view role_display, json::Value who,
                  bool requestor, std::string_view address, std::string_view address_type) {
  std::vector<json::Member> m;
  m.push_back(
      {"type", Obj({{"coding", json::Value::Array({Coding(kDicom, role_code, role_display)})}})});
  m.push_back({"who", std::move(who)});
  m.push_back({"requestor", json::Value::Bool(requestor)});
  if (!address.empty()) {
    m.push_back({"network", Obj({{"address", Str(address)}, {"type", Str(address_type)}})});
  }
  return Obj(std::move(m));
}

json::Value Entity(json::Value what, json::Value type, json::Value role) {
  std::vector<json::Member> m;
  if (!what.is_null()) m.push_back({"what", std::move(what)});
  m.push_back({"type", std::move(type)});
  if (!role.is_null()) m.push_back({"role", std::move(role)});
  return Obj(std::move(m));
}

json::Value RefTo(std::string reference) { return Obj({{"reference", Str(reference)}}); }

std::vector<json::Value> Agents(const AuditRecord& r) {
  const bool receives = ClientReceivesOnly(r.interaction);
  std::string_view client_code = receives ? "110152" : "110153";
  std::string_view client_display = receives ? "Destination Role ID" : "Source Role ID";
  std::string_view server_code = receives ? "110153" : "110152";
  std::string_view server_display = receives ? "Source Role ID" : "Destination Role ID";
  json::Value client_who;
  if (r.client_id.empty()) {
    client_who = Obj({{"display", Str("unauthenticated client")}});
  } else {
    json::Value id = Obj({{"system", Str(kClientIdSystem)}, {"value", Str(r.client_id)}});
    client_who = Obj({{"identifier", std::move(id)}});
  }
  std::string server_name = r.server_name.empty() ? "fhir-gateway" : r.server_name;
  std::vector<json::Value> out;
  out.push_back(
      Agent(client_code, client_display, std::move(client_who), true, r.client_address, "2"));
  out.push_back(Agent(server_code, server_display, Obj({{"display", Str(server_name)}}), false,
                      r.server_url, "5"));
  return out;
}

std::vector<json::Value> Entities(const AuditRecord& r) {
  std::vector<json::Value> out;
  if (!r.correlation_id.empty()) {
    out.push_back(Entity(Obj({{"identifier", Obj({{"value", Str(r.correlation_id)}})}}),
                         Coding(kBalpEntityTypeSystem, "XrequestId", ""), json::Value()));
  }
  if (!r.resource_type.empty() && !r.resource_id.empty()) {
    std::string ref = r.resource_type + "/" + r.resource_id;
    if (!r.version_id.empty()) ref += "/_history/" + r.version_id;
    out.push_back(Entity(RefTo(std::move(ref)), Coding(kEntityType, "2", "System Object"),
                         Coding(kObjectRole, "4", "Domain Resource")));
  }
  if (r.interaction == Interaction::kSearch || !r.query.empty()) {
    json::Value e = Entity(json::Value(), Coding(kEntityType, "2", "System Object"),
                           Coding(kObjectRole, "24", "Query"));
    if (!r.query.empty()) {
      std::vector<json::Member> m(e.members().begin(), e.members().end());
      m.push_back({"query", Str(Base64Encode(r.query))});
      e = Obj(std::move(m));
    }
    out.push_back(std::move(e));
  }
  std::set<std::string> patients;
  for (const std::string& p : r.patient_ids) {
    if (!p.empty()) patients.insert(p);
  }
  for (const std::string& p : patients) {
    out.push_back(Entity(RefTo("Patient/" + p), Coding(kEntityType, "1", "Person"),
                         Coding(kObjectRole, "1", "Patient")));
  }
  return out;
}

}  // namespace

std::string_view OutcomeCode(int http_status) {
  if (http_status >= 500) return "8";
  if (http_status >= 400) return "4";
  return "0";
}

std::string Base64Encode(std::string_view bytes) {
  std::string out = Base64UrlEncode(bytes);
  for (char& c : out) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  out.append((4 - out.size() % 4) % 4, '=');
  return out;
}

json::Value MakeAuditEvent(const AuditRecord& r) {
  std::vector<json::Member> m;
  m.push_back({"resourceType", Str("AuditEvent")});
  m.push_back({"type", Coding(kAuditEventType, "rest", "Restful Operation")});
  std::string_view code = r.level ? auth::RestfulInteractionCode(r.interaction, *r.level)
                                  : auth::RestfulInteractionCode(r.interaction);
  m.push_back(
      {"subtype", json::Value::Array({Coding(auth::kRestfulInteractionSystem, code, code)})});
  m.push_back({"action", Str(ActionCode(r.interaction))});
  m.push_back({"recorded", Str(r.recorded)});
  std::string_view outcome = OutcomeCode(r.http_status);
  m.push_back({"outcome", Str(outcome)});
  if (outcome != "0") m.push_back({"outcomeDesc", Str(OutcomeText(r.http_status))});
  m.push_back({"agent", json::Value::Array(Agents(r))});
  std::string server_name = r.server_name.empty() ? "fhir-gateway" : r.server_name;
  m.push_back(
      {"source",
       Obj({{"observer", Obj({{"display", Str(server_name)}})},
            {"type", json::Value::Array({Coding(kSourceType, "4", "Application Server")})}})});
  std::vector<json::Value> entities = Entities(r);
  if (!entities.empty()) m.push_back({"entity", json::Value::Array(std::move(entities))});
  return Obj(std::move(m));
}

}  // namespace gw::audit
