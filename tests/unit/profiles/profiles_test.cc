// The plan's profiles (fhir-profiles/package) over base R4 + US Core 6.1.0 + Da Vinci PAS 2.2.1:
//  1. every resource of the package validates against R4, every plan StructureDefinition gets a
//     snapshot and a schema without compile issues, every invariant compiles;
//  2. examples/valid/*.json: 0 errors against their plan profile and the profile it builds on;
//  3. examples/invalid/*.json: an error with the expected code at the expected location;
//  4. the NPI (US Core us-core-17) and MBI (plan-mbi-1) checks over known values.
#define BOOST_TEST_MODULE profiles_test
#include <boost/test/unit_test.hpp>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "gateway/core/conformance/package.h"
#include "gateway/core/fhirpath/engine.h"
#include "gateway/core/json/parse.h"
#include "gateway/core/validation/validator.h"
#include "gateway/shell/fhir_defs/definitions_loader.h"
#include "gateway/shell/fs/file.h"
#include "tests/unit/validation/test_support.h"

namespace gw::validation {
namespace {

const std::string kCorpora = std::string(GW_SHARED_DIR) + "/corpora/";
const std::string kProfilesDir = std::string(GW_SOURCE_DIR) + "/fhir-profiles";
const std::string kExamples = std::string(GW_SOURCE_DIR) + "/tests/unit/profiles/examples/";
constexpr char kPlanSd[] = "https://fhir.plan.example/StructureDefinition/";
constexpr char kUsCore[] = "http://hl7.org/fhir/us/core/StructureDefinition/";
constexpr char kPas[] = "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/";

// Each plan profile and the US Core / PAS profile it builds on.
const std::map<std::string, std::string>& BaseOf() {
  static const std::map<std::string, std::string> kBases = {
      {"plan-patient", std::string(kUsCore) + "us-core-patient|6.1.0"},
      {"plan-coverage", std::string(kUsCore) + "us-core-coverage|6.1.0"},
      {"plan-organization", std::string(kUsCore) + "us-core-organization|6.1.0"},
      {"plan-practitioner", std::string(kUsCore) + "us-core-practitioner|6.1.0"},
      {"plan-careplan", std::string(kUsCore) + "us-core-careplan|6.1.0"},
      {"plan-goal", std::string(kUsCore) + "us-core-goal|6.1.0"},
      {"plan-careteam", std::string(kUsCore) + "us-core-careteam|6.1.0"},
      {"plan-condition", std::string(kUsCore) + "us-core-condition-problems-health-concerns|6.1.0"},
      {"plan-claim", std::string(kPas) + "profile-claim|2.2.1"},
      {"plan-claimresponse", std::string(kPas) + "profile-claimresponse|2.2.1"},
  };
  return kBases;
}

const std::string kUsCore610 = kCorpora + "us-core/packages/hl7.fhir.us.core-6.1.0.tgz";
const std::string kPas221 =
    kCorpora + "davinci-pas/ig-package-2.2.1/hl7.fhir.us.davinci-pas-2.2.1.tgz";

// The packages in load order: US Core 6.1.0, PAS 2.2.1, the plan's.
std::vector<std::string> Packages() { return {kUsCore610, kPas221, kProfilesDir}; }

// True (after saying so) when the R4 definitions or the US Core / PAS packages are absent.
bool Skipped() {
  if (testing::Base() != nullptr && shell::PathExists(kUsCore610) && shell::PathExists(kPas221)) {
    return false;
  }
  std::cout << "GW_SKIPPED: R4 definitions, US Core 6.1.0 or PAS 2.2.1 package absent\n";
  return true;
}

// Base R4 + the packages; a load failure (a broken plan package) fails the test.
const testing::BaseDefinitions* Definitions() {
  const testing::BaseDefinitions* defs = testing::WithPackages(Packages());
  BOOST_TEST_REQUIRE(defs != nullptr);
  return defs;
}

// The .json files of `dir` (package.json left out), sorted as ListFiles() gives them.
std::vector<std::string> JsonFiles(const std::string& dir) {
  std::vector<std::string> out;
  auto files = shell::ListFiles(dir);
  BOOST_TEST_REQUIRE(files.ok(), dir);
  for (const std::string& f : files.value()) {
    std::string name = f.substr(f.rfind('/') + 1);
    if (name.size() > 5 && name.substr(name.size() - 5) == ".json" && name != "package.json") {
      out.push_back(f);
    }
  }
  return out;
}

std::string Name(const std::string& path) { return path.substr(path.rfind('/') + 1); }

std::vector<const Issue*> Errors(const IssueList& issues) {
  std::vector<const Issue*> out;
  for (const Issue& i : issues.issues()) {
    if (i.severity == Severity::kError || i.severity == Severity::kFatal) out.push_back(&i);
  }
  return out;
}

void PrintErrors(const std::string& what, const IssueList& issues) {
  for (const Issue* i : Errors(issues)) {
    std::cout << what << ": " << i->code << " @ " << i->location << " " << i->message << "\n";
  }
}

std::string StringOf(const json::Value& v, const char* key) {
  const json::Value* m = v.Find(key);
  return m != nullptr && m->is_string() ? std::string(m->string_value()) : std::string();
}

// ---- 0. the manifest names the package and its dependencies (no corpora needed).

BOOST_AUTO_TEST_CASE(manifest_names_dependencies) {
  auto text = shell::ReadFile(kProfilesDir + "/package/package.json");
  BOOST_TEST_REQUIRE(text.ok());
  auto manifest = conformance::ParsePackageManifest(text.value());
  BOOST_TEST_REQUIRE(manifest.ok());
  BOOST_TEST(manifest.value().name == "plan.fhir.profiles");
  BOOST_TEST((manifest.value().fhir_versions == std::vector<std::string>{"4.0.1"}));
  std::map<std::string, std::string> deps;
  for (const auto& d : manifest.value().dependencies) deps[d.name] = d.version;
  const std::map<std::string, std::string> expected = {{"hl7.fhir.r4.core", "4.0.1"},
                                                       {"hl7.fhir.us.core", "6.1.0"},
                                                       {"hl7.fhir.us.davinci-pas", "2.2.1"}};
  BOOST_TEST((deps == expected));
}

// ---- 1. the package loads: resources valid, snapshots and schemas built, invariants compile.

BOOST_AUTO_TEST_CASE(package_definitions_load_without_issues) {
  if (Skipped()) return;
  const testing::BaseDefinitions* defs = Definitions();
  Validator v(*defs->registry, testing::WithTerminology(*defs));

  // Loading reports no error (missing dependencies of PAS are warnings).
  shell::DefinitionSources sources;
  sources.r4_dir = GW_FHIR_R4_DIR;
  sources.packages = Packages();
  IssueList load_issues;
  BOOST_TEST_REQUIRE(shell::LoadDefinitions(sources, &load_issues).ok());
  BOOST_TEST(!load_issues.HasErrors());
  PrintErrors("load", load_issues);

  // A registry of its own (the shared one may have compiled the plan profiles already): the
  // bases are compiled first, so the compile issues counted below are the plan profiles' own.
  SchemaRegistry registry(defs->defs.store.get(), defs->defs.model.get());
  for (const auto& [id, base] : BaseOf()) BOOST_TEST_REQUIRE(registry.Get(base) != nullptr, base);
  const std::size_t issues_before = registry.CompileIssues().size();

  int resources = 0;
  int profiles = 0;
  int invariants = 0;
  std::set<std::string> seen;
  for (const std::string& path : JsonFiles(kProfilesDir + "/package")) {
    auto doc = testing::ParseFile(path);
    BOOST_TEST_REQUIRE(doc.ok(), path);
    ++resources;
    IssueList issues;
    BOOST_TEST(v.Validate(doc.value(), issues), Name(path));
    PrintErrors(Name(path), issues);
    if (StringOf(doc.value(), "resourceType") != "StructureDefinition") continue;
    const std::string url = StringOf(doc.value(), "url");
    BOOST_TEST(url.rfind(kPlanSd, 0) == 0, url);
    BOOST_TEST(registry.Get(url) != nullptr, url);
    ++profiles;
    seen.insert(url.substr(std::string(kPlanSd).size()));
    // Every invariant of the differential parses and names known functions (the registry above
    // compiled them with the R4 model too: an uncompilable one is a compile issue).
    const json::Value* elements = doc.value().Find("differential");
    elements = elements != nullptr ? elements->Find("element") : nullptr;
    BOOST_TEST_REQUIRE(elements != nullptr, url);
    for (const json::Value& e : elements->items()) {
      const json::Value* constraints = e.Find("constraint");
      if (constraints == nullptr) continue;
      for (const json::Value& c : constraints->items()) {
        ++invariants;
        auto compiled = fhirpath::Compile(StringOf(c, "expression"));
        BOOST_TEST(compiled.ok(), StringOf(c, "key") << ": " << compiled.status().message());
      }
    }
  }
  std::vector<Issue> all = registry.CompileIssues();
  for (std::size_t i = issues_before; i < all.size(); ++i) {
    const bool informational = all[i].severity == Severity::kInformation;
    BOOST_TEST(informational, all[i].code << " @ " << all[i].location << " " << all[i].message);
  }
  for (const auto& [id, base] : BaseOf()) BOOST_TEST(seen.count(id) == 1, id);
  BOOST_TEST(seen.count("careplan-opt-out") == 1);
  std::cout << "profiles: " << resources << " resources, " << profiles << " StructureDefinitions, "
            << invariants << " invariants\n";
  BOOST_TEST(profiles == 11);
}

// ---- 2. valid examples: 0 errors against the plan profile and the profile it builds on.

BOOST_AUTO_TEST_CASE(valid_examples_conform_to_plan_and_base_profiles) {
  if (Skipped()) return;
  const testing::BaseDefinitions* defs = Definitions();
  Validator v(*defs->registry, testing::WithTerminology(*defs));
  int files = 0;
  for (const std::string& path : JsonFiles(kExamples + "valid")) {
    auto doc = testing::ParseFile(path);
    BOOST_TEST_REQUIRE(doc.ok(), path);
    ++files;
    const json::Value* meta = doc.value().Find("meta");
    const json::Value* claimed = meta != nullptr ? meta->Find("profile") : nullptr;
    BOOST_TEST_REQUIRE((claimed != nullptr && claimed->is_array() && claimed->items().size() == 1),
                       Name(path));
    const std::string plan(claimed->items()[0].string_value());
    BOOST_TEST_REQUIRE(plan.rfind(kPlanSd, 0) == 0, Name(path));
    auto base = BaseOf().find(plan.substr(std::string(kPlanSd).size()));
    BOOST_TEST_REQUIRE((base != BaseOf().end()), plan);
    for (const std::string& profile : {plan, base->second}) {
      IssueList issues;
      const std::vector<std::string> profiles = {profile};
      BOOST_TEST(v.Validate(doc.value(), profiles, issues), Name(path) << " against " << profile);
      PrintErrors(Name(path), issues);
    }
  }
  std::cout << "valid examples: " << files << "\n";
  BOOST_TEST(files == 15);
}

// ---- 3. invalid examples: the expected error code at the expected location.

struct Expected {
  const char* file;
  const char* code;
  const char* location;
};

const Expected kInvalid[] = {
    {"practitioner-bad-npi.json", "constraint-failed", "Practitioner.identifier[0]"},
    {"organization-bad-npi.json", "constraint-failed", "Organization.identifier[0]"},
    {"patient-no-member-number.json", "cardinality-min", "Patient"},
    {"patient-bad-mbi.json", "constraint-failed", "Patient.identifier[1]"},
    {"patient-mbi-excluded-letter.json", "constraint-failed", "Patient.identifier[1]"},
    {"patient-pr-address-without-district.json", "constraint-failed", "Patient.address[0]"},
    {"patient-language-not-es-en.json", "terminology-code-not-in-valueset",
     "Patient.communication[0].language"},
    {"careplan-revoked-without-opt-out.json", "constraint-failed", "CarePlan"},
    {"careplan-narrative-spanish-only.json", "constraint-failed", "CarePlan.text"},
    {"careplan-without-program.json", "cardinality-min", "CarePlan"},
    {"coverage-without-subscriber-id.json", "cardinality-min", "Coverage"},
    {"coverage-without-product-line.json", "cardinality-min", "Coverage.type"},
    {"condition-without-icd10cm.json", "cardinality-min", "Condition.code"},
    {"claim-without-um-case.json", "cardinality-min", "Claim"},
    {"claimresponse-approved-without-auth-number.json", "constraint-failed", "ClaimResponse"},
};

BOOST_AUTO_TEST_CASE(invalid_examples_fail_with_expected_issue) {
  if (Skipped()) return;
  const testing::BaseDefinitions* defs = Definitions();
  Validator v(*defs->registry, testing::WithTerminology(*defs));
  std::set<std::string> listed;
  int as_expected = 0;
  for (const Expected& x : kInvalid) {
    listed.insert(x.file);
    auto doc = testing::ParseFile(kExamples + "invalid/" + x.file);
    BOOST_TEST_REQUIRE(doc.ok(), x.file);
    IssueList issues;
    BOOST_TEST(!v.Validate(doc.value(), issues), x.file);
    bool found = false;
    for (const Issue* i : Errors(issues)) found |= i->code == x.code && i->location == x.location;
    BOOST_TEST(found, x.file << ": no " << x.code << " @ " << x.location);
    if (!found) PrintErrors(x.file, issues);
    as_expected += found ? 1 : 0;
  }
  for (const std::string& path : JsonFiles(kExamples + "invalid")) {
    BOOST_TEST(listed.count(Name(path)) == 1, Name(path) << " has no expectation");
  }
  std::cout << "invalid examples as expected: " << as_expected << " of " << std::size(kInvalid)
            << "\n";
}

// ---- 3b. the bulk settings of ingest (no separate base walk when a profile is claimed, binding
// outcomes remembered and replayed) report exactly what the default settings report.

std::multiset<std::string> Described(const IssueList& issues, bool errors_only) {
  std::multiset<std::string> out;
  for (const Issue& i : issues.issues()) {
    if (errors_only && i.severity != Severity::kError && i.severity != Severity::kFatal) continue;
    out.insert(std::string(SeverityName(i.severity)) + " " + i.code + " @ " + i.location + ": " +
               i.message);
  }
  return out;
}

BOOST_AUTO_TEST_CASE(bulk_settings_report_the_same_errors) {
  if (Skipped()) return;
  const testing::BaseDefinitions* defs = Definitions();
  Validator plain(*defs->registry, testing::WithTerminology(*defs));
  TerminologyBindingChecker remembering(*defs->terminology, /*remember_outcomes=*/true);
  ValidationOptions bulk_options = testing::WithTerminology(*defs);
  bulk_options.bindings = &remembering;
  bulk_options.skip_base_when_profiled = true;
  Validator bulk(*defs->registry, bulk_options);
  ValidationOptions memo_options = testing::WithTerminology(*defs);
  memo_options.bindings = &remembering;
  Validator memo(*defs->registry, memo_options);
  int files = 0;
  for (const char* kind : {"valid", "invalid"}) {
    for (const std::string& path : JsonFiles(kExamples + kind)) {
      auto doc = testing::ParseFile(path);
      BOOST_TEST_REQUIRE(doc.ok(), path);
      ++files;
      IssueList expected;
      bool expected_ok = plain.Validate(doc.value(), expected);
      // Twice each: the second run replays remembered binding outcomes.
      for (int round = 0; round < 2; ++round) {
        IssueList got;
        BOOST_TEST(bulk.Validate(doc.value(), got) == expected_ok, Name(path));
        BOOST_TEST((Described(got, true) == Described(expected, true)), Name(path));
        IssueList replayed;
        memo.Validate(doc.value(), replayed);
        BOOST_TEST((Described(replayed, false) == Described(expected, false)), Name(path));
      }
    }
  }
  BOOST_TEST(files == 30);
}

// ---- 4. identifier checks over known values.

bool PractitionerWithNpiIsValid(const Validator& v, const std::string& npi) {
  auto doc = json::Parse(
      R"({"resourceType":"Practitioner","identifier":[{"system":"http://hl7.org/fhir/sid/us-npi",)"
      R"("value":")" +
      npi + R"("}],"name":[{"family":"Vélez"}]})");
  BOOST_TEST_REQUIRE(doc.ok());
  IssueList issues;
  const std::vector<std::string> profiles = {std::string(kPlanSd) + "plan-practitioner"};
  return v.Validate(doc.value(), profiles, issues);
}

BOOST_AUTO_TEST_CASE(npi_check_digit) {
  if (Skipped()) return;
  const testing::BaseDefinitions* defs = Definitions();
  Validator v(*defs->registry, testing::WithTerminology(*defs));
  for (const char* ok :
       {"1234567893", "1598762346", "1093817462", "1322334453", "1450099118", "1765443217"}) {
    BOOST_TEST(PractitionerWithNpiIsValid(v, ok), ok);
  }
  for (const char* bad : {"1234567890", "1598762345", "123456789", "12345678931", "123456789X"}) {
    BOOST_TEST(!PractitionerWithNpiIsValid(v, bad), bad);
  }
}

bool PatientWithMbiIsValid(const Validator& v, const std::string& mbi) {
  auto doc = json::Parse(
      R"({"resourceType":"Patient","identifier":[)"
      R"({"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"MB"}]},)"
      R"("system":"https://fhir.plan.example/sid/member-number","value":"MMM00012345601"},)"
      R"({"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"MC"}]},)"
      R"("system":"http://hl7.org/fhir/sid/us-mbi","value":")" +
      mbi +
      R"("}],)"
      R"("name":[{"text":"Ana Ortiz","family":"Ortiz"}],"gender":"female",)"
      R"("communication":[{"language":{"coding":[{"system":"urn:ietf:bcp:47","code":"en"}]}}]})");
  BOOST_TEST_REQUIRE(doc.ok());
  IssueList issues;
  const std::vector<std::string> profiles = {std::string(kPlanSd) + "plan-patient"};
  return v.Validate(doc.value(), profiles, issues);
}

BOOST_AUTO_TEST_CASE(mbi_format) {
  if (Skipped()) return;
  const testing::BaseDefinitions* defs = Definitions();
  Validator v(*defs->registry, testing::WithTerminology(*defs));
  for (const char* ok : {"1EG4TE5MK73", "9AA0AA0AA00", "1C99C99CY99"}) {
    BOOST_TEST(PatientWithMbiIsValid(v, ok), ok);
  }
  for (const char* bad :
       {"0EG4TE5MK73",   // position 1 is 1-9
        "1EG4TE5MK7",    // 10 characters
        "1EG4TE5MK734",  // 12 characters
        "15G4TE5MK73",   // position 2 is a letter
        "1EGATE5MK73",   // position 4 is a digit
        "1eg4te5mk73",   // lower case
        "2FH5UF6NL84",   // L is never used
        "1SG4TE5MK73", "1EG4TE5OK73", "1EG4TE5MI73", "1EB4TE5MK73", "1EG4TZ5MK73"}) {
    BOOST_TEST(!PatientWithMbiIsValid(v, bad), bad);
  }
}

}  // namespace
}  // namespace gw::validation
