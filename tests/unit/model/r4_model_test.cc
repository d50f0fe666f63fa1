#define BOOST_TEST_MODULE model_r4_test
#include "gateway/core/model/r4_model.h"

#include <boost/test/unit_test.hpp>
#include <iostream>
#include <memory>

#include "gateway/core/json/parse.h"
#include "gateway/shell/fhir_defs/definitions_loader.h"
#include "gateway/shell/fs/file.h"

namespace gw {
std::ostream& operator<<(std::ostream& os, StatusCode c) { return os << StatusCodeName(c); }
namespace model {
std::ostream& operator<<(std::ostream& os, TypeKind k) { return os << static_cast<int>(k); }
std::ostream& operator<<(std::ostream& os, const std::optional<TypeKind>& k) {
  return k ? os << *k : os << "none";
}
namespace {

// The R4 model, loaded once for all cases; null when the definitions are absent.
std::shared_ptr<const R4TypeModel> Model() {
  static std::shared_ptr<const R4TypeModel> model = [] {
    std::shared_ptr<const R4TypeModel> m;
    if (!shell::PathExists(std::string(GW_FHIR_R4_DIR) + "/profiles-resources.json")) return m;
    IssueList issues;
    auto r = shell::LoadR4TypeModel(GW_FHIR_R4_DIR, &issues);
    BOOST_TEST_REQUIRE(r.ok(), r.status().ToString());
    for (const Issue& i : issues.issues()) {
      BOOST_TEST_MESSAGE(i.code << " " << i.location << " " << i.message);
    }
    BOOST_TEST(!issues.HasErrors());
    m = *r;
    return m;
  }();
  return model;
}

#define REQUIRE_MODEL(m)                                                         \
  auto m = Model();                                                              \
  if (m == nullptr) {                                                            \
    std::cout << "GW_SKIPPED: R4 definitions not found in " GW_FHIR_R4_DIR "\n"; \
    return;                                                                      \
  }

BOOST_AUTO_TEST_CASE(PatientNameIsRepeatingHumanName) {
  REQUIRE_MODEL(m);
  const ChildInfo* name = m->FindChild("Patient", "name");
  BOOST_TEST_REQUIRE(name != nullptr);
  BOOST_TEST(name->types.size() == 1u);
  BOOST_TEST(name->types[0] == "HumanName");
  BOOST_TEST(name->repeating);
  BOOST_TEST(name->max == "*");
  BOOST_TEST(name->min == 0u);
  BOOST_TEST(!name->choice);
  BOOST_TEST(m->KindOf("Patient") == TypeKind::kResource);
  BOOST_TEST(m->KindOf("HumanName") == TypeKind::kComplex);
  BOOST_TEST(m->KindOf("string") == TypeKind::kPrimitive);
  const ChildInfo* gender = m->FindChild("Patient", "gender");
  BOOST_TEST_REQUIRE(gender != nullptr);
  BOOST_TEST(!gender->repeating);
  BOOST_TEST(gender->types[0] == "code");
}

BOOST_AUTO_TEST_CASE(InheritedElements) {
  REQUIRE_MODEL(m);
  for (const char* n : {"id", "meta", "implicitRules", "language", "text", "contained", "extension",
                        "modifierExtension"}) {
    BOOST_TEST(m->FindChild("Patient", n) != nullptr, n);
  }
  BOOST_TEST(m->FindChild("Patient", "id")->types[0] == "string");
  BOOST_TEST(m->FindChild("Patient", "contained")->types[0] == "Resource");
  BOOST_TEST(m->FindChild("Bundle", "text") == nullptr);  // Bundle is not a DomainResource
  BOOST_TEST(m->FindChild("Extension", "url")->types[0] == "uri");
  BOOST_TEST(m->FindChild("HumanName", "id") != nullptr);
  BOOST_TEST(m->FindChild("HumanName", "modifierExtension") == nullptr);
  // Children in declaration order, inherited first.
  const auto* kids = m->Children("Patient");
  BOOST_TEST_REQUIRE(kids->size() > 10u);
  BOOST_TEST((*kids)[0].name == "id");
  BOOST_TEST((*kids)[1].name == "meta");
}

BOOST_AUTO_TEST_CASE(ChoiceTypes) {
  REQUIRE_MODEL(m);
  auto q = m->ResolveJsonName("Observation", "valueQuantity");
  BOOST_TEST_REQUIRE(q.has_value());
  BOOST_TEST(q->child->name == "value");
  BOOST_TEST(q->child->choice);
  BOOST_TEST(q->type == "Quantity");
  auto dt = m->ResolveJsonName("Observation", "effectiveDateTime");
  BOOST_TEST_REQUIRE(dt.has_value());
  BOOST_TEST(dt->type == "dateTime");
  auto cc = m->ResolveJsonName("Observation", "valueCodeableConcept");
  BOOST_TEST_REQUIRE(cc.has_value());
  BOOST_TEST(cc->type == "CodeableConcept");
  auto uri = m->ResolveJsonName("Extension", "valueUri");
  BOOST_TEST_REQUIRE(uri.has_value());
  BOOST_TEST(uri->type == "uri");
  BOOST_TEST(m->ResolveJsonName("Extension", "valueBase64Binary")->type == "base64Binary");
  BOOST_TEST(!m->ResolveJsonName("Observation", "value").has_value());
  BOOST_TEST(!m->ResolveJsonName("Observation", "valueFoo").has_value());
  BOOST_TEST(!m->ResolveJsonName("Observation", "valuequantity").has_value());
  auto status = m->ResolveJsonName("Observation", "status");
  BOOST_TEST_REQUIRE(status.has_value());
  BOOST_TEST(status->type == "code");
  auto comp = m->ResolveJsonName("Observation.component", "valueQuantity");
  BOOST_TEST_REQUIRE(comp.has_value());
  BOOST_TEST(comp->type == "Quantity");
  const ChildInfo* value = m->FindChild("Observation", "value");
  BOOST_TEST_REQUIRE(value != nullptr);
  BOOST_TEST(value->types.size() == 11u);
  BOOST_TEST(m->FindChild("Observation", "value[x]") == nullptr);
}

BOOST_AUTO_TEST_CASE(BackbonesAndContentReferences) {
  REQUIRE_MODEL(m);
  const ChildInfo* contact = m->FindChild("Patient", "contact");
  BOOST_TEST_REQUIRE(contact != nullptr);
  BOOST_TEST(contact->content_key == "Patient.contact");
  BOOST_TEST(contact->types[0] == "BackboneElement");
  BOOST_TEST(m->KindOf("Patient.contact") == TypeKind::kBackbone);
  BOOST_TEST(m->BaseOf("Patient.contact") == "BackboneElement");
  BOOST_TEST(m->IsA("Patient.contact", "Element"));
  BOOST_TEST(m->FindChild("Patient.contact", "name")->types[0] == "HumanName");
  BOOST_TEST(m->FindChild("Patient.contact", "modifierExtension") != nullptr);
  BOOST_TEST(m->FindChild("Patient.contact", "id") != nullptr);

  const ChildInfo* item = m->FindChild("Questionnaire", "item");
  BOOST_TEST_REQUIRE(item != nullptr);
  BOOST_TEST(item->content_key == "Questionnaire.item");
  const ChildInfo* nested = m->FindChild("Questionnaire.item", "item");
  BOOST_TEST_REQUIRE(nested != nullptr);
  BOOST_TEST(nested->content_key == "Questionnaire.item");
  BOOST_TEST(nested->repeating);
  BOOST_TEST(nested->types.size() == 1u);
  BOOST_TEST(nested->types[0] == "BackboneElement");
  auto enable = m->ResolveJsonName("Questionnaire.item.enableWhen", "answerBoolean");
  BOOST_TEST_REQUIRE(enable.has_value());
  BOOST_TEST(enable->type == "boolean");
  // Element-typed groups inside datatypes.
  const ChildInfo* repeat = m->FindChild("Timing", "repeat");
  BOOST_TEST_REQUIRE(repeat != nullptr);
  BOOST_TEST(repeat->content_key == "Timing.repeat");
  BOOST_TEST(m->BaseOf("Timing.repeat") == "Element");
  BOOST_TEST(m->ResolveJsonName("Timing.repeat", "boundsPeriod")->type == "Period");
}

BOOST_AUTO_TEST_CASE(Primitives) {
  REQUIRE_MODEL(m);
  for (const char* p :
       {"date", "decimal", "id", "dateTime", "instant", "time", "integer", "positiveInt",
        "unsignedInt", "code", "uri", "oid", "uuid", "base64Binary", "boolean"}) {
    const PrimitiveInfo* info = m->Primitive(p);
    BOOST_TEST_REQUIRE(info != nullptr, p);
    BOOST_TEST(!info->regex.empty(), p);
  }
  BOOST_TEST(m->Primitive("date")->system_type == "Date");
  BOOST_TEST(m->Primitive("dateTime")->system_type == "DateTime");
  BOOST_TEST(m->Primitive("instant")->system_type == "DateTime");
  BOOST_TEST(m->Primitive("decimal")->system_type == "Decimal");
  BOOST_TEST(m->Primitive("positiveInt")->system_type == "Integer");
  BOOST_TEST(m->Primitive("boolean")->system_type == "Boolean");
  BOOST_TEST(m->Primitive("markdown")->system_type == "String");
  BOOST_TEST(m->Primitive("xhtml")->system_type == "String");
  BOOST_TEST(m->Primitive("time")->system_type == "Time");
  BOOST_TEST(m->Primitive("id")->regex == "[A-Za-z0-9\\-\\.]{1,64}");
  BOOST_TEST(m->Primitive("HumanName") == nullptr);
  BOOST_TEST(m->Primitive("Patient") == nullptr);
  const ChildInfo* v = m->FindChild("date", "value");
  BOOST_TEST_REQUIRE(v != nullptr);
  BOOST_TEST(v->types[0] == "System.Date");
  BOOST_TEST(m->FindChild("string", "value")->types[0] == "System.String");
  BOOST_TEST(m->BaseOf("code") == "string");
  BOOST_TEST(m->IsA("code", "string"));
  BOOST_TEST(m->IsA("positiveInt", "integer"));
  BOOST_TEST(m->BaseOf("string") == "Element");
}

BOOST_AUTO_TEST_CASE(Inheritance) {
  REQUIRE_MODEL(m);
  BOOST_TEST(m->BaseOf("Patient") == "DomainResource");
  BOOST_TEST(m->BaseOf("DomainResource") == "Resource");
  BOOST_TEST(m->BaseOf("Resource") == "");
  BOOST_TEST(m->BaseOf("Bundle") == "Resource");
  BOOST_TEST(m->BaseOf("Quantity") == "Element");
  BOOST_TEST(m->BaseOf("Age") == "Quantity");
  BOOST_TEST(m->BaseOf("Element") == "");
  BOOST_TEST(m->IsA("Patient", "Resource"));
  BOOST_TEST(m->IsA("Patient", "DomainResource"));
  BOOST_TEST(m->IsA("Patient", "Patient"));
  BOOST_TEST(!m->IsA("Resource", "Patient"));
  BOOST_TEST(!m->IsA("Bundle", "DomainResource"));
  BOOST_TEST(m->IsA("Age", "Quantity"));
  BOOST_TEST(!m->IsA("Nope", "Nope"));
  BOOST_TEST(m->IsAbstract("Resource"));
  BOOST_TEST(!m->IsAbstract("Patient"));
  BOOST_TEST(m->UrlOf("Patient") == "http://hl7.org/fhir/StructureDefinition/Patient");
  // Constraint profiles are not types.
  BOOST_TEST(!m->HasType("SimpleQuantity"));
  BOOST_TEST(!m->HasType("MoneyQuantity"));
  BOOST_TEST(!m->KindOf("Nope").has_value());
  BOOST_TEST(m->Children("Nope")->empty());
}

BOOST_AUTO_TEST_CASE(EveryResourceTypeHasChildren) {
  REQUIRE_MODEL(m);
  auto resources = m->TypeKeys(TypeKind::kResource);
  BOOST_TEST(resources.size() >= 148u);
  for (std::string_view r : resources) {
    BOOST_TEST(!m->Children(r)->empty(), r);
    BOOST_TEST(m->FindChild(r, "id") != nullptr, r);
    if (r != "Resource") BOOST_TEST(m->IsA(r, "Resource"), r);
  }
  auto complex = m->TypeKeys(TypeKind::kComplex);
  BOOST_TEST(complex.size() >= 40u);
  for (std::string_view c : complex) BOOST_TEST(!m->Children(c)->empty(), c);
  BOOST_TEST(m->TypeKeys(TypeKind::kPrimitive).size() == 20u);
  // Every child's types and content keys name known types.
  std::size_t checked = 0;
  for (TypeKind k : {TypeKind::kResource, TypeKind::kComplex, TypeKind::kBackbone}) {
    for (std::string_view key : m->TypeKeys(k)) {
      for (const ChildInfo& c : *m->Children(key)) {
        if (!c.content_key.empty()) BOOST_TEST(m->HasType(c.content_key), key << "." << c.name);
        BOOST_TEST(!c.types.empty(), key << "." << c.name);
        for (const std::string& t : c.types) {
          if (t.rfind("System.", 0) == 0) continue;
          BOOST_TEST(m->HasType(t), key << "." << c.name << ": " << t);
        }
        ++checked;
      }
    }
  }
  BOOST_TEST(checked > 5000u);
}

BOOST_AUTO_TEST_CASE(BuildFromHandWrittenDefinitions) {
  const char* kSd = R"({
    "resourceType": "Bundle", "type": "collection", "entry": [
    {"resource": {"resourceType": "StructureDefinition", "url": "http://x/Base", "kind": "logical",
      "abstract": true, "type": "Base",
      "snapshot": {"element": [{"id": "Base", "path": "Base", "min": 0, "max": "*"}]}}},
    {"resource": {"resourceType": "StructureDefinition", "url": "http://x/Thing", "kind": "logical",
      "type": "Thing", "derivation": "specialization", "baseDefinition": "http://x/Base",
      "snapshot": {"element": [
        {"id": "Thing", "path": "Thing", "min": 0, "max": "*"},
        {"id": "Thing.part", "path": "Thing.part", "min": 1, "max": "3", "type": [{"code": "BackboneElement"}]},
        {"id": "Thing.part.v[x]", "path": "Thing.part.v[x]", "min": 0, "max": "1",
         "type": [{"code": "string"}, {"code": "dateTime"}]},
        {"id": "Thing.part.part", "path": "Thing.part.part", "min": 0, "max": "*",
         "contentReference": "#Thing.part"},
        {"id": "Thing.part:slice", "path": "Thing.part", "min": 0, "max": "1"},
        {"id": "Thing.bad", "path": "Thing.bad", "min": 0, "max": "1",
         "contentReference": "#Thing.missing"},
        {"id": "Thing.orphan", "path": "Thing.nowhere.orphan", "min": 0, "max": "1"}
      ]}}},
    {"resource": {"resourceType": "StructureDefinition", "url": "http://x/Profile", "kind": "logical",
      "type": "Thing", "derivation": "constraint", "baseDefinition": "http://x/Thing",
      "snapshot": {"element": [{"id": "Thing", "path": "Thing"}]}}},
    {"resource": {"resourceType": "StructureDefinition", "url": "http://x/NoSnap", "kind": "logical",
      "type": "NoSnap", "derivation": "specialization", "baseDefinition": "http://x/Base"}},
    {"resource": {"resourceType": "ValueSet", "url": "http://x/vs"}}
  ]})";
  auto bundle = json::Parse(kSd);
  BOOST_TEST_REQUIRE(bundle.ok(), bundle.status().ToString());
  IssueList issues;
  const json::Value* sources[] = {&*bundle};
  auto model = BuildTypeModel(sources, &issues);
  BOOST_TEST_REQUIRE(model.ok(), model.status().ToString());
  const R4TypeModel& m = **model;
  BOOST_TEST(m.KindOf("Thing") == TypeKind::kLogical);
  BOOST_TEST(m.BaseOf("Thing") == "Base");
  BOOST_TEST(m.IsA("Thing", "Base"));
  const ChildInfo* part = m.FindChild("Thing", "part");
  BOOST_TEST_REQUIRE(part != nullptr);
  BOOST_TEST(part->min == 1u);
  BOOST_TEST(part->repeating);
  BOOST_TEST(m.ResolveJsonName("Thing.part", "vDateTime")->type == "dateTime");
  BOOST_TEST(m.ResolveJsonName("Thing.part", "vString")->type == "string");
  BOOST_TEST(m.FindChild("Thing.part", "part")->content_key == "Thing.part");
  BOOST_TEST(m.FindChild("Thing.part", "part")->types[0] == "BackboneElement");
  BOOST_TEST(m.Children("Thing")->size() == 2u);  // part, bad (the slice is skipped)
  std::vector<std::string> codes;
  for (const Issue& i : issues.issues()) codes.push_back(i.code);
  auto has = [&](const char* c) { return std::find(codes.begin(), codes.end(), c) != codes.end(); };
  BOOST_TEST(has("model-unresolved-content-reference"));
  BOOST_TEST(has("model-orphan-element"));
  BOOST_TEST(has("model-invalid-definition"));  // NoSnap
  BOOST_TEST(!m.HasType("NoSnap"));
  BOOST_TEST(m.size() == 3u);  // Base, Thing, Thing.part

  TypeModelBuilder empty;
  BOOST_TEST(empty.Build(nullptr).status().code() == StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace model
}  // namespace gw
