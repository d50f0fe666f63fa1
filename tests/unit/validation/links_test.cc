// References, narrative links, contained resources, extension urls and Bundle entry rules.
#define BOOST_TEST_MODULE validation_links_test
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <iostream>

#include "gateway/core/json/parse.h"
#include "gateway/core/validation/validator.h"
#include "gateway/core/validation/xhtml_scan.h"
#include "test_support.h"

namespace gw::validation {
namespace {

#define SKIP_WITHOUT_DEFINITIONS()                      \
  if (testing::Base() == nullptr) {                     \
    std::cout << "GW_SKIPPED: R4 definitions absent\n"; \
    return;                                             \
  }

IssueList Validate(std::string_view text, ValidationOptions options = {}) {
  auto v = json::Parse(text);
  BOOST_TEST_REQUIRE(v.ok(), v.status().ToString());
  Validator validator(*testing::Base()->registry, options);
  IssueList issues;
  validator.Validate(v.value(), issues);
  for (const Issue& i : issues.issues()) {
    BOOST_TEST_MESSAGE(SeverityName(i.severity)
                       << " " << i.code << " " << i.location << " " << i.message);
  }
  return issues;
}

bool Has(const IssueList& l, std::string_view code, std::string_view location) {
  return std::any_of(l.issues().begin(), l.issues().end(),
                     [&](const Issue& i) { return i.code == code && i.location == location; });
}

bool HasCode(const IssueList& l, std::string_view code) {
  return std::any_of(l.issues().begin(), l.issues().end(),
                     [&](const Issue& i) { return i.code == code; });
}

BOOST_AUTO_TEST_CASE(xhtml_scan_finds_links_and_anchors) {
  XhtmlScan s =
      ScanXhtml(R"(<div xmlns="http://www.w3.org/1999/xhtml"><!-- <a href="#no"/> --><p id="p1">)"
                R"(<a href="#x&amp;y">See <b>this</b></a><img src="#i"/></p><a name="n"/></div>)");
  BOOST_TEST_REQUIRE(s.links.size() == 2u);
  BOOST_TEST(s.links[0].value == "#x&y");
  BOOST_TEST(s.links[0].path == "div/p/a");
  BOOST_TEST(s.links[0].text == "See this");
  BOOST_TEST(s.links[1].attribute == "src");
  BOOST_TEST((s.anchors == std::vector<std::string>{"p1", "n"}));
}

BOOST_AUTO_TEST_CASE(narrative_links_resolve_in_the_resource_or_its_bundle) {
  SKIP_WITHOUT_DEFINITIONS();
  auto issues = Validate(R"({"resourceType":"Bundle","type":"collection","entry":[
    {"fullUrl":"urn:uuid:1","resource":{"resourceType":"Patient","id":"a",
     "text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\"><a href=\"#b\">b</a><a href=\"#a\">me</a><a href=\"#nowhere\">x</a><a href=\"javascript:alert(1)\">y</a></div>"}}},
    {"fullUrl":"urn:uuid:2","resource":{"resourceType":"Patient","id":"b"}}]})");
  BOOST_TEST(Has(issues, "narrative-link-unresolved", "Bundle.entry[0].resource.text.div"));
  BOOST_TEST(Has(issues, "narrative-link-bad-scheme", "Bundle.entry[0].resource.text.div"));
  BOOST_TEST(std::count_if(issues.issues().begin(), issues.issues().end(), [](const Issue& i) {
               return i.code == "narrative-link-unresolved";
             }) == 1);
}

BOOST_AUTO_TEST_CASE(contained_resources_must_be_referenced) {
  SKIP_WITHOUT_DEFINITIONS();
  std::string_view text = R"({"resourceType":"Condition","subject":{"reference":"Patient/1"},
    "contained":[{"resourceType":"Practitioner","id":"orphan"},
                 {"resourceType":"Practitioner","id":"used"},
                 {"resourceType":"Organization","id":"via","partOf":{"reference":"#"}}],
    "recorder":{"reference":"#used"}})";
  auto issues = Validate(text);
  BOOST_TEST(Has(issues, "contained-unreferenced", "Condition.contained[0]"));
  BOOST_TEST(!Has(issues, "contained-unreferenced", "Condition.contained[1]"));
  BOOST_TEST(!Has(issues, "contained-unreferenced", "Condition.contained[2]"));
  ValidationOptions skip;
  skip.validate_contained = false;
  BOOST_TEST(!HasCode(Validate(text, skip), "contained-unreferenced"));
}

BOOST_AUTO_TEST_CASE(references_resolve_inside_parameters_when_required) {
  SKIP_WITHOUT_DEFINITIONS();
  std::string_view text = R"({"resourceType":"Parameters","parameter":[
    {"name":"p","resource":{"resourceType":"Patient","id":"1"}},
    {"name":"c","resource":{"resourceType":"Coverage","id":"c","status":"active",
      "beneficiary":{"reference":"Patient/1"},"payor":[{"reference":"Patient/2"}]}}]})";
  BOOST_TEST(!HasCode(Validate(text), "reference-unresolved"));
  ValidationOptions strict;
  strict.references_must_resolve = true;
  auto issues = Validate(text, strict);
  BOOST_TEST(Has(issues, "reference-unresolved", "Parameters.parameter[1].resource.payor[0]"));
  BOOST_TEST(!Has(issues, "reference-unresolved", "Parameters.parameter[1].resource.beneficiary"));
}

BOOST_AUTO_TEST_CASE(reference_type_member_must_match) {
  SKIP_WITHOUT_DEFINITIONS();
  auto issues = Validate(R"({"resourceType":"Patient",
    "managingOrganization":{"reference":"Organization/1","type":"organization"}})");
  BOOST_TEST(Has(issues, "reference-wrong-target-type", "Patient.managingOrganization"));
}

BOOST_AUTO_TEST_CASE(extension_urls_and_values) {
  SKIP_WITHOUT_DEFINITIONS();
  auto issues = Validate(R"({"resourceType":"Patient",
    "extension":[{"url":"http://hl7.org/fhir/StructureDefinition/patient-congregation|1.0",
                  "valueString":"x"},
                 {"url":"http://hl7.org/fhir/StructureDefinition/patient-congregation",
                  "valueBoolean":true}],
    "modifierExtension":[{"url":"http://hl7.org/fhir/StructureDefinition/patient-congregation",
                          "valueString":"y"}]})");
  BOOST_TEST(Has(issues, "extension-versioned-url",
                 "Patient.extension[0][url='http://hl7.org/fhir/StructureDefinition/"
                 "patient-congregation|1.0']"));
  BOOST_TEST(Has(issues, "extension-value-type", "Patient.extension[1]"));
  BOOST_TEST(Has(issues, "extension-modifier-mismatch",
                 "Patient.modifierExtension[0][url='http://hl7.org/fhir/StructureDefinition/"
                 "patient-congregation']"));
}

BOOST_AUTO_TEST_CASE(unknown_extensions_in_allowed_domains_pass) {
  SKIP_WITHOUT_DEFINITIONS();
  std::string_view text = R"({"resourceType":"Patient",
    "extension":[{"url":"https://fhir.example.net/StructureDefinition/x","valueString":"x"}]})";
  BOOST_TEST(HasCode(Validate(text), "extension-unknown"));
  ValidationOptions options;
  options.extension_domains = {"https://fhir.example.net/StructureDefinition"};
  BOOST_TEST(!HasCode(Validate(text, options), "extension-unknown"));
}

BOOST_AUTO_TEST_CASE(element_ids_are_unique_within_a_resource) {
  SKIP_WITHOUT_DEFINITIONS();
  auto issues = Validate(R"({"resourceType":"Patient","identifier":[{"id":"2","value":"a"}],
    "name":[{"id":"2","family":"F"}],
    "contained":[{"resourceType":"Patient","id":"c","name":[{"id":"2","family":"G"}]}],
    "link":[{"other":{"reference":"#c"},"type":"seealso"}]})");
  BOOST_TEST(Has(issues, "structure-duplicate-element-id", "Patient.name[0]"));
  BOOST_TEST(!Has(issues, "structure-duplicate-element-id", "Patient.contained[0].name[0]"));
}

BOOST_AUTO_TEST_CASE(searchset_and_document_bundles) {
  SKIP_WITHOUT_DEFINITIONS();
  // No search modes at all: nothing can be required of the entries.
  auto search = Validate(R"({"resourceType":"Bundle","type":"searchset","entry":[
    {"fullUrl":"urn:uuid:o1","resource":{"resourceType":"OperationOutcome",
     "issue":[{"severity":"error","code":"invalid"}]}}]})");
  BOOST_TEST(!HasCode(search, "bundle-rule"));
  auto doc = Validate(R"({"resourceType":"Bundle","type":"document","identifier":{"value":"d"},
    "timestamp":"2024-01-01T00:00:00Z","entry":[
    {"fullUrl":"http://x/Composition/c","resource":{"resourceType":"Composition","id":"c",
      "status":"final","type":{"text":"t"},"date":"2024-01-01","title":"t",
      "author":[{"reference":"Practitioner/p"}],"subject":{"reference":"Patient/p"}}},
    {"fullUrl":"http://x/Patient/p","resource":{"resourceType":"Patient","id":"p"}},
    {"fullUrl":"http://x/Device/d","resource":{"resourceType":"Device","id":"d"}},
    {"fullUrl":"relative/1","resource":{"resourceType":"Patient","id":"q"}}]})");
  BOOST_TEST(Has(doc, "bundle-reference-unresolved", "Bundle.entry[1].resource.author[1]"));
  BOOST_TEST(!Has(doc, "bundle-reference-unresolved", "Bundle.entry[1].resource.subject"));
  BOOST_TEST(Has(doc, "bundle-entry-unreachable", "Bundle.entry[3]"));
  BOOST_TEST(Has(doc, "bundle-rule", "Bundle.entry[0]"));  // relative fullUrl of entry 3
}

}  // namespace
}  // namespace gw::validation
