// TypeModel: the FHIR R4 type system as the rest of the core sees it (FHIRPath navigation,
// `is`/`as`/`ofType`, validation, search indexing).
//
// Types are addressed by a *type key*: the name of a type ("Patient", "HumanName", "string")
// or, for an anonymous backbone element, the element path that defines it ("Patient.contact",
// "Questionnaire.item"). contentReference elements (e.g. Questionnaire.item.item) point at the
// key of the element they reuse ("Questionnaire.item").
// Implementations are built once at start-up and then immutable: every method is safe to call
// from any thread. Returned pointers/views live as long as the model.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::model {

enum class TypeKind : std::uint8_t {
  kPrimitive,  // boolean, string, date, ... (JSON primitive + optional "_name" sibling)
  kComplex,    // datatypes: HumanName, Quantity, Extension, BackboneElement, ...
  kResource,   // Patient, Bundle, Resource, DomainResource, ...
  kBackbone,   // an anonymous backbone element, addressed by path ("Patient.contact")
  kLogical,    // logical models
};

// One element of a type, as declared by the StructureDefinition snapshot.
struct ChildInfo {
  std::string name;               // element name without "[x]": "value", "name", "contact"
  std::vector<std::string> types; // type codes: {"HumanName"}; several for choice elements;
                                  // {"BackboneElement"} or {"Element"} for backbone elements
  std::string content_key;        // type key of the children for backbone / contentReference
                                  // elements ("Patient.contact"); empty otherwise
  bool choice = false;            // declared as name[x]
  bool repeating = false;         // max is "*" or > 1
  std::uint32_t min = 0;
  std::string max;                // "1", "*", "0", ...
};

// Information about a primitive type's lexical space.
struct PrimitiveInfo {
  std::string name;   // "decimal"
  std::string regex;  // the R4 regex from the StructureDefinition (value element), may be empty
  // FHIRPath system type the primitive maps to: "Boolean", "String", "Integer", "Decimal",
  // "Date", "DateTime", "Time".
  std::string system_type;
};

class TypeModel {
 public:
  virtual ~TypeModel() = default;

  // True when `type_key` names a known type or backbone path.
  virtual bool HasType(std::string_view type_key) const = 0;
  virtual std::optional<TypeKind> KindOf(std::string_view type_key) const = 0;

  // The declared child `name` (no "[x]") of `type_key`, including inherited elements
  // (e.g. "id", "extension", "meta"); nullptr when there is none.
  virtual const ChildInfo* FindChild(std::string_view type_key, std::string_view name) const = 0;

  // All children of `type_key` in declaration order (inherited first); empty if unknown.
  virtual const std::vector<ChildInfo>* Children(std::string_view type_key) const = 0;

  // Resolves a JSON property name of an object of `type_key` to its element and concrete type:
  // "valueQuantity" on "Observation" → (value, "Quantity"); "name" on "Patient" →
  // (name, "HumanName"). A leading '_' is not accepted here (strip it first).
  struct Resolved {
    const ChildInfo* child = nullptr;
    std::string_view type;         // concrete type code
  };
  virtual std::optional<Resolved> ResolveJsonName(std::string_view type_key,
                                                  std::string_view json_name) const = 0;

  // Base type ("Patient" → "DomainResource" → "Resource" → ""), "" when none/unknown.
  // Backbone keys have base "BackboneElement" (or "Element" for element groups that the
  // definition declares with type Element, e.g. "Timing.repeat", "Dosage.doseAndRate").
  virtual std::string_view BaseOf(std::string_view type_key) const = 0;

  // True when `type_key` is `ancestor` or derives from it.
  virtual bool IsA(std::string_view type_key, std::string_view ancestor) const = 0;

  // Primitive type info, nullptr when `type` is not a primitive.
  virtual const PrimitiveInfo* Primitive(std::string_view type) const = 0;
};

}  // namespace gw::model
