// CodeSystemIndex: one CodeSystem resource indexed for code lookup and subsumption.
//
// Built from a CodeSystem JSON tree. Concepts come from `concept` (nested `concept` gives the
// is-a hierarchy); the hierarchy is completed by the concept properties `parent`, `child` and
// `subsumedBy` (recognised by code or by the http://hl7.org/fhir/concept-properties URIs).
// Lookups honour `caseSensitive`: only `caseSensitive: false` makes lookups ignore ASCII case
// (an absent flag is treated as case-sensitive). `content` is kept: only kComplete indexes can
// say "this code does not exist". Supplements are not indexed (Build fails with
// kFailedPrecondition). Duplicate codes keep their first definition.
//
// Errors (Build): kInvalidArgument when the tree is not a CodeSystem with a url;
// kFailedPrecondition for a supplement; kResourceExhausted when the concept count or nesting
// exceeds the limits.
// Thread safety: immutable after Build; safe for concurrent reads. The index copies what it
// needs: it does not reference the JSON tree after Build returns.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gateway/core/base/status.h"
#include "gateway/core/json/value.h"
#include "gateway/core/terminology/options.h"

namespace gw::terminology {

enum class CodeSystemContent : std::uint8_t {
  kComplete,
  kFragment,
  kExample,
  kNotPresent,
  kSupplement,
  kUnknown,  // absent or unrecognised value
};

// "complete", "fragment", ...; kUnknown for anything else.
CodeSystemContent ParseContent(std::string_view text);
const char* ContentName(CodeSystemContent content);

struct ConceptProperty {
  std::string code;
  std::string value;  // textual form: valueCode/String/DateTime/Uri as is, booleans "true"/"false",
                      // numbers by their exact text, valueCoding by its code
};

struct Designation {
  std::string language;
  std::string use_system;
  std::string use_code;
  std::string value;
};

struct Concept {
  std::string code;
  std::string display;
  std::string definition;
  std::vector<Designation> designations;
  std::vector<ConceptProperty> properties;
  std::vector<std::uint32_t> parents;   // indices into the index, document order
  std::vector<std::uint32_t> children;  // indices into the index, document order
  bool abstract = false;                // notSelectable / abstract property is true
  bool inactive = false;                // inactive=true or status retired/inactive

  // The value of the first property with `code`, or nullptr.
  const ConceptProperty* FindProperty(std::string_view code) const;
};

enum class Subsumption : std::uint8_t {
  kEquivalent,   // same concept
  kSubsumes,     // a is an ancestor of b
  kSubsumedBy,   // a is a descendant of b
  kNotSubsumed,  // both known, not related
  kUnknown,      // a code is not in the index or the system is not loaded
};
const char* SubsumptionName(Subsumption s);

class CodeSystemIndex {
 public:
  static Result<CodeSystemIndex> Build(const json::Value& code_system,
                                       const TerminologyOptions& options = {});

  const std::string& url() const { return url_; }
  const std::string& version() const { return version_; }
  CodeSystemContent content() const { return content_; }
  bool case_sensitive() const { return case_sensitive_; }
  // True when every code of the system is in the index (content complete).
  bool complete() const { return content_ == CodeSystemContent::kComplete; }

  std::size_t size() const { return concepts_.size(); }
  const Concept& concept_at(std::uint32_t index) const { return concepts_[index]; }
  const std::vector<Concept>& concepts() const { return concepts_; }

  // The concept index for `code`, honouring case sensitivity.
  std::optional<std::uint32_t> IndexOf(std::string_view code) const;
  const Concept* Find(std::string_view code) const;

  // True when `concept` is `ancestor` or a descendant of it (reflexive). Bounded by size().
  bool IsA(std::uint32_t node, std::uint32_t ancestor) const;
  Subsumption Subsumes(std::string_view code_a, std::string_view code_b) const;

  // Visits `root` and all its descendants once each (pre-order, document order); stops early
  // when `visit` returns false.
  void ForEachDescendant(std::uint32_t root, const std::function<bool(std::uint32_t)>& visit) const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::string Key(std::string_view code) const;
  Status ReadConcepts(const json::Value& code_system, const TerminologyOptions& options);
  void LinkHierarchyProperties(const json::Value& code_system);

  std::string url_;
  std::string version_;
  CodeSystemContent content_ = CodeSystemContent::kUnknown;
  bool case_sensitive_ = true;
  bool multi_parent_ = false;
  std::vector<Concept> concepts_;
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> by_code_;
};

// ASCII lower-casing (codes are compared case-insensitively only in ASCII).
std::string AsciiLower(std::string_view s);

}  // namespace gw::terminology
