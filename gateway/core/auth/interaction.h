// Interaction: the FHIR RESTful interaction a request performs, its code in the R4 code system
// http://hl7.org/fhir/restful-interaction (what AuditEvent.subtype records), and the SMART v2
// permission letters (scopes.h) a client needs for it.
//
//   interaction    code (default level)  permissions
//   kRead          read                  r
//   kVRead         vread                 r
//   kHistory       history-instance      r
//   kSearch        search-type           s
//   kCreate        create                c
//   kUpdate        update                u
//   kPatch         patch                 u
//   kDelete        delete                d
//   kOperation     operation             r (default; the dispatcher decides per operation)
//   kCapabilities  capabilities          0 (the CapabilityStatement needs no scope)
//
// Search and history exist at three levels (system, type, instance); the level-aware overload
// returns "search-system" / "search-type" / "history-system" / "history-type" /
// "history-instance" ("search" has no instance level: an instance-level search is a compartment
// search, recorded as "search-type"). Other interactions ignore the level.
// Thread safety: pure functions; returned views point to static strings.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace gw::auth {

enum class Interaction {
  kRead,
  kVRead,
  kSearch,
  kHistory,
  kCreate,
  kUpdate,
  kPatch,
  kDelete,
  kOperation,
  kCapabilities,
};

enum class InteractionLevel { kSystem, kType, kInstance };

inline constexpr std::string_view kRestfulInteractionSystem =
    "http://hl7.org/fhir/restful-interaction";

// The restful-interaction code; search → "search-type", history → "history-instance".
std::string_view RestfulInteractionCode(Interaction interaction);
// The code for an interaction performed at `level` (see above).
std::string_view RestfulInteractionCode(Interaction interaction, InteractionLevel level);

// The interaction a restful-interaction code names (any level); nullopt for codes without an
// Interaction here ("transaction", "batch") and unknown codes.
std::optional<Interaction> InteractionFromCode(std::string_view code);

// SMART v2 permission bits (auth::Permission) the interaction needs on the resource type.
std::uint8_t RequiredPermissions(Interaction interaction);

}  // namespace gw::auth
