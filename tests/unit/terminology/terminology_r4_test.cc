// The terminology layer on the real FHIR R4 definitions, US Core 6.1.0 and Da Vinci PAS 2.2.1,
// plus the figures the project tracks (expansion of every base value set, ValidateCode rate).
#define BOOST_TEST_MODULE terminology_r4_test
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "gateway/core/conformance/conformance_store.h"
#include "gateway/core/terminology/expander.h"
#include "gateway/core/terminology/issue_codes.h"
#include "gateway/core/terminology/terminology_service.h"
#include "gateway/shell/fhir_defs/definitions_loader.h"
#include "gateway/shell/fs/file.h"

namespace gw {
std::ostream& operator<<(std::ostream& os, Severity s) { return os << SeverityName(s); }
}  // namespace gw

namespace gw::terminology {

std::ostream& operator<<(std::ostream& os, Membership m) { return os << MembershipName(m); }
std::ostream& operator<<(std::ostream& os, MembershipReason r) {
  return os << MembershipReasonName(r);
}
std::ostream& operator<<(std::ostream& os, DisplayCheck d) { return os << DisplayCheckName(d); }
std::ostream& operator<<(std::ostream& os, Subsumption s) { return os << SubsumptionName(s); }

namespace {

const std::string kR4 = GW_FHIR_R4_DIR;
const std::string kUsCore61 =
    std::string(GW_SHARED_DIR) + "/corpora/us-core/packages/hl7.fhir.us.core-6.1.0.tgz";
const std::string kPas = std::string(GW_SHARED_DIR) + "/corpora/davinci-pas/ig-package-2.2.1";

constexpr char kGender[] = "http://hl7.org/fhir/administrative-gender";
constexpr char kActCode[] = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
constexpr char kNullFlavor[] = "http://terminology.hl7.org/CodeSystem/v3-NullFlavor";
constexpr char kMarital[] = "http://terminology.hl7.org/CodeSystem/v3-MaritalStatus";

bool DataPresent() {
  return shell::PathExists(kR4 + "/valuesets.json") && shell::PathExists(kUsCore61) &&
         shell::PathExists(kPas + "/package/package.json");
}

#define SKIP_WITHOUT_DATA()                                                      \
  if (!DataPresent()) {                                                          \
    std::cout << "GW_SKIPPED: R4 definitions or US Core / PAS corpora absent\n"; \
    return;                                                                      \
  }

struct World {
  std::shared_ptr<const conformance::ConformanceStore> store;
  std::unique_ptr<TerminologyService> service;
  double load_seconds = 0;
};

// Base R4 terminology bundles + US Core 6.1.0 + PAS 2.2.1, loaded once.
const World& Loaded() {
  static World* world = [] {
    auto* w = new World();
    auto start = std::chrono::steady_clock::now();
    shell::DefinitionSources sources;
    sources.r4_dir = kR4;
    sources.core_bundles = {"valuesets.json", "v3-codesystems.json", "v2-tables.json"};
    sources.packages = {kUsCore61, kPas};
    sources.build_type_model = false;
    IssueList issues;
    auto loaded = shell::LoadDefinitions(sources, &issues);
    BOOST_TEST_REQUIRE(loaded.ok(), loaded.status().ToString());
    w->store = loaded->store;
    w->service = std::make_unique<TerminologyService>(*w->store);
    w->load_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return w;
  }();
  return *world;
}

const TerminologyService& Service() { return *Loaded().service; }

Membership Check(std::string_view vs, std::string_view system, std::string_view code) {
  return Service().ValidateCode(vs, system, code).membership;
}

std::vector<Issue> Bind(BindingStrength strength, const std::string& vs,
                        std::vector<CodingRef> codings, bool has_text = false) {
  IssueList issues;
  Service().CheckBinding({strength, vs, std::move(codings), has_text, "X.code"}, &issues);
  return issues.issues();
}

BOOST_AUTO_TEST_CASE(administrative_gender) {
  SKIP_WITHOUT_DATA();
  const char* vs = "http://hl7.org/fhir/ValueSet/administrative-gender";
  for (const char* code : {"male", "female", "other", "unknown"}) {
    BOOST_TEST(Check(vs, kGender, code) == Membership::kMember, code);
    BOOST_TEST(Check(vs, "", code) == Membership::kMember, code);  // Patient.gender is a code
  }
  CodeValidation m = Service().ValidateCode(vs, kGender, "M");
  BOOST_TEST(m.membership == Membership::kNotMember);
  BOOST_TEST(m.reason == MembershipReason::kUnknownCode);
  BOOST_TEST(Check(vs, "", "M") == Membership::kNotMember);
  BOOST_TEST(Check(vs + std::string("|4.0.1"), kGender, "female") == Membership::kMember);
  auto e = Service().Expand(vs);
  BOOST_TEST_REQUIRE(e.ok());
  BOOST_TEST((*e)->size() == 4u);
  auto issues = Bind(BindingStrength::kRequired, vs, {{"", "M", "", "Patient.gender"}});
  BOOST_TEST_REQUIRE(issues.size() == 1u);
  BOOST_TEST(issues[0].code == kIssueCodeNotInValueSet);
  BOOST_TEST(issues[0].severity == Severity::kError);
  BOOST_TEST(Bind(BindingStrength::kRequired, vs, {{"", "female", "", ""}}).empty());
}

BOOST_AUTO_TEST_CASE(observation_status) {
  SKIP_WITHOUT_DATA();
  const char* vs = "http://hl7.org/fhir/ValueSet/observation-status";
  BOOST_TEST(Check(vs, "http://hl7.org/fhir/observation-status", "final") == Membership::kMember);
  BOOST_TEST(Check(vs, "", "entered-in-error") == Membership::kMember);
  BOOST_TEST(Check(vs, "", "finished") == Membership::kNotMember);
  BOOST_TEST(Check(vs, "", "FINAL") == Membership::kNotMember);  // case-sensitive system
}

BOOST_AUTO_TEST_CASE(marital_status_mixes_v3_code_systems) {
  SKIP_WITHOUT_DATA();
  const char* vs = "http://hl7.org/fhir/ValueSet/marital-status";
  BOOST_TEST(Check(vs, kMarital, "M") == Membership::kMember);
  BOOST_TEST(Check(vs, kMarital, "W") == Membership::kMember);
  BOOST_TEST(Check(vs, kNullFlavor, "UNK") == Membership::kMember);
  BOOST_TEST(Check(vs, kNullFlavor, "ASKU") == Membership::kNotMember);
  BOOST_TEST(Check(vs, kMarital, "X") == Membership::kNotMember);
  CodeValidation v = Service().ValidateCode(vs, kMarital, "M", "Married");
  BOOST_TEST(v.display == DisplayCheck::kMatches);
  v = Service().ValidateCode(vs, kMarital, "M", "Single");
  BOOST_TEST(v.display == DisplayCheck::kMismatch);
  BOOST_TEST(v.expected_display == "Married");
  auto e = Service().Expand(vs);
  BOOST_TEST_REQUIRE(e.ok(), e.status().ToString());
  BOOST_TEST((*e)->Contains(kNullFlavor, "UNK"));
  BOOST_TEST(!(*e)->Contains(kNullFlavor, "ASKU"));
  auto issues = Bind(BindingStrength::kExtensible, vs,
                     {{kMarital, "M", "Single", "Patient.maritalStatus.coding[0]"}});
  BOOST_TEST_REQUIRE(issues.size() == 1u);
  BOOST_TEST(issues[0].code == kIssueCodeDisplayMismatch);
  BOOST_TEST(issues[0].location == "Patient.maritalStatus.coding[0]");
}

BOOST_AUTO_TEST_CASE(is_a_filters_on_v3_act_code) {
  SKIP_WITHOUT_DATA();
  const char* vs = "http://terminology.hl7.org/ValueSet/v3-ActEncounterCode";
  for (const char* code : {"AMB", "EMER", "IMP", "ACUTE", "HH", "VR", "FLD"}) {
    BOOST_TEST(Check(vs, kActCode, code) == Membership::kMember, code);
  }
  BOOST_TEST(Check(vs, kActCode, "_ActEncounterCode") == Membership::kNotMember);  // excluded
  BOOST_TEST(Check(vs, kActCode, "ACCTRECEIVABLE") == Membership::kNotMember);
  BOOST_TEST(Service().ValidateCode(vs, kActCode, "NOPE").reason == MembershipReason::kUnknownCode);
  auto e = Service().Expand(vs);
  BOOST_TEST_REQUIRE(e.ok(), e.status().ToString());
  BOOST_TEST((*e)->Contains(kActCode, "ACUTE"));
  BOOST_TEST(!(*e)->Contains(kActCode, "_ActEncounterCode"));
  BOOST_TEST(Service().Subsumes(kActCode, "_ActEncounterCode", "ACUTE") == Subsumption::kSubsumes);
  BOOST_TEST(Service().Subsumes(kActCode, "ACUTE", "IMP") == Subsumption::kSubsumedBy);
  BOOST_TEST(Service().Subsumes(kActCode, "AMB", "EMER") == Subsumption::kNotSubsumed);
  // NullFlavor: nested concepts give the hierarchy (NI > INV > OTH > PINF).
  BOOST_TEST(Service().Subsumes(kNullFlavor, "NI", "PINF") == Subsumption::kSubsumes);
}

BOOST_AUTO_TEST_CASE(languages_are_checked_by_syntax) {
  SKIP_WITHOUT_DATA();
  const char* listed = "http://hl7.org/fhir/ValueSet/languages";
  const char* all = "http://hl7.org/fhir/ValueSet/all-languages";
  BOOST_TEST(Check(listed, "urn:ietf:bcp:47", "en-US") == Membership::kMember);
  BOOST_TEST(Check(listed, "", "en-us") == Membership::kMember);
  BOOST_TEST(Check(listed, "", "tlh") == Membership::kNotMember);
  BOOST_TEST(Check(all, "", "tlh") == Membership::kMember);
  BOOST_TEST(Check(all, "", "zh-Hant-TW") == Membership::kMember);
  CodeValidation v = Service().ValidateCode(all, "urn:ietf:bcp:47", "en_US");
  BOOST_TEST(v.membership == Membership::kNotMember);
  BOOST_TEST(v.reason == MembershipReason::kInvalidSyntax);
  BOOST_TEST(Check("http://hl7.org/fhir/ValueSet/mimetypes", "", "application/fhir+json") ==
             Membership::kMember);
  BOOST_TEST(Check("http://hl7.org/fhir/ValueSet/ucum-units", "http://unitsofmeasure.org",
                   "mg/dL") == Membership::kMember);
}

BOOST_AUTO_TEST_CASE(loinc_bound_value_sets_are_not_checked) {
  SKIP_WITHOUT_DATA();
  const char* vs = "http://hl7.org/fhir/ValueSet/observation-codes";
  CodeValidation v = Service().ValidateCode(vs, "http://loinc.org", "8867-4");
  BOOST_TEST(v.membership == Membership::kUnknown);
  BOOST_TEST(v.reason == MembershipReason::kSystemNotLoaded);
  BOOST_TEST(v.detail == "http://loinc.org");
  BOOST_TEST(!Service().IsMember("http://loinc.org", "8867-4", vs).has_value());
  auto issues = Bind(BindingStrength::kRequired, vs, {{"http://loinc.org", "8867-4", "", ""}});
  BOOST_TEST_REQUIRE(issues.size() == 1u);
  BOOST_TEST(issues[0].code == kIssueCodeNotChecked);
  BOOST_TEST(issues[0].severity == Severity::kInformation);
  BOOST_TEST(Bind(BindingStrength::kExample, vs, {{"http://loinc.org", "8867-4", "", ""}}).empty());
  // SNOMED CT is loaded with content not-present: not checked either.
  v = Service().ValidateCode("http://hl7.org/fhir/ValueSet/clinical-findings",
                             "http://snomed.info/sct", "404684003");
  BOOST_TEST(v.membership == Membership::kUnknown);
}

BOOST_AUTO_TEST_CASE(us_core_6_1_value_sets) {
  SKIP_WITHOUT_DATA();
  const std::string base = "http://hl7.org/fhir/us/core/ValueSet/";
  // Birth sex and OMB race include VSAC value sets that are not loaded.
  CodeValidation v = Service().ValidateCode(base + "birthsex", "", "F");
  BOOST_TEST(v.membership == Membership::kUnknown);
  BOOST_TEST(v.reason == MembershipReason::kValueSetNotFound);
  v = Service().ValidateCode(base + "omb-race-category", "urn:oid:2.16.840.1.113883.6.238",
                             "2106-3");
  BOOST_TEST(v.membership == Membership::kUnknown);
  auto issues = Bind(BindingStrength::kRequired, base + "omb-race-category",
                     {{"urn:oid:2.16.840.1.113883.6.238", "2106-3", "", ""}});
  BOOST_TEST_REQUIRE(issues.size() == 1u);
  BOOST_TEST(issues[0].code == kIssueCodeNotChecked);
  // Two code systems, one from US Core itself.
  const std::string concern = base + "us-core-problem-or-health-concern";
  BOOST_TEST(Check(concern, "http://terminology.hl7.org/CodeSystem/condition-category",
                   "problem-list-item") == Membership::kMember);
  BOOST_TEST(Check(concern, "http://hl7.org/fhir/us/core/CodeSystem/condition-category",
                   "health-concern") == Membership::kMember);
  BOOST_TEST(Check(concern, "http://terminology.hl7.org/CodeSystem/condition-category",
                   "encounter-diagnosis") == Membership::kNotMember);
  // Listed SNOMED CT codes are members although SNOMED CT itself is not loaded.
  const std::string orientation = base + "us-core-sexual-orientation";
  BOOST_TEST(Check(orientation, "http://snomed.info/sct", "38628009") == Membership::kMember);
  BOOST_TEST(Check(orientation, kNullFlavor, "UNK") == Membership::kMember);
  BOOST_TEST(Check(orientation, "http://snomed.info/sct", "1234") == Membership::kNotMember);
  // BCP-47 with `exists` filters.
  BOOST_TEST(Check(base + "simple-language", "urn:ietf:bcp:47", "en-US") == Membership::kMember);
  BOOST_TEST(Check(base + "simple-language", "urn:ietf:bcp:47", "zh-Hant") ==
             Membership::kNotMember);
  BOOST_TEST(Check(base + "us-core-usps-state", "https://www.usps.com/", "MA") ==
             Membership::kUnknown);
}

BOOST_AUTO_TEST_CASE(pas_2_2_1_value_sets) {
  SKIP_WITHOUT_DATA();
  const std::string base = "http://hl7.org/fhir/us/davinci-pas/ValueSet/";
  // X12 code lists are not loaded: not checked.
  CodeValidation v = Service().ValidateCode(base + "X12278RequestedServiceType",
                                            "https://codesystem.x12.org/005010/1365", "1");
  BOOST_TEST(v.membership == Membership::kUnknown);
  BOOST_TEST(v.reason == MembershipReason::kSystemNotLoaded);
  BOOST_TEST(Check(base + "X12278RequestedServiceType",
                   "http://terminology.hl7.org/CodeSystem/data-absent-reason",
                   "not-applicable") == Membership::kMember);
  // The IG's own code system, with descendent-of.
  const std::string categories = base + "cs-categories";
  const char* temp = "http://hl7.org/fhir/us/davinci-pas/CodeSystem/PASTempCodes";
  BOOST_TEST(Check(categories, temp, "privacy") == Membership::kMember);
  BOOST_TEST(Check(categories, temp, "_reqcat") == Membership::kNotMember);
  auto e = Service().Expand(categories);
  BOOST_TEST_REQUIRE(e.ok(), e.status().ToString());
  BOOST_TEST((*e)->size() == 5u);
  // A concept list on an R5-versioned system matches the loaded R4 code system.
  BOOST_TEST(Check(base + "ClaimResponseOutcome", "http://hl7.org/fhir/remittance-outcome",
                   "complete") == Membership::kMember);
  BOOST_TEST(Check(base + "ClaimResponseOutcome", "http://hl7.org/fhir/remittance-outcome",
                   "queued") == Membership::kNotMember);
  std::size_t not_checked = 0, total = 0;
  for (const auto* r : Loaded().store->All("ValueSet")) {
    if (r->url.rfind(base, 0) != 0) continue;
    ++total;
    auto x = Service().Expand(r->url);
    if (!x.ok() && x.status().code() == StatusCode::kUnimplemented) ++not_checked;
  }
  std::cout << "GW_METRIC pas_value_sets=" << total << " not_expandable_offline=" << not_checked
            << "\n";
  BOOST_TEST(total >= 20u);
}

// ---- figures ----

BOOST_AUTO_TEST_CASE(expand_every_base_value_set) {
  SKIP_WITHOUT_DATA();
  const World& w = Loaded();
  TerminologyService fresh(*w.store);  // cold caches
  std::map<std::string, int> outcome;
  std::size_t codes = 0;
  auto start = std::chrono::steady_clock::now();
  for (const auto* r : w.store->All("ValueSet")) {
    if (!w.store->packages()[r->package].core) continue;
    auto e = fresh.Expand(r->url);
    if (e.ok()) {
      ++outcome[(*e)->source() == ExpansionSource::kCompose ? "expanded" : "stored-expansion"];
      codes += (*e)->size();
    } else {
      ++outcome[ExpansionIssueCode(e.status())];
    }
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  int total = 0;
  for (const auto& [k, n] : outcome) total += n;
  std::cout << "GW_METRIC load_seconds=" << w.load_seconds << " base_value_sets=" << total
            << " expand_seconds=" << seconds << " codes=" << codes;
  for (const auto& [k, n] : outcome) std::cout << " " << k << "=" << n;
  std::cout << "\n";
  BOOST_TEST(total > 1000);
  BOOST_TEST(outcome["expanded"] > 1000);
  BOOST_TEST(outcome[kIssueCodeValueSetInvalid] == 0);
  BOOST_TEST(outcome[kIssueCodeExpansionTooLarge] == 0);
}

BOOST_AUTO_TEST_CASE(validate_code_rate_on_a_warm_cache) {
  SKIP_WITHOUT_DATA();
  struct Case {
    const char* vs;
    const char* system;
    const char* code;
  };
  const std::vector<Case> cases = {
      {"http://hl7.org/fhir/ValueSet/administrative-gender", kGender, "female"},
      {"http://hl7.org/fhir/ValueSet/marital-status", kNullFlavor, "UNK"},
      {"http://terminology.hl7.org/ValueSet/v3-ActEncounterCode", kActCode, "ACUTE"},
      {"http://hl7.org/fhir/ValueSet/languages", "urn:ietf:bcp:47", "en-US"},
      {"http://hl7.org/fhir/ValueSet/observation-codes", "http://loinc.org", "8867-4"},
      {"http://hl7.org/fhir/ValueSet/administrative-gender", kGender, "M"},
  };
  for (const Case& c : cases) (void)Service().ValidateCode(c.vs, c.system, c.code);  // warm up
  const int kRounds = 100'000;
  std::size_t members = 0;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kRounds; ++i) {
    const Case& c = cases[i % cases.size()];
    members += Service().ValidateCode(c.vs, c.system, c.code).membership == Membership::kMember;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "GW_METRIC validate_code_calls=" << kRounds
            << " per_second=" << static_cast<long>(kRounds / seconds) << "\n";
  std::size_t expected = 0;  // the first four cases are members
  for (int i = 0; i < kRounds; ++i) expected += i % cases.size() < 4;
  BOOST_TEST(members == expected);
}

}  // namespace
}  // namespace gw::terminology
