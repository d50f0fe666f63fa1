// R4TypeModel: the TypeModel built from FHIR StructureDefinitions (normally the R4 base
// definitions, profiles-types.json + profiles-resources.json), and the builder that makes it.
//
// Which StructureDefinitions define types: kind primitive-type / complex-type / resource /
// logical with derivation "specialization", plus the roots that have no baseDefinition
// (Element, Resource). Constraint profiles (derivation "constraint") are not types and are
// ignored silently; other resource types in a Bundle are ignored too.
//
// What the model holds, per type key (see type_model.h):
//  * children from the snapshot in declaration order (inherited elements first, as the base
//    snapshots list them); slices (element ids with ':') are skipped;
//  * backbone keys for every element that has child elements in the snapshot
//    ("Patient.contact", "Timing.repeat"); their base is the element's declared type code
//    ("BackboneElement", or "Element" for element groups inside datatypes);
//  * contentReference elements ("#Questionnaire.item") get content_key "Questionnaire.item"
//    and the referenced element's type codes;
//  * type codes: FHIRPath system codes (http://hl7.org/fhirpath/System.String) are mapped to
//    the FHIR type named by the structuredefinition-fhir-type extension ("string" for
//    Element.id, "uri" for Extension.url); the `value` element of a primitive type keeps the
//    system type as "System.String", "System.Date", ...;
//  * primitive types with the regex of their `value` element
//    (extension http://hl7.org/fhir/StructureDefinition/regex) and their FHIRPath system type.
//
// Data problems in the definitions (an SD without snapshot, an element whose parent is
// missing, a duplicate type) are reported as Issues (codes "model-invalid-definition",
// "model-orphan-element", "model-duplicate-type", "model-unknown-base",
// "model-unresolved-content-reference") and the offending part is skipped.
// The model copies what it needs: the json trees handed to the builder may be freed after
// Add() returns.
// Thread safety: a TypeModelBuilder is used by one thread; the built R4TypeModel is immutable
// and safe to share between threads.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/base/issue.h"
#include "gateway/core/base/status.h"
#include "gateway/core/json/value.h"
#include "gateway/core/model/type_model.h"

namespace gw::model {

class R4TypeModel final : public TypeModel {
 public:
  struct Data;  // implementation detail (r4_model.cc)
  explicit R4TypeModel(std::unique_ptr<const Data> data);
  ~R4TypeModel() override;

  bool HasType(std::string_view type_key) const override;
  std::optional<TypeKind> KindOf(std::string_view type_key) const override;
  const ChildInfo* FindChild(std::string_view type_key, std::string_view name) const override;
  const std::vector<ChildInfo>* Children(std::string_view type_key) const override;
  std::optional<Resolved> ResolveJsonName(std::string_view type_key,
                                          std::string_view json_name) const override;
  std::string_view BaseOf(std::string_view type_key) const override;
  bool IsA(std::string_view type_key, std::string_view ancestor) const override;
  const PrimitiveInfo* Primitive(std::string_view type) const override;

  // Extras of this implementation (not in the TypeModel interface).
  // Type keys of the given kind, sorted by name (backbone keys for kBackbone).
  std::vector<std::string_view> TypeKeys(TypeKind kind) const;
  // True when the StructureDefinition declared the type abstract (Resource, DomainResource,
  // Element, BackboneElement, ...). False for backbone keys and unknown keys.
  bool IsAbstract(std::string_view type_key) const;
  // Canonical url of the StructureDefinition that defines `type_key` ("" for backbone keys).
  std::string_view UrlOf(std::string_view type_key) const;
  // Number of type keys, backbone keys included.
  std::size_t size() const;

 private:
  std::unique_ptr<const Data> data_;
};

// Collects StructureDefinitions, then builds the model. Add() takes a StructureDefinition or a
// Bundle whose entries hold StructureDefinitions (other resources are skipped).
class TypeModelBuilder {
 public:
  TypeModelBuilder();
  ~TypeModelBuilder();
  TypeModelBuilder(const TypeModelBuilder&) = delete;
  TypeModelBuilder& operator=(const TypeModelBuilder&) = delete;

  // Records the type defined by `resource` (or by each entry of a Bundle). `issues` may be null.
  void Add(const json::Value& resource, IssueSink* issues);

  // Resolves bases and content references. Errors: kFailedPrecondition when no type was added
  // or when Build() was already called. Problems found here go to `issues` (may be null).
  Result<std::shared_ptr<const R4TypeModel>> Build(IssueSink* issues);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Convenience: one builder over several sources (StructureDefinitions or Bundles of them).
Result<std::shared_ptr<const R4TypeModel>> BuildTypeModel(
    std::span<const json::Value* const> sources, IssueSink* issues = nullptr);

// The FHIRPath system type a FHIR primitive maps to ("dateTime" → "DateTime"), "" when
// `primitive` is not an R4 primitive type name.
std::string_view SystemTypeOfPrimitive(std::string_view primitive);

}  // namespace gw::model
