// Slices of complex elements get the checks of an ordinary element of their definition:
//  1. a hand-written profile binds a Coding slice and a CodeableConcept slice (required): a code
//     outside the value set is an error at the item, a code inside is none; a slice that repeats
//     its element's binding reports a bad code once; a Reference slice is held to its targets;
//  2. the plan's profiles over base R4 + US Core 6.1.0 + PAS 2.2.1: a Coverage with product line
//     XX and a CarePlan with care program ZZ fail on their slice bindings.
#define BOOST_TEST_MODULE validation_slice_binding_test
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <iostream>
#include <string>
#include <vector>

#include "gateway/core/json/parse.h"
#include "gateway/core/terminology/issue_codes.h"
#include "gateway/core/terminology/terminology_service.h"
#include "gateway/core/validation/chain_resolver.h"
#include "gateway/core/validation/resource_overlay.h"
#include "gateway/core/validation/terminology_binding_checker.h"
#include "gateway/core/validation/validator.h"
#include "gateway/shell/fs/file.h"
#include "test_support.h"

namespace gw::validation {
namespace {

constexpr const char* kNotInValueSet = terminology::kIssueCodeNotInValueSet;

std::size_t Count(const IssueList& l, std::string_view code, std::string_view location) {
  return std::count_if(l.issues().begin(), l.issues().end(),
                       [&](const Issue& i) { return i.code == code && i.location == location; });
}

std::size_t Errors(const IssueList& l) {
  return std::count_if(l.issues().begin(), l.issues().end(), [](const Issue& i) {
    return i.severity == Severity::kError || i.severity == Severity::kFatal;
  });
}

void Print(const IssueList& issues) {
  for (const Issue& i : issues.issues()) {
    BOOST_TEST_MESSAGE(SeverityName(i.severity)
                       << " " << i.code << " " << i.location << " " << i.message);
  }
}

// ---- 1. a hand-written profile with bound slices.

// A code system of colours, a value set of two of them, and an Observation profile that slices
// code.coding (by system: slice `colour`, bound to the value set) and category (by pattern:
// slice `shade`, bound to the value set), and binds method.coding, whose slice `same` repeats
// that binding.
void AddDefinitions(ResourceOverlay& overlay) {
  overlay.Add(json::Parse(R"({"resourceType":"CodeSystem","url":"http://x.org/cs/colour",
    "status":"active","content":"complete",
    "concept":[{"code":"red"},{"code":"green"},{"code":"blue"}]})")
                  .value());
  overlay.Add(json::Parse(R"({"resourceType":"ValueSet","url":"http://x.org/vs/warm",
    "status":"active","compose":{"include":[{"system":"http://x.org/cs/colour",
    "concept":[{"code":"red"},{"code":"green"}]}]}})")
                  .value());
  overlay.Add(json::Parse(R"({"resourceType":"StructureDefinition","url":"http://x.org/sd/obs",
    "name":"ObsColour","status":"draft","kind":"resource","abstract":false,"type":"Observation",
    "baseDefinition":"http://hl7.org/fhir/StructureDefinition/Observation",
    "derivation":"constraint","differential":{"element":[
      {"id":"Observation.category","path":"Observation.category",
       "slicing":{"discriminator":[{"type":"pattern","path":"$this"}],"rules":"open"}},
      {"id":"Observation.category:shade","path":"Observation.category","sliceName":"shade",
       "min":0,"max":"1",
       "patternCodeableConcept":{"coding":[{"system":"http://x.org/cs/colour"}]},
       "binding":{"strength":"required","valueSet":"http://x.org/vs/warm"}},
      {"id":"Observation.code.coding","path":"Observation.code.coding",
       "slicing":{"discriminator":[{"type":"value","path":"system"}],"rules":"open"}},
      {"id":"Observation.code.coding:colour","path":"Observation.code.coding",
       "sliceName":"colour","min":0,"max":"1",
       "binding":{"strength":"required","valueSet":"http://x.org/vs/warm"}},
      {"id":"Observation.code.coding:colour.system","path":"Observation.code.coding.system",
       "min":1,"fixedUri":"http://x.org/cs/colour"},
      {"id":"Observation.method.coding","path":"Observation.method.coding",
       "slicing":{"discriminator":[{"type":"value","path":"system"}],"rules":"open"},
       "binding":{"strength":"required","valueSet":"http://x.org/vs/warm"}},
      {"id":"Observation.method.coding:same","path":"Observation.method.coding",
       "sliceName":"same","min":0,"max":"1"},
      {"id":"Observation.method.coding:same.system","path":"Observation.method.coding.system",
       "min":1,"fixedUri":"http://x.org/cs/colour"}]}})")
                  .value());
}

// Validates an Observation against the profile above, with offline terminology.
IssueList ValidateObservation(const std::string& text) {
  ResourceOverlay overlay;
  AddDefinitions(overlay);
  const testing::BaseDefinitions& base = *testing::Base();
  SchemaRegistry registry(&overlay, base.registry->model(), base.registry.get());
  ChainResolver resolver(overlay, *base.defs.store);
  terminology::TerminologyService terminology(resolver);
  TerminologyBindingChecker bindings(terminology);
  ValidationOptions options;
  options.bindings = &bindings;
  options.terminology = &terminology;
  Validator validator(registry, options);
  auto doc = json::Parse(text);
  BOOST_TEST_REQUIRE(doc.ok());
  IssueList issues;
  std::vector<std::string> profiles{"http://x.org/sd/obs"};
  validator.Validate(doc.value(), profiles, issues);
  Print(issues);
  return issues;
}

std::string Observation(const std::string& code, const std::string& category,
                        const std::string& method) {
  return R"({"resourceType":"Observation","status":"final",
    "category":[{"text":"other"},{"coding":[{"system":"http://x.org/cs/colour","code":")" +
         category + R"("}]}],
    "code":{"coding":[{"system":"http://loinc.org","code":"2339-0"},
                      {"system":"http://x.org/cs/colour","code":")" +
         code + R"("}]},
    "method":{"coding":[{"system":"http://x.org/cs/colour","code":")" +
         method + R"("}]}})";
}

BOOST_AUTO_TEST_CASE(bound_slices_reject_codes_outside_the_value_set) {
  if (testing::Base() == nullptr) {
    std::cout << "GW_SKIPPED: R4 definitions absent\n";
    return;
  }
  // In the value set everywhere: no error.
  IssueList good = ValidateObservation(Observation("red", "green", "red"));
  BOOST_TEST(Errors(good) == 0u);
  BOOST_TEST(Count(good, kNotInValueSet, "Observation.code.coding[1]") == 0u);

  // "blue" is in the code system, not in the value set: each bound slice reports it at the item.
  IssueList bad = ValidateObservation(Observation("blue", "blue", "blue"));
  BOOST_TEST(Count(bad, kNotInValueSet, "Observation.code.coding[1]") == 1u);
  BOOST_TEST(Count(bad, kNotInValueSet, "Observation.category[1]") == 1u);
  // The slice repeats the binding of method.coding: one issue, not two.
  BOOST_TEST(Count(bad, kNotInValueSet, "Observation.method.coding[0]") == 1u);
  // The item outside the slices (LOINC) is not held to the slice's binding.
  BOOST_TEST(Count(bad, kNotInValueSet, "Observation.code.coding[0]") == 0u);
  BOOST_TEST(Errors(bad) == 3u);
}

BOOST_AUTO_TEST_CASE(slice_fixed_values_still_checked) {
  if (testing::Base() == nullptr) {
    std::cout << "GW_SKIPPED: R4 definitions absent\n";
    return;
  }
  // A category with the slice's system but a bad code fails the binding only; the slice's
  // pattern holds, so no pattern issue.
  IssueList issues = ValidateObservation(Observation("red", "blue", "red"));
  BOOST_TEST(Count(issues, kNotInValueSet, "Observation.category[1]") == 1u);
  BOOST_TEST(Count(issues, "value-pattern-mismatch", "Observation.category[1]") == 0u);
  BOOST_TEST(Errors(issues) == 1u);
}

// A slice that narrows the targets of a Reference: an item of the slice is held to them.
BOOST_AUTO_TEST_CASE(reference_slice_targets_checked) {
  if (testing::Base() == nullptr) {
    std::cout << "GW_SKIPPED: R4 definitions absent\n";
    return;
  }
  ResourceOverlay overlay;
  overlay.Add(json::Parse(R"({"resourceType":"StructureDefinition","url":"http://x.org/sd/perf",
    "name":"ObsPerformer","status":"draft","kind":"resource","abstract":false,
    "type":"Observation","baseDefinition":"http://hl7.org/fhir/StructureDefinition/Observation",
    "derivation":"constraint","differential":{"element":[
      {"id":"Observation.performer","path":"Observation.performer",
       "slicing":{"discriminator":[{"type":"value","path":"identifier.system"}],"rules":"open"}},
      {"id":"Observation.performer:org","path":"Observation.performer","sliceName":"org",
       "min":0,"max":"1","type":[{"code":"Reference",
         "targetProfile":["http://hl7.org/fhir/StructureDefinition/Organization"]}]},
      {"id":"Observation.performer:org.identifier.system",
       "path":"Observation.performer.identifier.system","fixedUri":"http://x.org/ids/org"}]}})")
                  .value());
  const testing::BaseDefinitions& base = *testing::Base();
  SchemaRegistry registry(&overlay, base.registry->model(), base.registry.get());
  Validator validator(registry, ValidationOptions{});
  std::vector<std::string> profiles{"http://x.org/sd/perf"};
  auto check = [&](const std::string& target) {
    IssueList issues;
    validator.Validate(json::Parse(R"({"resourceType":"Observation","status":"final",
      "code":{"text":"x"},"performer":[{"reference":"Practitioner/1"},
      {"reference":")" + target + R"(","identifier":{"system":"http://x.org/ids/org",
      "value":"7"}}]})")
                           .value(),
                       profiles, issues);
    Print(issues);
    return issues;
  };
  IssueList bad = check("Patient/1");
  BOOST_TEST(Count(bad, "reference-wrong-target-type", "Observation.performer[1]") == 1u);
  BOOST_TEST(Count(bad, "reference-wrong-target-type", "Observation.performer[0]") == 0u);
  BOOST_TEST(Errors(check("Organization/1")) == 0u);
}

// A slice of a resource element that constrains the resource in place: the resource's members
// are checked against the slice as a resource root (resourceType is no unknown member).
BOOST_AUTO_TEST_CASE(resource_slice_with_children) {
  if (testing::Base() == nullptr) {
    std::cout << "GW_SKIPPED: R4 definitions absent\n";
    return;
  }
  ResourceOverlay overlay;
  overlay.Add(json::Parse(R"({"resourceType":"StructureDefinition","url":"http://x.org/sd/bundle",
    "name":"PatientBundle","status":"draft","kind":"resource","abstract":false,
    "type":"Bundle","baseDefinition":"http://hl7.org/fhir/StructureDefinition/Bundle",
    "derivation":"constraint","differential":{"element":[
      {"id":"Bundle.entry.resource","path":"Bundle.entry.resource",
       "slicing":{"discriminator":[{"type":"type","path":"$this"}],"rules":"open"}},
      {"id":"Bundle.entry.resource:pat","path":"Bundle.entry.resource","sliceName":"pat",
       "min":0,"max":"1","type":[{"code":"Patient"}]},
      {"id":"Bundle.entry.resource:pat.gender","path":"Bundle.entry.resource.gender",
       "min":1}]}})")
                  .value());
  const testing::BaseDefinitions& base = *testing::Base();
  SchemaRegistry registry(&overlay, base.registry->model(), base.registry.get());
  Validator validator(registry, ValidationOptions{});
  std::vector<std::string> profiles{"http://x.org/sd/bundle"};
  auto check = [&](const std::string& patient) {
    IssueList issues;
    validator.Validate(json::Parse(R"({"resourceType":"Bundle","type":"collection",
      "entry":[{"fullUrl":"urn:uuid:0d6f3c8e-1a2b-4c3d-8e9f-000000000001","resource":)" +
                                   patient + "}]}")
                           .value(),
                       profiles, issues);
    Print(issues);
    return issues;
  };
  IssueList good = check(R"({"resourceType":"Patient","gender":"female"})");
  BOOST_TEST(Errors(good) == 0u);
  IssueList bad = check(R"({"resourceType":"Patient","active":true})");
  BOOST_TEST(Count(bad, "cardinality-min", "Bundle.entry[0].resource") == 1u);
  BOOST_TEST(Count(bad, "structure-unknown-element", "Bundle.entry[0].resource") == 0u);
}

// ---- 2. the plan's profiles: product line and care program slices.

const std::string kCorpora = std::string(GW_SHARED_DIR) + "/corpora/";
const std::string kUsCore610 = kCorpora + "us-core/packages/hl7.fhir.us.core-6.1.0.tgz";
const std::string kPas221 =
    kCorpora + "davinci-pas/ig-package-2.2.1/hl7.fhir.us.davinci-pas-2.2.1.tgz";
const std::string kPlanExamples = std::string(GW_SOURCE_DIR) + "/tests/unit/profiles/examples/";
constexpr char kPlanSd[] = "https://fhir.plan.example/StructureDefinition/";

const testing::BaseDefinitions* PlanDefinitions() {
  if (testing::Base() == nullptr || !shell::PathExists(kUsCore610) || !shell::PathExists(kPas221)) {
    std::cout << "GW_SKIPPED: R4 definitions, US Core 6.1.0 or PAS 2.2.1 package absent\n";
    return nullptr;
  }
  const testing::BaseDefinitions* defs =
      testing::WithPackages({kUsCore610, kPas221, std::string(GW_SOURCE_DIR) + "/fhir-profiles"});
  BOOST_TEST_REQUIRE(defs != nullptr);
  return defs;
}

// A plan example with `from` (a quoted code) replaced by `to`, parsed.
json::Value Example(const std::string& file, const std::string& from, const std::string& to) {
  auto text = shell::ReadFile(kPlanExamples + file);
  BOOST_TEST_REQUIRE(text.ok());
  std::string s = text.value();
  if (!from.empty()) {
    std::size_t at = s.find(from);
    BOOST_TEST_REQUIRE(at != std::string::npos, from);
    s.replace(at, from.size(), to);
  }
  auto doc = json::Parse(s);
  BOOST_TEST_REQUIRE(doc.ok());
  return std::move(doc).value();
}

IssueList ValidatePlan(const testing::BaseDefinitions& defs, const json::Value& resource,
                       const std::string& profile) {
  Validator v(*defs.registry, testing::WithTerminology(defs));
  IssueList issues;
  std::vector<std::string> profiles{std::string(kPlanSd) + profile};
  v.Validate(resource, profiles, issues);
  Print(issues);
  return issues;
}

BOOST_AUTO_TEST_CASE(plan_coverage_product_line_is_bound) {
  const testing::BaseDefinitions* defs = PlanDefinitions();
  if (defs == nullptr) return;
  const std::string file = "valid/coverage-maria.json";
  BOOST_TEST(Errors(ValidatePlan(*defs, Example(file, "", ""), "plan-coverage")) == 0u);

  IssueList issues = ValidatePlan(*defs, Example(file, "\"MAPD\"", "\"XX\""), "plan-coverage");
  BOOST_TEST(Count(issues, kNotInValueSet, "Coverage.type.coding[0]") == 1u);
  BOOST_TEST(Errors(issues) >= 1u);
}

BOOST_AUTO_TEST_CASE(plan_careplan_program_and_category_are_bound) {
  const testing::BaseDefinitions* defs = PlanDefinitions();
  if (defs == nullptr) return;
  const std::string file = "valid/careplan-active.json";
  BOOST_TEST(Errors(ValidatePlan(*defs, Example(file, "", ""), "plan-careplan")) == 0u);

  IssueList issues = ValidatePlan(*defs, Example(file, "\"ICM\"", "\"ZZ\""), "plan-careplan");
  BOOST_TEST(Count(issues, kNotInValueSet, "CarePlan.category[1]") == 1u);
  BOOST_TEST(Errors(issues) >= 1u);

  issues = ValidatePlan(*defs, Example(file, "\"ESRD\"", "\"ZZ\""), "plan-careplan");
  BOOST_TEST(Count(issues, kNotInValueSet, "CarePlan.category[2]") == 1u);
  BOOST_TEST(Errors(issues) >= 1u);
}

}  // namespace
}  // namespace gw::validation
