// ElementWalker: the depth-first walk behind Validator::Validate() (internal to the library).
//
// One walker validates one top-level resource: it keeps the current FHIRPath location in a
// string buffer (appended and truncated, no per-node allocation), the stack of resources for
// %resource/%rootResource, the element budget and per-depth child counters. Issues go to the
// sink given at construction.
// Thread safety: one walker per call; not shared.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <span>
#include <unordered_map>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/base/issue.h"
#include "gateway/core/json/value.h"
#include "gateway/core/validation/constraint_check.h"
#include "gateway/core/validation/profile_schema.h"
#include "gateway/core/validation/schema_registry.h"
#include "gateway/core/validation/validator.h"

namespace gw::validation {

// What an instance node is checked against: an element rule of a schema and, for typed
// elements, the chosen type (choice elements have several).
struct ElementDef {
  const ProfileSchema* schema = nullptr;
  const ElementRule* rule = nullptr;
  const TypeRule* type = nullptr;
};

class ElementWalker {
 public:
  ElementWalker(const SchemaRegistry& registry, const ValidationOptions& options,
                IssueSink& sink);

  // Validates a top-level resource against its base type, its meta.profile (if enabled) and
  // `profiles`.
  void ValidateTopLevel(const json::Value& resource, std::span<const std::string> profiles);

  // Validates `value` (an instance of the element `def`) against one more schema root, at the
  // current location. Used by slicing (profile discriminators) and extension checks.
  void ValidateObjectAgainst(const json::Value& value, const ProfileSchema& schema);

  // Current location (FHIRPath with indices).
  std::string_view location() const { return path_; }
  void Report(Severity severity, std::string_view code, std::string message);
  const SchemaRegistry& registry() const { return registry_; }
  const ValidationOptions& options() const { return options_; }
  const ResourceFrame& frame() const { return frames_.back(); }

 private:
  friend class PathScope;
  struct Source {
    const ProfileSchema* schema = nullptr;
    const ElementRule* rule = nullptr;
  };

  void ValidateResource(const json::Value& resource, const TypeRule* declared,
                        bool contained, std::span<const std::string> profiles);
  void ValidateResourceAgainst(const json::Value& resource, const ProfileSchema& schema);
  // Whether ValidateResource will walk `resource` against a profile of its own type other than
  // `base` (skip_base_when_profiled).
  bool WillWalkOwnTypeProfile(const json::Value& resource, const TypeRule* declared,
                              std::span<const std::string> profiles,
                              const ProfileSchema& base);
  // The profile implied by the resource's content (implied_profiles.h), unless already named.
  void ValidateImpliedProfile(const json::Value& resource, std::span<const std::string> profiles);
  // The global profiles of the ImplementationGuides in force for the resource's type.
  void ValidateGlobalProfiles(const json::Value& resource, const ProfileSchema& base,
                              std::span<const std::string> profiles);
  // Type profiles are alternatives: the resource must conform to one of them. Reports the
  // issues of the first that conforms, else of the one with the fewest errors.
  void ValidateAgainstAnyProfile(const json::Value& resource,
                                 const std::vector<std::string>& profiles);
  void ValidateComplex(const json::Value& obj, const ElementDef& def, bool resource_root);
  void ValidateMembers(const json::Value& obj, const Source& src, bool resource_root,
                       std::vector<std::uint32_t>* counts);
  void ValidateMember(const json::Value& value, const json::Value* ext, const ProfileSchema& schema,
                      const ElementRule& child, const TypeRule* type);
  void ValidateItem(const json::Value& item, const ProfileSchema& schema, const ElementRule& child,
                    const TypeRule* type);
  void ValidatePrimitive(const json::Value& value, const json::Value* ext,
                         const ElementRule& child, const TypeRule& type);
  void ValidatePrimitiveExtension(const json::Value& ext, const ElementRule& child,
                                  const TypeRule& type, const json::Value* value);
  void CheckCardinality(const json::Value& obj, const Source& src,
                        const std::vector<std::uint32_t>& counts);
  void CheckSlicing(const json::Value& obj, const Source& src);
  void CheckConstraints(const json::Value* value, const json::Value* ext, const ElementDef& def,
                        const Source& src);
  void RunConstraints(const std::vector<ConstraintRule>& rules, const json::Value* value,
                      const json::Value* ext, std::string_view type_key,
                      const std::vector<ConstraintRule>* already);
  void CheckValueRules(const json::Value& value, const ElementRule& rule, std::string_view type);
  // With example urls disallowed: a uri/url/canonical value on an example domain is an error.
  void CheckExampleUrl(std::string_view url, const ElementRule& child);
  // Element ids (Element.id) are unique within a resource (nested resources excepted).
  void CheckElementId(const json::Value& obj);
  // Links of a narrative div resolve in the resource (or its container, or its Bundle).
  void CheckNarrative(std::string_view div);
  void CheckExtension(const json::Value& ext, const ElementRule& child);
  // A url with a version ("url|1.0"): reports it (extensions are identified by url alone) and
  // returns the definition to validate against (`unversioned`, else the versioned match).
  const ProfileSchema* CheckVersionedExtensionUrl(std::string_view url,
                                                  const ProfileSchema* unversioned,
                                                  const std::string& at_url);
  void CheckExtensionContext(std::string_view url, const ProfileSchema& schema,
                             const ElementRule& child);
  // False (reported) when the extension's value[x] is of a type its definition does not allow.
  bool CheckExtensionValueType(const json::Value& ext, const ProfileSchema& schema,
                               std::string_view url);
  // Reference checks (reference_check.cc): Reference.type, the target's type against the
  // allowed targets, aggregation modes, and with references_must_resolve, resolution.
  void CheckReference(const json::Value& ref, const TypeRule& type);
  struct LocalTarget {
    const json::Value* resource = nullptr;
    bool contained = false;  // found through "#…" (a contained resource or the container)
  };
  // The resource a reference points at inside the instance being validated: a contained
  // resource ("#id"), the container ("#" from a contained resource), an entry of the nearest
  // enclosing Bundle, or a resource of an enclosing Parameters.
  LocalTarget ResolveLocally(std::string_view reference);
  // `entry_frame`: index in frames_ of the entry resource the reference is made from.
  const json::Value* ResolveInBundle(const json::Value& bundle, std::size_t entry_frame,
                                     std::string_view reference);
  bool CheckRelativeReferenceInBundle(const json::Value& bundle, std::size_t entry_frame,
                                      std::string_view source, std::string_view reference);
  void CheckReferenceTypeMember(std::string_view declared, std::string_view actual,
                                const TypeRule& type);
  void CheckTargetProfilesKnown(std::string_view actual, const TypeRule& type);
  void CheckAggregation(std::string_view reference, const LocalTarget& target,
                        const TypeRule& type);
  // A target found in the instance conforms to one of the reference's target profiles of its
  // type, unless those are all core definitions (reference_target_check.cc).
  void CheckTargetConformance(const LocalTarget& target, std::string_view actual,
                              const TypeRule& type);
  bool ConformsAsTarget(const LocalTarget& target, const ProfileSchema& profile);
  void CheckBinding(const json::Value& value, const ElementRule& rule, std::string_view type);
  // Checks an item that matched `slice` of `sliced` as ValidateItem() checks an element of the
  // slice's definition, leaving out what the walk of `sliced` already did to the same item.
  void ValidateSliceItem(const json::Value& item, const ProfileSchema& schema,
                         const ElementRule& sliced, const ElementRule& slice);
  Source StructureOf(const ElementDef& def) const;
  bool Budget();

  const SchemaRegistry& registry_;
  const ValidationOptions& options_;
  IssueSink& sink_;
  ConstraintEvaluator constraints_;
  std::string path_;
  std::string_view element_type_;  // type of the object whose members are being walked
  std::vector<ResourceFrame> frames_;
  // Per frame: the element ids met so far in that resource (id → element).
  std::vector<std::unordered_map<std::string_view, const json::Value*>> element_ids_;
  std::deque<std::vector<std::uint32_t>> counts_;  // per element depth, reused (stable refs)
  std::size_t elements_ = 0;
  int depth_ = 0;
  bool budget_reported_ = false;
  // Index of the Bundle references were last resolved in (built on first use): fullUrl →
  // entries, and entry resource → its fullUrl.
  const json::Value* indexed_bundle_ = nullptr;
  std::unordered_multimap<std::string_view, const json::Value*> bundle_index_;
  std::unordered_map<const json::Value*, std::string_view> entry_full_urls_;
  // Reference targets checked against target profiles: nesting of such checks, and results.
  int target_check_depth_ = 0;
  // Invariant outcomes by (expression, node): a node is checked once however many profiles
  // (slices, reference targets) walk it. Shared with nested target checks like the table below.
  struct ConstraintMemoKey {
    const void* expression;
    int native;
    const json::Value* value;
    const json::Value* ext;
    bool operator==(const ConstraintMemoKey&) const = default;
  };
  struct ConstraintMemoHash {
    std::size_t operator()(const ConstraintMemoKey& k) const noexcept;
  };
  using ConstraintMemo = std::unordered_map<ConstraintMemoKey, ConstraintOutcome, ConstraintMemoHash>;
  std::shared_ptr<ConstraintMemo> constraint_memo_ = std::make_shared<ConstraintMemo>();
  // One table for the top-level walk and every nested target check it starts.
  using TargetConformance = std::map<std::pair<const json::Value*, const ProfileSchema*>, bool>;
  std::shared_ptr<TargetConformance> target_conformance_ = std::make_shared<TargetConformance>();
};

// Appends a location step on construction and removes it on destruction.
class PathScope {
 public:
  PathScope(ElementWalker& w, std::string_view name) : w_(w), size_(w.path_.size()) {
    if (!w.path_.empty()) w.path_ += '.';
    w.path_ += name;
  }
  PathScope(ElementWalker& w, std::size_t index) : w_(w), size_(w.path_.size()) {
    w.path_ += '[';
    w.path_ += std::to_string(index);
    w.path_ += ']';
  }
  ~PathScope() { w_.path_.resize(size_); }
  PathScope(const PathScope&) = delete;
  PathScope& operator=(const PathScope&) = delete;

 private:
  ElementWalker& w_;
  std::size_t size_;
};

// Severity of an extension whose url resolves to no definition: information (not reported)
// for cross-version, tooling and (when allowed) example urls; warning for the HL7 core
// namespace; else error unless options relax it.
Severity UnknownExtensionSeverity(std::string_view url, const ValidationOptions& options);

// Location step of a choice element with its chosen type, in FHIRPath form:
// ("value", "Quantity") → "value.ofType(Quantity)". Writes into `buffer` and returns a view of it.
std::string_view ChoiceStep(std::string_view name, std::string_view type_code,
                            std::string* buffer);

// The type code of `rule` (a choice element) named by a JSON suffix ("Quantity", "String" →
// "string"); the suffix itself when no type matches.
std::string_view ChoiceTypeOfSuffix(const ElementRule& rule, std::string_view suffix);

// The type of `rule` (an element of resource type with alternatives, Practitioner |
// PractitionerRole) that names the item's resourceType; `fallback` when none or no choice.
const TypeRule* TypeOfResourceItem(const ElementRule& rule, const json::Value& item,
                                   const TypeRule* fallback);

// True for an absolute URI: a lower-case scheme, ':', then a non-empty part without spaces
// ("http://x", "urn:uuid:…"); false for relative references ("Library/x").
bool IsAbsoluteUri(std::string_view uri);

// True for FHIR primitive type codes ("string", "dateTime", "xhtml", ...).
bool IsPrimitiveTypeCode(std::string_view code);

}  // namespace gw::validation
