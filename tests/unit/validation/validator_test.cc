#define BOOST_TEST_MODULE validation_validator_test
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <iostream>

#include "gateway/core/json/parse.h"
#include "gateway/core/json/write.h"
#include "gateway/core/validation/operation_outcome.h"
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
