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
  void CheckExtension(const json::Value& ext, const ElementRule& child);
  void CheckExtensionContext(std::string_view url, const ProfileSchema& schema,
                             const ElementRule& child);
  void CheckReference(const json::Value& ref, const TypeRule& type);
  void CheckBinding(const json::Value& value, const ElementRule& rule, std::string_view type);
  void ValidateSliceItem(const json::Value& item, const ProfileSchema& schema,
                         const ElementRule& slice);
  const json::Value* ResolveInBundle(std::string_view reference);
  Source StructureOf(const ElementDef& def) const;
  bool Budget();

  const SchemaRegistry& registry_;
  const ValidationOptions& options_;
  IssueSink& sink_;
  ConstraintEvaluator constraints_;
  std::string path_;
  std::string_view element_type_;  // type of the object whose members are being walked
  std::vector<ResourceFrame> frames_;
  std::deque<std::vector<std::uint32_t>> counts_;  // per element depth, reused (stable refs)
  std::size_t elements_ = 0;
  int depth_ = 0;
  bool budget_reported_ = false;
  // fullUrl → entry resource of the Bundle being validated (built on first use).
  const json::Value* indexed_bundle_ = nullptr;
  std::unordered_map<std::string_view, const json::Value*> bundle_index_;
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

// True for FHIR primitive type codes ("string", "dateTime", "xhtml", ...).
bool IsPrimitiveTypeCode(std::string_view code);

}  // namespace gw::validation
