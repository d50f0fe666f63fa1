// ValueSet.compose.include.filter: reading a filter and evaluating it on a CodeSystemIndex.
//
// Supported on loaded code systems:
//   concept|code  is-a / descendent-of / is-not-a / generalizes  <code>  (hierarchy)
//   concept|code  = / in / not-in / regex                        (the code itself)
//   display       = / in / not-in / regex                        (the concept's display)
//   parent|child  = / in / not-in                                (a direct parent / child code)
//   <property>    = / in / not-in / regex / exists               (concept properties)
// `in` / `not-in` take a comma-separated list; `regex` must match the whole value (gw::Regex syntax, linear time);
// `exists` takes "true" or "false". A hierarchy filter whose code is not in the code system
// matches nothing (is-not-a: everything).
//
// Errors (ReadFilter/Compile): kInvalidArgument for a malformed filter or a bad regex;
// kUnimplemented for an operator/property pair this layer does not evaluate.
// Thread safety: a compiled ConceptFilter is immutable and may be shared across threads.
// Lifetime: Matches() must be given the same CodeSystemIndex the filter was compiled against.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/regex/regex.h"
#include "gateway/core/base/status.h"
#include "gateway/core/json/value.h"
#include "gateway/core/terminology/code_system.h"
#include "gateway/core/terminology/options.h"

namespace gw::terminology {

enum class FilterOp : std::uint8_t {
  kEquals,
  kIsA,
  kDescendentOf,
  kIsNotA,
  kRegex,
  kIn,
  kNotIn,
  kGeneralizes,
  kExists,
};

std::optional<FilterOp> ParseFilterOp(std::string_view text);

struct FilterSpec {
  std::string property;
  FilterOp op = FilterOp::kEquals;
  std::string value;
};

// Reads {"property", "op", "value"}. Errors: kInvalidArgument (missing member, unknown op).
Result<FilterSpec> ReadFilter(const json::Value& filter);

// Splits an `in` / `not-in` value on commas, trimming spaces; empty items are dropped.
std::vector<std::string> SplitFilterList(std::string_view value);

class ConceptFilter {
 public:
  static Result<ConceptFilter> Compile(const FilterSpec& spec, const CodeSystemIndex& code_system,
                                       const TerminologyOptions& options = {});

  bool Matches(const CodeSystemIndex& code_system, std::uint32_t node) const;

  // For hierarchy filters (is-a, descendent-of): the root concept, when it exists. Expansion
  // walks the descendants of the root instead of testing every concept.
  std::optional<std::uint32_t> hierarchy_root() const;

 private:
  enum class Target : std::uint8_t { kCode, kDisplay, kParent, kChild, kProperty };
  bool MatchesValue(std::string_view value) const;
  bool MatchesConceptValues(const CodeSystemIndex& code_system, const Concept& item) const;

  FilterSpec spec_;
  Target target_ = Target::kCode;
  bool case_sensitive_ = true;
  std::optional<std::uint32_t> root_;  // hierarchy filters
  std::vector<std::string> values_;    // in / not-in (normalised for case when needed)
  std::shared_ptr<const Regex> regex_;
};

}  // namespace gw::terminology
