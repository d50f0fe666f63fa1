// The invariants of the loaded definitions the validator does not evaluate, with the reason,
// and those it evaluates in a corrected form.
// An entry belongs here only with evidence that the published expression is defective (the
// reference validators carry equivalent exceptions), or with a native implementation.
#include <array>
#include <string>
#include <string_view>

#include "gateway/core/validation/schema_compiler.h"

namespace gw::validation {

std::string_view ConstraintSkipReason(std::string_view key, std::string_view expression) {
  struct Entry {
    std::string_view key;
    std::string_view reason;
  };
  static constexpr std::array<Entry, 1> kSkips{{
      {"dom-3",
       "checked natively (contained_references.h): the expression applies as() to "
       "collections and does not see narrative links; the reference validator does the same"},
  }};
  for (const Entry& e : kSkips) {
    if (e.key == key) return e.reason;
  }
  (void)expression;
  return {};
}

std::string ConstraintCorrection(std::string_view key, std::string_view expression) {
  // eld-19 (ElementDefinition.path has no special characters) tests its pattern with matches(),
  // which succeeds on any matching part ("Observation...unit" passes on "Observation"); the rule
  // is about the whole path, so the pattern is applied to the whole value (FHIRPath clarification
  // the reference validator applies too).
  constexpr std::string_view kPrefix = "path.matches(";
  if (key == "eld-19" && expression.substr(0, kPrefix.size()) == kPrefix) {
    return "path.matchesFull(" + std::string(expression.substr(kPrefix.size()));
  }
  return {};
}

}  // namespace gw::validation
