#define BOOST_TEST_MODULE validation_validator_test
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <iostream>

#include "gateway/core/json/parse.h"
#include "gateway/core/json/write.h"
#include "gateway/core/validation/chain_resolver.h"
#include "gateway/core/validation/operation_outcome.h"
#include "gateway/core/validation/resource_overlay.h"
#include "gateway/core/validation/terminology_binding_checker.h"
#include "gateway/core/validation/validator.h"
#include "test_support.h"

namespace gw::validation {
namespace {

#define SKIP_WITHOUT_DEFINITIONS()                              \
  if (testing::Base() == nullptr) {                             \
    std::cout << "GW_SKIPPED: R4 definitions absent\n";         \
    return;                                                     \
  }

IssueList Validate(std::string_view text) {
  auto v = json::Parse(text);
  BOOST_TEST_REQUIRE(v.ok(), v.status().ToString());
  Validator validator(*testing::Base()->registry);
  IssueList issues;
  validator.Validate(v.value(), issues);
  for (const Issue& i : issues.issues()) {
    BOOST_TEST_MESSAGE(SeverityName(i.severity) << " " << i.code << " " << i.location << " "
                                                << i.message);
  }
  return issues;
}

bool Has(const IssueList& l, std::string_view code, std::string_view location) {
  return std::any_of(l.issues().begin(), l.issues().end(),
                     [&](const Issue& i) { return i.code == code && i.location == location; });
}

std::size_t Errors(const IssueList& l) {
  return std::count_if(l.issues().begin(), l.issues().end(), [](const Issue& i) {
    return i.severity == Severity::kError || i.severity == Severity::kFatal;
  });
}

BOOST_AUTO_TEST_CASE(valid_patient_has_no_errors) {
  SKIP_WITHOUT_DEFINITIONS();
  auto issues = Validate(R"({"resourceType":"Patient","id":"p1",
    "text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\">x</div>"},
    "name":[{"family":"Rivera","given":["Ana","M"]}],"gender":"female","birthDate":"1970-02-03",
    "generalPractitioner":[{"reference":"Practitioner/1"}],
    "_birthDate":{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/patient-birthTime",
      "valueDateTime":"1970-02-03T10:00:00-04:00"}]}})");
  BOOST_TEST(Errors(issues) == 0u);
}

BOOST_AUTO_TEST_CASE(structure_errors) {
  SKIP_WITHOUT_DEFINITIONS();
  auto issues = Validate(R"({"resourceType":"Patient","foo":1,"name":{"family":"x"},
    "gender":"", "birthDate":"1970-13-01","active":"true","telecom":[],"contact":[{}],
    "generalPractitioner":[{"reference":"Patient/1"}]})");
  BOOST_TEST(Has(issues, "structure-unknown-element", "Patient"));  // at the holder
  BOOST_TEST(Has(issues, "structure-not-array", "Patient.name"));
  BOOST_TEST(Has(issues, "primitive-empty", "Patient.gender"));
  BOOST_TEST(Has(issues, "primitive-bad-format", "Patient.birthDate"));
  BOOST_TEST(Has(issues, "primitive-wrong-json-type", "Patient.active"));
  BOOST_TEST(Has(issues, "structure-empty-array", "Patient.telecom"));
  BOOST_TEST(Has(issues, "structure-empty-object", "Patient.contact[0]"));
  BOOST_TEST(Has(issues, "reference-wrong-target-type", "Patient.generalPractitioner[0]"));
}

BOOST_AUTO_TEST_CASE(cardinality_choice_and_constraints) {
  SKIP_WITHOUT_DEFINITIONS();
  auto issues = Validate(R"({"resourceType":"Observation","code":{"text":"x"},
    "valueQuantity":{"value":1.5,"unit":"mg"},"valueString":"y",
    "referenceRange":[{"text":"a"}],"component":[{"code":{"text":"c"},"valueBoolean":true}]})");
  BOOST_TEST(Has(issues, "cardinality-min", "Observation"));  // status
  BOOST_TEST(Errors(issues) >= 1u);
  auto bad = Validate(R"({"resourceType":"Observation","status":"final","code":{"text":"x"},
    "referenceRange":[{"appliesTo":[{"text":"a"}]}]})");
  BOOST_TEST(Has(bad, "constraint-failed", "Observation.referenceRange[0]"));  // obs-3
}

BOOST_AUTO_TEST_CASE(contained_and_bundle) {
  SKIP_WITHOUT_DEFINITIONS();
  auto issues = Validate(R"({"resourceType":"Bundle","type":"collection","entry":[
    {"fullUrl":"urn:uuid:a5b1c2d3-0000-4000-8000-0123456789ab","resource":{"resourceType":"Patient","bogus":true}},
    {"fullUrl":"urn:uuid:a5b1c2d3-0000-4000-8000-0123456789ac","resource":{"resourceType":"Observation","status":"final",
      "code":{"text":"x"},"subject":{"reference":"urn:uuid:a5b1c2d3-0000-4000-8000-0123456789ab"},
      "performer":[{"reference":"urn:uuid:a5b1c2d3-0000-4000-8000-0123456789ab"}]}}]})");
  BOOST_TEST(Has(issues, "structure-unknown-element", "Bundle.entry[0].resource"));
  BOOST_TEST(!Has(issues, "reference-wrong-target-type", "Bundle.entry[1].resource.subject"));
  BOOST_TEST(Has(issues, "reference-wrong-target-type", "Bundle.entry[1].resource.performer[0]") == false);
}

BOOST_AUTO_TEST_CASE(choice_locations_use_of_type) {
  SKIP_WITHOUT_DEFINITIONS();
  auto issues = Validate(R"({"resourceType":"Bundle","type":"collection","entry":[
    {"fullUrl":"urn:uuid:a5b1c2d3-0000-4000-8000-0123456789ab","resource":{"resourceType":"Observation",
      "status":"final","code":{"text":"x"},"valueQuantity":{"value":1,"code":"mg","bogus":1},
      "component":[{"code":{"text":"c"},"valueString":""}]}}]})");
  BOOST_TEST(Has(issues, "structure-unknown-element",
                 "Bundle.entry[0].resource.value.ofType(Quantity)"));
  BOOST_TEST(Has(issues, "constraint-failed", "Bundle.entry[0].resource.value.ofType(Quantity)"));
  BOOST_TEST(Has(issues, "primitive-empty",
                 "Bundle.entry[0].resource.component[0].value.ofType(string)"));
  BOOST_TEST(!Has(issues, "structure-unknown-element", "Bundle.entry[0].resource.valueQuantity"));
}

BOOST_AUTO_TEST_CASE(data_type_rules) {
  SKIP_WITHOUT_DEFINITIONS();
  auto issues = Validate(R"({"resourceType":"Media","status":"completed",
    "content":{"contentType":"text/plain","data":"aGVscCBpJ20gYSBidWc=","size":100},
    "reasonCode":[{"coding":[{"system":"Location1","code":"x"}]}]})");
  BOOST_TEST(Has(issues, "attachment-size-mismatch", "Media.content"));
  BOOST_TEST(Has(issues, "coding-system-not-absolute", "Media.reasonCode[0].coding[0].system"));
  auto good = Validate(R"({"resourceType":"Media","status":"completed",
    "content":{"contentType":"text/plain","data":"aGVscCBpJ20gYSBidWc=","size":14},
    "reasonCode":[{"coding":[{"system":"urn:oid:1.2.3","code":"x"}]}]})");
  BOOST_TEST(Errors(good) == 0u);
}

BOOST_AUTO_TEST_CASE(extension_context_and_empty_invariant) {
  SKIP_WITHOUT_DEFINITIONS();
  auto issues = Validate(R"({"resourceType":"Patient","name":[{"family":"F","extension":[{
    "url":"http://hl7.org/fhir/StructureDefinition/humanname-mothers-family","valueString":"M"}]}]})");
  BOOST_TEST(Has(issues, "extension-wrong-context", "Patient.name[0]"));
  auto allowed = Validate(R"({"resourceType":"Patient","name":[{"family":"F","_family":{"extension":[{
    "url":"http://hl7.org/fhir/StructureDefinition/humanname-mothers-family","valueString":"M"}]}}]})");
  BOOST_TEST(Errors(allowed) == 0u);
  // per-1: a date start and a dateTime end on the same day compare to empty, which fails.
  auto period = Validate(R"({"resourceType":"Encounter","status":"unknown",
    "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},
    "period":{"start":"2023-06-21","end":"2023-06-21T06:20:00Z"}})");
  BOOST_TEST(Has(period, "constraint-failed", "Encounter.period"));
}

IssueList ValidateWithTerminology(std::string_view text) {
  auto v = json::Parse(text);
  BOOST_TEST_REQUIRE(v.ok(), v.status().ToString());
  Validator validator(*testing::Base()->registry, testing::WithTerminology(*testing::Base()));
  IssueList issues;
  validator.Validate(v.value(), issues);
  return issues;
}

BOOST_AUTO_TEST_CASE(search_parameter_rules) {
  SKIP_WITHOUT_DEFINITIONS();
  auto derived = Validate(R"({"resourceType":"SearchParameter","url":"http://x.org/sp",
    "name":"N","status":"active","description":"d","code":"name","base":["Patient"],
    "type":"token","expression":"Organization.name | Organization.alias",
    "derivedFrom":"http://hl7.org/fhir/SearchParameter/Organization-name"})");
  BOOST_TEST(Has(derived, "search-parameter-parent-mismatch", "SearchParameter"));
  BOOST_TEST(Has(derived, "search-parameter-expression", "SearchParameter.expression"));
  auto composite = Validate(R"({"resourceType":"SearchParameter","url":"http://x.org/sp",
    "name":"N","status":"active","description":"d","code":"rel","base":["DocumentReference"],
    "type":"composite","expression":"DocumentReference.relatesTo"})");
  BOOST_TEST(Has(composite, "search-parameter-components", "SearchParameter"));
  auto good = Validate(R"({"resourceType":"SearchParameter","url":"http://x.org/sp",
    "name":"N","status":"active","description":"d","code":"name","base":["Organization"],
    "type":"string","expression":"Organization.name | Organization.alias",
    "derivedFrom":"http://hl7.org/fhir/SearchParameter/Organization-name"})");
  BOOST_TEST(Errors(good) == 0u);
}

BOOST_AUTO_TEST_CASE(capability_statement_rules) {
  SKIP_WITHOUT_DEFINITIONS();
  auto issues = ValidateWithTerminology(R"({"resourceType":"CapabilityStatement",
    "status":"active","date":"2024-01-01","kind":"instance","fhirVersion":"4.0.1",
    "implementation":{"description":"d"},"format":["xml","json","application/fhir+json"],
    "rest":[{"mode":"server","resource":[{"type":"AllergyIntolerance","searchParam":[{
      "name":"clinical-status","type":"date",
      "definition":"http://hl7.org/fhir/SearchParameter/AllergyIntolerance-clinical-status"}]}]}]})");
  BOOST_TEST(Has(issues, "capability-search-param-type",
                 "CapabilityStatement.rest[0].resource[0].searchParam[0]"));
  BOOST_TEST(!Has(issues, "terminology-code-not-in-valueset", "CapabilityStatement.format[0]"));
  BOOST_TEST(Errors(issues) == 1u);
}

BOOST_AUTO_TEST_CASE(value_set_parameter_rules) {
  SKIP_WITHOUT_DEFINITIONS();
  auto vs = [](std::string_view language, std::string_view expression) {
    return R"({"resourceType":"ValueSet","status":"active","extension":[{
      "url":"http://hl7.org/fhir/tools/StructureDefinition/valueset-parameter",
      "extension":[{"url":"name","valueCode":"p-inactive"}]}],
      "compose":{"include":[{"system":"http://snomed.info/sct","filter":[{"property":"inactive",
      "op":"=","_value":{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/cqf-expression",
      "valueExpression":{"language":")" +
           std::string(language) + R"(","expression":")" + std::string(expression) +
           R"("}}]}}]}]}})";
  };
  const std::string at =
      "ValueSet.compose.include[0].filter[0].extension[0].value.ofType(Expression)";
  BOOST_TEST(Errors(Validate(vs("text/fhirpath", "%p-inactive"))) == 0u);
  BOOST_TEST(Has(Validate(vs("text/fhirpath", "%p-inactive3")), "value-set-parameter-unknown", at));
  BOOST_TEST(Has(Validate(vs("text/fhirpath", "$ and %p-inactive")),
                 "value-set-parameter-expression", at));
  BOOST_TEST(Has(Validate(vs("text/cql", "%p-inactive")), "value-set-parameter-language", at));
}

BOOST_AUTO_TEST_CASE(structure_definition_rules) {
  SKIP_WITHOUT_DEFINITIONS();
  auto issues = Validate(R"({"resourceType":"StructureDefinition","url":"http://x.org/sd",
    "name":"P","status":"draft","kind":"resource","abstract":false,"type":"Patient",
    "baseDefinition":"http://hl7.org/fhir/StructureDefinition/Patient","derivation":"constraint",
    "differential":{"element":[
      {"id":"Patient","path":"Patient","slicing":{"discriminator":[{"type":"value","path":"id"}],
        "rules":"open"}},
      {"id":"Patient.birthDate","path":"Patient.birthDate","type":[{"code":"date"}],
        "binding":{"strength":"required","valueSet":"http://hl7.org/fhir/ValueSet/x"}},
      {"id":"Patient.extension","path":"Patient.extension","slicing":{"discriminator":[
        {"type":"value","path":"type"}],"rules":"open"}},
      {"id":"Patient.deceasedBla","path":"Patient.deceasedBla"}]}})");
  BOOST_TEST(Has(issues, "definition-root-slicing", "StructureDefinition.differential.element[0]"));
  BOOST_TEST(
      Has(issues, "definition-type-mismatch", "StructureDefinition.differential.element[1]"));
  BOOST_TEST(Has(issues, "definition-discriminator-path",
                 "StructureDefinition.differential.element[2].slicing.discriminator[0]"));
  BOOST_TEST(Has(issues, "definition-snapshot", "StructureDefinition"));
}

BOOST_AUTO_TEST_CASE(measure_report_against_its_measure) {
  SKIP_WITHOUT_DEFINITIONS();
  auto issues = Validate(R"({"resourceType":"MeasureReport","status":"complete","type":"summary",
    "measure":"#m","period":{"start":"2020-01-01"},
    "contained":[{"resourceType":"Measure","id":"m","status":"active",
      "scoring":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/measure-scoring",
        "code":"cohort"}]},
      "group":[{"population":[{"code":{"coding":[{"system":
        "http://terminology.hl7.org/CodeSystem/measure-population","code":"initial-population"}]},
        "criteria":{"language":"text/cql","expression":"X"}}],
        "stratifier":[{"id":"s1","criteria":{"language":"text/cql","expression":"Y"}}]}]}],
    "group":[{"population":[{"code":{"coding":[{"system":
      "http://terminology.hl7.org/CodeSystem/measure-population","code":"initial-population"}]},
      "count":3}],"measureScore":{"value":3},"stratifier":[{"stratum":[{"value":{"text":"a"}}]}]}]})");
  BOOST_TEST(Has(issues, "measure-report-mismatch", "MeasureReport.group[0].measureScore"));
  BOOST_TEST(Has(issues, "measure-report-mismatch", "MeasureReport.group[0].stratifier[0]"));
  BOOST_TEST(Has(issues, "measure-report-mismatch", "MeasureReport.group[0]"));
}

BOOST_AUTO_TEST_CASE(additional_binding_is_checked) {
  SKIP_WITHOUT_DEFINITIONS();
  ResourceOverlay overlay;
  overlay.Add(json::Parse(R"({"resourceType":"ValueSet","url":"http://x.org/vs","status":"active",
    "compose":{"include":[{"system":"http://loinc.org","concept":[{"code":"100065-2"}]}]}})")
                  .value());
  overlay.Add(json::Parse(R"({"resourceType":"StructureDefinition","url":"http://x.org/sd",
    "name":"P","status":"draft","kind":"resource","abstract":false,"type":"Observation",
    "baseDefinition":"http://hl7.org/fhir/StructureDefinition/Observation",
    "derivation":"constraint","differential":{"element":[{"id":"Observation.code",
    "path":"Observation.code","binding":{"strength":"example","valueSet":"http://x.org/none",
    "extension":[{"url":"http://hl7.org/fhir/5.0/StructureDefinition/extension-ElementDefinition.binding.additional",
    "extension":[{"url":"purpose","valueCode":"required"},
                 {"url":"valueSet","valueCanonical":"http://x.org/vs"}]}]}}]}})")
                  .value());
  const testing::BaseDefinitions& base = *testing::Base();
  SchemaRegistry registry(&overlay, base.registry->model(), base.registry.get());
  ChainResolver resolver(overlay, *base.defs.store);
  terminology::TerminologyService terminology(resolver);
  TerminologyBindingChecker bindings(terminology);
  ValidationOptions options;
  options.bindings = &bindings;
  Validator validator(registry, options);
  auto obs = json::Parse(R"({"resourceType":"Observation","status":"final",
    "code":{"coding":[{"system":"http://loinc.org","code":"100066-0"}]}})");
  IssueList issues;
  std::vector<std::string> profiles{"http://x.org/sd"};
  validator.Validate(obs.value(), profiles, issues);
  BOOST_TEST(Has(issues, "terminology-code-not-in-valueset", "Observation.code"));
}

// Validates `text` against `profile` with `overlay` in front of the base definitions.
IssueList ValidateWithOverlay(const ResourceOverlay& overlay, std::string_view text,
                              std::vector<std::string> profiles, ValidationOptions options = {}) {
  const testing::BaseDefinitions& base = *testing::Base();
  SchemaRegistry registry(&overlay, base.registry->model(), base.registry.get());
  Validator validator(registry, options);
  IssueList issues;
  validator.Validate(json::Parse(text).value(), profiles, issues);
  for (const Issue& i : issues.issues()) {
    BOOST_TEST_MESSAGE(SeverityName(i.severity) << " " << i.code << " " << i.location << " "
                                                << i.message);
  }
  return issues;
}

BOOST_AUTO_TEST_CASE(profile_value_limits_choices_and_fixed_members) {
  SKIP_WITHOUT_DEFINITIONS();
  ResourceOverlay overlay;
  overlay.Add(json::Parse(R"({"resourceType":"StructureDefinition","url":"http://x.org/obs-q",
    "name":"Q","status":"draft","kind":"resource","abstract":false,"type":"Observation",
    "baseDefinition":"http://hl7.org/fhir/StructureDefinition/Observation",
    "derivation":"constraint","differential":{"element":[
      {"path":"Observation.value[x]","type":[{"code":"Quantity"}]},
      {"path":"Observation.valueQuantity","minValueQuantity":{"value":0,
        "system":"http://unitsofmeasure.org","code":"kg"}}]}})")
                  .value());
  overlay.Add(json::Parse(R"({"resourceType":"StructureDefinition","url":"http://x.org/pat",
    "name":"P","status":"draft","kind":"resource","abstract":false,"type":"Patient",
    "baseDefinition":"http://hl7.org/fhir/StructureDefinition/Patient",
    "derivation":"constraint","differential":{"element":[
      {"id":"Patient.birthDate","path":"Patient.birthDate","minValueDuration":{"value":100,
        "system":"http://unitsofmeasure.org","code":"a"}},
      {"id":"Patient.telecom","path":"Patient.telecom","fixedContactPoint":{"use":"home"}}]}})")
                  .value());
  // -1 g is below 0 kg once converted; a string where the profile allows only Quantity.
  auto issues = ValidateWithOverlay(overlay, R"({"resourceType":"Observation","status":"final",
    "code":{"text":"x"},"valueQuantity":{"value":-1,"system":"http://unitsofmeasure.org",
    "code":"g"}})", {"http://x.org/obs-q"});
  BOOST_TEST(Has(issues, "value-below-min", "Observation.value.ofType(Quantity)"));
  issues = ValidateWithOverlay(overlay, R"({"resourceType":"Observation","status":"final",
    "code":{"text":"x"},"valueString":"heavy"})", {"http://x.org/obs-q"});
  BOOST_TEST(Has(issues, "structure-choice-type-not-allowed", "Observation.value.ofType(string)"));
  // A duration limit counts from the instant of validation; members of a fixed value that
  // differ are located one by one.
  ValidationOptions options;
  options.now = "2026-01-15T00:00:00Z";
  issues = ValidateWithOverlay(overlay, R"({"resourceType":"Patient","birthDate":"1850-01-01",
    "telecom":[{"system":"phone","use":"home"}]})", {"http://x.org/pat"}, options);
  BOOST_TEST(Has(issues, "value-below-min", "Patient.birthDate"));
  BOOST_TEST(Has(issues, "value-fixed-mismatch", "Patient.telecom[0].system"));
  BOOST_TEST(!Has(issues, "value-fixed-mismatch", "Patient.telecom[0]"));
  issues = ValidateWithOverlay(overlay, R"({"resourceType":"Patient","birthDate":"1950-01-01"})",
                               {"http://x.org/pat"}, options);
  BOOST_TEST(Errors(issues) == 0u);
}

BOOST_AUTO_TEST_CASE(implied_and_global_profiles) {
  SKIP_WITHOUT_DEFINITIONS();
  // A body temperature code makes the R4 bodytemp profile apply (category, subject, ...).
  const char* temp = R"({"resourceType":"Observation","status":"final",
    "code":{"coding":[{"system":"http://loinc.org","code":"8310-5"}]}})";
  BOOST_TEST(Has(Validate(temp), "cardinality-min", "Observation"));
  ResourceOverlay overlay;
  ValidationOptions no_implied;
  no_implied.implied_profiles = false;
  BOOST_TEST(Errors(ValidateWithOverlay(overlay, temp, {}, no_implied)) == 0u);
  // An ImplementationGuide in force applies its global profiles.
  overlay.Add(json::Parse(R"({"resourceType":"ImplementationGuide","url":"http://x.org/ig",
    "name":"G","status":"active","packageId":"x.g","fhirVersion":["4.0.1"],
    "global":[{"type":"Patient","profile":"http://x.org/named"}]})")
                  .value());
  overlay.Add(json::Parse(R"({"resourceType":"StructureDefinition","url":"http://x.org/named",
    "name":"N","status":"draft","kind":"resource","abstract":false,"type":"Patient",
    "baseDefinition":"http://hl7.org/fhir/StructureDefinition/Patient","derivation":"constraint",
    "differential":{"element":[{"id":"Patient.name","path":"Patient.name","min":1}]}})")
                  .value());
  ValidationOptions with_ig;
  with_ig.implementation_guides = {"http://x.org/ig"};
  const char* patient = R"({"resourceType":"Patient","gender":"other"})";
  BOOST_TEST(Has(ValidateWithOverlay(overlay, patient, {}, with_ig), "cardinality-min", "Patient"));
  BOOST_TEST(Errors(ValidateWithOverlay(overlay, patient, {})) == 0u);
}

BOOST_AUTO_TEST_CASE(operation_outcome) {
  std::vector<Issue> issues{{Severity::kError, "cardinality-min", "Patient", "m"}};
  std::string text = json::Write(ToOperationOutcome(issues));
  BOOST_TEST(text.find("\"required\"") != std::string::npos);
  BOOST_TEST(text.find("\"expression\":[\"Patient\"]") != std::string::npos);
  std::string ok = json::Write(ToOperationOutcome({}));
  BOOST_TEST(ok.find("informational") != std::string::npos);
}

}  // namespace
}  // namespace gw::validation
