// ElementWalker: fixed/pattern, maxLength, minValue/maxValue and binding checks of one value.
#include "gateway/core/validation/capability_statement_check.h"
#include "gateway/core/validation/element_walker.h"
#include "gateway/core/validation/issue_codes.h"
#include "gateway/core/validation/value_check.h"

namespace gw::validation {

void ElementWalker::CheckValueRules(const json::Value& value, const ElementRule& rule,
                                    std::string_view type) {
  if (rule.fixed && !MatchesFixed(*rule.fixed, value)) {
    if (rule.fixed->is_object() && value.is_object()) {
      // A complex fixed value: each member that departs from it, at its own location.
      std::vector<std::string> steps;
      FixedDepartures(*rule.fixed, value, &steps);
      std::size_t len = path_.size();
      for (const std::string& step : steps) {
        path_ += step;
        Report(Severity::kError, codes::kFixed,
               "value does not equal the fixed value of " + rule.id);
        path_.resize(len);
      }
    } else {
      Report(Severity::kError, codes::kFixed, "value does not equal the fixed value of " + rule.id);
    }
  }
  if (rule.pattern && !MatchesPattern(*rule.pattern, value)) {
    Report(Severity::kError, codes::kPattern, "value does not match the pattern of " + rule.id);
  }
  if (rule.max_length > 0 && value.is_string() && Utf8Length(value.string_value()) > rule.max_length) {
    Report(Severity::kError, codes::kMaxLength,
           "value is longer than maxLength " + std::to_string(rule.max_length));
  }
  if (rule.min_value) {
    auto c = CompareOrdered(type, value, *rule.min_value);
    if (!c) c = CompareToDurationBound(value, *rule.min_value, options_.now, true);
    if (c && *c < 0) Report(Severity::kError, codes::kMinValue, "value is below minValue");
  }
  if (rule.max_value) {
    auto c = CompareOrdered(type, value, *rule.max_value);
    if (!c) c = CompareToDurationBound(value, *rule.max_value, options_.now, false);
    if (c && *c > 0) Report(Severity::kError, codes::kMaxValue, "value is above maxValue");
  }
}

void ElementWalker::CheckBinding(const json::Value& value, const ElementRule& rule,
                                 std::string_view type) {
  if (options_.bindings == nullptr || !rule.binding) return;
  if (IsFormatShortName(rule, value)) return;  // "xml", "json", "ttl": not MIME types
  options_.bindings->CheckBinding(value, type, *rule.binding, path_, sink_);
}

}  // namespace gw::validation
