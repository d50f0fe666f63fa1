// CompiledValueSet: a ValueSet's compose turned into parts that can answer "is this code in
// the value set?" without expanding it, and that the expander can enumerate.
//
// Each include/exclude becomes a ComposePart: a system (with the loaded CodeSystemIndex, or a
// special syntax-checked system, or neither when the system is not available offline), an
// optional concept list (matched version-independently), filters, and included value sets
// (intersection semantics: a code must satisfy the system part and be in every listed value
// set). Included value sets are resolved through a ValueSetSource, which detects cycles and
// bounds the nesting depth.
//
// A value set that cannot be used at all carries a non-OK `status`:
//   kInvalidArgument   malformed compose or filter, bad regex, an include cycle (directly or
//                      through included value sets), or an included value set that is invalid;
//   kResourceExhausted included value sets nested deeper than max_value_set_depth.
// An included value set that is not found, a code system that is not loaded and a filter this
// layer cannot evaluate are not errors: they make the affected answers kUnknown.
//
// Thread safety: a CompiledValueSet is immutable after compilation, except for its lazily
// computed expansion, which the expander fills once under `expansion_once`.
// Lifetime: parts point to CodeSystemIndex and CompiledValueSet objects owned by the
// TerminologyService caches; they live as long as the service.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gateway/core/base/status.h"
#include "gateway/core/json/value.h"
#include "gateway/core/terminology/code_system.h"
#include "gateway/core/terminology/concept_filter.h"
#include "gateway/core/terminology/expansion.h"
#include "gateway/core/terminology/options.h"
#include "gateway/core/terminology/special_systems.h"

namespace gw::terminology {

struct CompiledValueSet;

// A concept listed in compose.include.concept.
struct ListedConcept {
  std::string code;
  std::string display;
  std::vector<std::string> designations;  // designation values
};

struct ComposePart {
  std::string system;                            // empty: only value sets
  std::string version;                           // as written (not used for matching)
  const CodeSystemIndex* code_system = nullptr;  // loaded CodeSystem (any content), or nullptr
  SpecialSystem special = SpecialSystem::kNone;  // used only when code_system is nullptr
  bool case_sensitive = true;                    // for concept list matching

  bool has_concepts = false;
  std::vector<ListedConcept> concepts;
  std::vector<FilterSpec> filters;
  std::vector<ConceptFilter> compiled_filters;  // one per filter when code_system is set
  Status filter_status;  // kUnimplemented: a filter this layer cannot evaluate

  std::vector<const CompiledValueSet*> value_sets;
  std::vector<std::string> missing_value_sets;  // included canonicals that are not found

  // The listed concept for `code`, or nullptr (only meaningful when has_concepts).
  const ListedConcept* FindListed(std::string_view code) const;

  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> listed_index;
};

struct CompiledValueSet {
  std::string canonical;  // as requested
  std::string url;
  std::string version;
  Status status;  // see the header comment

  bool has_compose = false;
  std::vector<ComposePart> includes;
  std::vector<ComposePart> excludes;
  // The ValueSet's own expansion, when it has one (and it is within the size limit).
  std::shared_ptr<const ValueSetExpansion> stored_expansion;

  // Filled once by the expander.
  mutable std::once_flag expansion_once;
  mutable std::optional<Result<std::shared_ptr<const ValueSetExpansion>>> expansion;
};

// What compilation needs from its owner (the TerminologyService).
class ValueSetSource {
 public:
  virtual ~ValueSetSource() = default;
  // The loaded CodeSystem for `url`, or nullptr when it is not available.
  virtual const CodeSystemIndex* FindCodeSystem(std::string_view url, std::string_view version) = 0;
  // The compiled value set for an included canonical: nullptr when not found; an error when it
  // is invalid, part of a cycle, or nested too deeply.
  virtual Result<const CompiledValueSet*> FindValueSet(std::string_view canonical) = 0;
};

// Compiles `value_set` (a ValueSet tree). Always returns an object; problems are in `status`.
std::unique_ptr<CompiledValueSet> CompileValueSet(const json::Value& value_set,
                                                  std::string canonical, ValueSetSource& source,
                                                  const TerminologyOptions& options);

}  // namespace gw::terminology
