#include "gateway/core/auth/interaction.h"

#include "gateway/core/auth/scopes.h"

namespace gw::auth {

std::string_view RestfulInteractionCode(Interaction interaction) {
  switch (interaction) {
    case Interaction::kRead:
      return "read";
    case Interaction::kVRead:
      return "vread";
    case Interaction::kSearch:
      return "search-type";
    case Interaction::kHistory:
      return "history-instance";
    case Interaction::kCreate:
      return "create";
    case Interaction::kUpdate:
      return "update";
    case Interaction::kPatch:
      return "patch";
    case Interaction::kDelete:
      return "delete";
    case Interaction::kOperation:
      return "operation";
    case Interaction::kCapabilities:
      return "capabilities";
  }
  return "operation";
}

std::string_view RestfulInteractionCode(Interaction interaction, InteractionLevel level) {
  if (interaction == Interaction::kSearch) {
    return level == InteractionLevel::kSystem ? "search-system" : "search-type";
  }
  if (interaction == Interaction::kHistory) {
    switch (level) {
      case InteractionLevel::kSystem:
        return "history-system";
      case InteractionLevel::kType:
        return "history-type";
      case InteractionLevel::kInstance:
        return "history-instance";
    }
  }
  return RestfulInteractionCode(interaction);
}

std::optional<Interaction> InteractionFromCode(std::string_view code) {
  struct Row {
    std::string_view code;
    Interaction interaction;
  };
  static constexpr Row kRows[] = {
      {"read", Interaction::kRead},
      {"vread", Interaction::kVRead},
      {"search", Interaction::kSearch},
      {"search-type", Interaction::kSearch},
      {"search-system", Interaction::kSearch},
      {"history", Interaction::kHistory},
      {"history-instance", Interaction::kHistory},
      {"history-type", Interaction::kHistory},
      {"history-system", Interaction::kHistory},
      {"create", Interaction::kCreate},
      {"update", Interaction::kUpdate},
      {"patch", Interaction::kPatch},
      {"delete", Interaction::kDelete},
      {"operation", Interaction::kOperation},
      {"capabilities", Interaction::kCapabilities},
  };
  for (const Row& r : kRows) {
    if (r.code == code) return r.interaction;
  }
  return std::nullopt;
}

std::uint8_t RequiredPermissions(Interaction interaction) {
  switch (interaction) {
    case Interaction::kRead:
    case Interaction::kVRead:
    case Interaction::kHistory:
    case Interaction::kOperation:
      return kRead;
    case Interaction::kSearch:
      return kSearch;
    case Interaction::kCreate:
      return kCreate;
    case Interaction::kUpdate:
    case Interaction::kPatch:
      return kUpdate;
    case Interaction::kDelete:
      return kDelete;
    case Interaction::kCapabilities:
      return 0;
  }
  return kRead;
}

}  // namespace gw::auth
