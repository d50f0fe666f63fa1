#include "gateway/core/validation/coding_system_check.h"

#include <string>

#include "gateway/core/validation/issue_codes.h"

namespace gw::validation {

bool HasUriScheme(std::string_view uri) {
  std::size_t colon = uri.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!alpha(uri[0])) return false;
  for (std::size_t i = 1; i < colon; ++i) {
    char c = uri[i];
    if (!alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

void CheckCodingSystem(const json::Value& coding, std::string_view location,
                       const CanonicalTypeLookup& resolve_type, IssueSink& sink) {
  if (!coding.is_object()) return;
  const json::Value* system = coding.Find("system");
  if (system == nullptr || !system->is_string() || system->string_value().empty()) return;
  if (HasUriScheme(system->string_value())) {
    if (resolve_type && resolve_type(system->string_value()) == "ValueSet") {
      sink.Report(Issue{Severity::kError, std::string(codes::kCodingSystemIsValueSet),
                        std::string(location) + ".system",
                        "The Coding references a value set, not a code system ('" +
                            std::string(system->string_value()) + "')"});
    }
    return;
  }
  sink.Report(Issue{Severity::kError, std::string(codes::kCodingSystemNotAbsolute),
                    std::string(location) + ".system",
                    "Coding.system must be an absolute reference, not a local reference"});
}

}  // namespace gw::validation
