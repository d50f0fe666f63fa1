// ProfileSchema: one StructureDefinition snapshot compiled into a flat, immutable table of
// element rules the validator walks.
//
// Element 0 is the root (e.g. "Patient"). Each ElementRule lists its child rules (indices into
// the table) with a sorted lookup by JSON property name (choice elements are expanded:
// "value[x]" with types Quantity|string → "valueQuantity", "valueString"), its types, cardinality,
// fixed/pattern values, limits, binding, compiled invariants and slicing. Slices of an element
// are rules of their own (ids with ":name") listed in `slices` of the sliced element.
// An element without children in the snapshot is validated against its type's schema
// (TypeRule::schema, linked by the SchemaRegistry; null until linked or when unresolvable).
// Thread safety: immutable after the SchemaRegistry publishes it; shared read-only by threads.
// Lifetimes: linked schema pointers point at other schemas of the same registry.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gateway/core/base/issue.h"
#include "gateway/core/fhirpath/engine.h"
#include "gateway/core/json/value.h"

namespace gw::validation {

class ProfileSchema;

inline constexpr std::uint32_t kUnbounded = 0xffffffffu;

// Invariants implemented natively (the same rule as their FHIRPath text, faster).
enum class NativeConstraint : std::uint8_t {
  kNone,
  kEle1,  // hasValue() or (children().count() > id.count())
  kExt1,  // extension.exists() != value.exists()
  kQty3,  // code.empty() or system.exists()
};

// Cheap preconditions under which an invariant is known to pass without evaluating it
// (each follows from the invariant's R4 expression).
enum class ConstraintGuard : std::uint8_t {
  kNone,
  kNeedsContained,       // dom-2..dom-5: true when the resource has no `contained`
  kNeedsLocalReference,  // ref-1: true unless `reference` starts with '#' (and is not "#")
  kNeedsStartAndEnd,     // per-1: true unless both `start` and `end` are present
};

struct ConstraintRule {
  std::string key;  // "ele-1"
  Severity severity = Severity::kError;
  std::string human;
  std::shared_ptr<const fhirpath::Expression> expression;  // null when native or skipped
  NativeConstraint native = NativeConstraint::kNone;
  ConstraintGuard guard = ConstraintGuard::kNone;
};

struct TypeRule {
  std::string code;                         // "HumanName", "Reference", "string"
  std::vector<std::string> profiles;        // type.profile
  std::vector<std::string> target_profiles; // type.targetProfile
  std::vector<std::string> target_types;    // resource types the target profiles constrain
  std::vector<std::string> aggregation;     // type.aggregation: contained | referenced | bundled
  const ProfileSchema* schema = nullptr;    // schema of profiles[0] or of the base type
};

enum class DiscriminatorKind : std::uint8_t { kValue, kPattern, kType, kProfile, kExists };
enum class SlicingRules : std::uint8_t { kClosed, kOpen, kOpenAtEnd };

struct Discriminator {
  DiscriminatorKind kind = DiscriminatorKind::kValue;
  std::string path;  // "$this", "code", "url", "resolve()", ...
};

struct Slicing {
  std::vector<Discriminator> discriminators;
  bool ordered = false;
  SlicingRules rules = SlicingRules::kOpen;
};

struct BindingRule {
  std::string strength;   // required | extensible | preferred | example
  std::string value_set;  // canonical, may be empty
  // Additional bindings that are checked (the R4 extension for R5 binding.additional): purpose
  // maximum/required → strength required, extensible → extensible, preferred → preferred; those
  // with another purpose, without a value set or limited by a usage context are left out.
  std::vector<BindingRule> additional = {};
};

struct ChildName {
  std::string json_name;     // "valueQuantity"
  std::uint32_t element = 0; // index of the child rule
  std::uint16_t type = 0;    // index into the child's types (choice elements)
  std::uint16_t ordinal = 0; // position of the child in the parent's `children`
};

struct ElementRule {
  std::string id;    // "Patient.contact.name", "Observation.component:systolic"
  std::string path;  // "Patient.contact.name"
  std::string name;  // last path segment without "[x]"
  std::string slice_name;
  std::uint32_t min = 0;
  std::uint32_t max = kUnbounded;
  bool repeating = false;  // base max > 1: an array in JSON
  bool choice = false;
  bool is_modifier = false;
  bool has_children = false;  // `children` non-empty (else use the type's schema)
  std::vector<TypeRule> types;
  std::string type_key;  // type key for FHIRPath ("Patient.contact", "HumanName")
  std::int32_t content_reference = -1;  // element whose children this one reuses
  // Schema that `content_reference` indexes: null for this one; the base type's schema in a
  // profile (a content reference names the base definition's element, linked by the registry).
  const ProfileSchema* content_schema = nullptr;
  std::vector<std::uint32_t> children;  // in snapshot order
  std::vector<ChildName> child_names;   // sorted by json_name
  std::optional<json::Value> fixed;
  std::optional<json::Value> pattern;
  std::optional<json::Value> min_value;
  std::optional<json::Value> max_value;
  std::string min_value_type;  // "Quantity", "date", ... suffix of minValue[x]
  std::string max_value_type;
  std::uint32_t max_length = 0;  // 0 = none
  std::optional<BindingRule> binding;
  std::vector<ConstraintRule> constraints;
  std::optional<Slicing> slicing;
  std::vector<std::uint32_t> slices;  // rules of the slices of this element
};

// StructureDefinition.context of an extension definition.
struct ExtensionContext {
  std::string type;        // element | extension | fhirpath
  std::string expression;  // "Patient", "HumanName.family", an extension url, a FHIRPath
};

class ProfileSchema {
 public:
  std::string url;
  std::string version;
  std::string name;
  std::string type;             // the constrained type ("Patient", "Extension")
  std::string kind;             // resource | complex-type | primitive-type | logical
  std::string derivation;       // specialization | constraint
  std::string base_definition;  // canonical
  bool is_abstract = false;
  std::vector<ExtensionContext> contexts;  // extension definitions only
  std::vector<ElementRule> elements;  // [0] is the root

  const ElementRule& root() const { return elements[0]; }
  const ElementRule& at(std::uint32_t i) const { return elements[i]; }
  // The child of `parent` whose JSON property name is `json_name`; nullptr when unknown.
  const ChildName* FindChild(const ElementRule& parent, std::string_view json_name) const;
  // The first child of `parent` with element name `name` (no "[x]"); nullptr when none.
  const ElementRule* FindChildByName(const ElementRule& parent, std::string_view name) const;
};

}  // namespace gw::validation
