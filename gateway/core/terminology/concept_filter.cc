#include "gateway/core/terminology/concept_filter.h"

#include <algorithm>
#include <utility>

namespace gw::terminology {
namespace {

std::string_view StringMember(const json::Value& object, std::string_view key) {
  const json::Value* v = object.Find(key);
  return v != nullptr && v->is_string() ? v->string_value() : std::string_view();
}

bool IsHierarchyOp(FilterOp op) {
  return op == FilterOp::kIsA || op == FilterOp::kDescendentOf || op == FilterOp::kIsNotA ||
         op == FilterOp::kGeneralizes;
}

Result<std::shared_ptr<const Regex>> CompileRegex(std::string_view pattern,
                                                  const TerminologyOptions& options) {
  if (pattern.size() > options.max_regex_length) {
    return Unimplemented("regex filter longer than " + std::to_string(options.max_regex_length));
  }
  Regex::Options o;
  o.dot_matches_newline = false;
  auto re = Regex::Compile(pattern, o);
  if (!re.ok()) return InvalidArgument("invalid regex in ValueSet filter");
  return re;
}

// Codes and displays are short; longer text never matches a filter.
constexpr std::size_t kMaxRegexSubject = 4096;

}  // namespace

std::optional<FilterOp> ParseFilterOp(std::string_view text) {
  if (text == "=") return FilterOp::kEquals;
  if (text == "is-a") return FilterOp::kIsA;
  if (text == "descendent-of") return FilterOp::kDescendentOf;
  if (text == "is-not-a") return FilterOp::kIsNotA;
  if (text == "regex") return FilterOp::kRegex;
  if (text == "in") return FilterOp::kIn;
  if (text == "not-in") return FilterOp::kNotIn;
  if (text == "generalizes") return FilterOp::kGeneralizes;
  if (text == "exists") return FilterOp::kExists;
  return std::nullopt;
}

Result<FilterSpec> ReadFilter(const json::Value& filter) {
  if (!filter.is_object()) return InvalidArgument("ValueSet filter is not an object");
  FilterSpec spec;
  spec.property = StringMember(filter, "property");
  spec.value = StringMember(filter, "value");
  std::string_view op_text = StringMember(filter, "op");
  std::optional<FilterOp> op = ParseFilterOp(op_text);
  if (spec.property.empty() || !op.has_value()) {
    return InvalidArgument("ValueSet filter needs a property and a known op (got '" +
                           std::string(op_text) + "')");
  }
  spec.op = *op;
  return spec;
}

std::vector<std::string> SplitFilterList(std::string_view value) {
  std::vector<std::string> out;
  while (!value.empty()) {
    std::size_t comma = value.find(',');
    std::string_view item = value.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return out;
}

Result<ConceptFilter> ConceptFilter::Compile(const FilterSpec& spec,
                                             const CodeSystemIndex& code_system,
                                             const TerminologyOptions& options) {
  ConceptFilter f;
  f.spec_ = spec;
  const std::string& p = spec.property;
  if (p == "concept" || p == "code") {
    f.target_ = Target::kCode;
    f.case_sensitive_ = code_system.case_sensitive();
  } else if (p == "display") {
    f.target_ = Target::kDisplay;
  } else if (p == "parent") {
    f.target_ = Target::kParent;
    f.case_sensitive_ = code_system.case_sensitive();
  } else if (p == "child") {
    f.target_ = Target::kChild;
    f.case_sensitive_ = code_system.case_sensitive();
  } else {
    f.target_ = Target::kProperty;
  }
  if (IsHierarchyOp(spec.op)) {
    if (f.target_ != Target::kCode) {
      return Unimplemented("filter '" + p + "' with a hierarchy operator");
    }
    f.root_ = code_system.IndexOf(spec.value);
    return f;
  }
  switch (spec.op) {
    case FilterOp::kExists:
      if (f.target_ != Target::kProperty || (spec.value != "true" && spec.value != "false")) {
        return Unimplemented("exists filter on '" + p + "'");
      }
      return f;
    case FilterOp::kRegex: {
      if (f.target_ == Target::kParent || f.target_ == Target::kChild) {
        return Unimplemented("regex filter on '" + p + "'");
      }
      auto regex = CompileRegex(spec.value, options);
      if (!regex.ok()) return regex.status();
      f.regex_ = std::move(regex).value();
      return f;
    }
    case FilterOp::kEquals:
      f.values_ = {spec.value};
      break;
    default:  // in / not-in
      f.values_ = SplitFilterList(spec.value);
      break;
  }
  if (!f.case_sensitive_) {
    for (std::string& v : f.values_) v = AsciiLower(v);
  }
  return f;
}

std::optional<std::uint32_t> ConceptFilter::hierarchy_root() const {
  if (spec_.op == FilterOp::kIsA || spec_.op == FilterOp::kDescendentOf) return root_;
  return std::nullopt;
}

bool ConceptFilter::MatchesValue(std::string_view value) const {
  if (regex_ != nullptr) {
    return value.size() <= kMaxRegexSubject && regex_->FullMatch(value);
  }
  std::string folded;
  if (!case_sensitive_) {
    folded = AsciiLower(value);
    value = folded;
  }
  return std::find(values_.begin(), values_.end(), value) != values_.end();
}

// True when any value of the filter's target on `concept` matches (before negation).
bool ConceptFilter::MatchesConceptValues(const CodeSystemIndex& code_system,
                                         const Concept& item) const {
  switch (target_) {
    case Target::kCode:
      return MatchesValue(item.code);
    case Target::kDisplay:
      return MatchesValue(item.display);
    case Target::kParent:
      return std::any_of(item.parents.begin(), item.parents.end(), [&](std::uint32_t i) {
        return MatchesValue(code_system.concept_at(i).code);
      });
    case Target::kChild:
      return std::any_of(item.children.begin(), item.children.end(), [&](std::uint32_t i) {
        return MatchesValue(code_system.concept_at(i).code);
      });
    case Target::kProperty:
      return std::any_of(item.properties.begin(), item.properties.end(),
                         [&](const ConceptProperty& cp) {
                           return cp.code == spec_.property && MatchesValue(cp.value);
                         });
  }
  return false;
}

bool ConceptFilter::Matches(const CodeSystemIndex& code_system, std::uint32_t node) const {
  switch (spec_.op) {
    case FilterOp::kIsA:
      return root_.has_value() && code_system.IsA(node, *root_);
    case FilterOp::kDescendentOf:
      return root_.has_value() && node != *root_ && code_system.IsA(node, *root_);
    case FilterOp::kIsNotA:
      return !root_.has_value() || !code_system.IsA(node, *root_);
    case FilterOp::kGeneralizes:
      return root_.has_value() && code_system.IsA(*root_, node);
    case FilterOp::kExists: {
      bool has = code_system.concept_at(node).FindProperty(spec_.property) != nullptr;
      return has == (spec_.value == "true");
    }
    case FilterOp::kNotIn:
      return !MatchesConceptValues(code_system, code_system.concept_at(node));
    default:  // =, in, regex
      return MatchesConceptValues(code_system, code_system.concept_at(node));
  }
}

}  // namespace gw::terminology
