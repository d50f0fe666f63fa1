// The Patient compartment over the base R4 definitions: which Patients a resource belongs to
// (Observation, Encounter, Coverage, CarePlan, Claim, Patient; Practitioner is outside), the
// reference forms that count, and the whole Synthea corpus (every compartment resource of a
// patient's bundle belongs to that patient).
#define BOOST_TEST_MODULE patient_compartment_test
#include "gateway/core/auth/patient_compartment.h"

#include <boost/test/unit_test.hpp>
#include <iostream>

#include "gateway/core/auth/member_access.h"
#include "gateway/core/json/parse.h"
#include "gateway/shell/fhir_defs/definitions_loader.h"
#include "gateway/shell/fs/file.h"
#include "search_fixture.h"

namespace gw::auth {
namespace {

using Members = std::optional<std::set<std::string>>;

struct Fixture {
  std::shared_ptr<const PatientCompartment> compartment;
  std::shared_ptr<const conformance::ConformanceStore> store;
  std::shared_ptr<const search::SearchParamRegistry> registry;
  IssueList issues;
};

const Fixture* Loaded() {
  static Fixture* f = [] {
    Fixture* out = nullptr;
    const std::string r4 = GW_FHIR_R4_DIR;
    if (!shell::PathExists(r4 + "/search-parameters.json")) return out;
    shell::DefinitionSources sources;
    sources.r4_dir = r4;
    sources.core_bundles = {"profiles-types.json", "profiles-resources.json",
                            "search-parameters.json"};
    auto loaded = shell::LoadDefinitions(sources, nullptr);
    if (!loaded.ok()) return out;
    auto registry = search::SearchParamRegistry::FromStore(*loaded->store, loaded->model);
    if (!registry.ok()) return out;
    out = new Fixture();
    out->store = loaded->store;
    out->registry = registry.value();
    auto c = PatientCompartment::FromStore(*out->store, out->registry, &out->issues);
    if (c.ok()) out->compartment = c.value();
    return out;
  }();
  return f;
}

#define SKIP_WITHOUT_DEFINITIONS()                      \
  if (Loaded() == nullptr) {                            \
    std::cout << "GW_SKIPPED: R4 definitions absent\n"; \
    return;                                             \
  }                                                     \
  BOOST_TEST_REQUIRE(Loaded()->compartment != nullptr); \
  [[maybe_unused]] const PatientCompartment& pc = *Loaded()->compartment;

json::Value J(std::string_view text) { return search::testing::ParseJson(text); }

// Members as text for readable failures: "none" (outside the compartment) or "{a,b}".
std::string Show(const Members& m) {
  if (!m) return "none";
  std::string out = "{";
  for (const std::string& id : *m) out += (out.size() > 1 ? "," : "") + id;
  return out + "}";
}

std::string Set(std::initializer_list<const char*> ids) {
  std::set<std::string> s(ids.begin(), ids.end());
  return Show(s);
}

std::string Ids(const PatientCompartment& pc, const json::Value& resource) {
  return Show(pc.MemberIds(resource));
}

std::vector<std::string> V(std::initializer_list<const char*> codes) {
  return std::vector<std::string>(codes.begin(), codes.end());
}

BOOST_AUTO_TEST_CASE(builds_from_the_r4_definition_without_unusable_parameters) {
  SKIP_WITHOUT_DEFINITIONS();
  for (const Issue& i : Loaded()->issues.issues()) {
    BOOST_TEST_MESSAGE(i.code << " " << i.location);
  }
  BOOST_TEST(Loaded()->issues.issues().empty());
  BOOST_TEST(pc.ResourceTypes().size() == 66u);  // the types listed with parameters
  BOOST_TEST(pc.InCompartment("Observation"));
  BOOST_TEST(pc.InCompartment("Patient"));
  BOOST_TEST(!pc.InCompartment("Practitioner"));
  BOOST_TEST(!pc.InCompartment("Organization"));
  BOOST_TEST(!pc.InCompartment("Medication"));  // listed in the definition without parameters
  BOOST_TEST(!pc.InCompartment("NoSuchType"));
  BOOST_TEST(pc.ParamsFor("Observation") == V({"subject", "performer"}),
             boost::test_tools::per_element());
  BOOST_TEST(pc.ParamsFor("Coverage") == V({"policy-holder", "subscriber", "beneficiary", "payor"}),
             boost::test_tools::per_element());
  BOOST_TEST(pc.ParamsFor("Encounter") == V({"patient"}), boost::test_tools::per_element());
  BOOST_TEST(pc.ParamsFor("Claim") == V({"patient", "payee"}), boost::test_tools::per_element());
  BOOST_TEST(pc.ParamsFor("Patient") == V({"_id"}), boost::test_tools::per_element());
  BOOST_TEST(pc.ParamsFor("Practitioner").empty());
}

BOOST_AUTO_TEST_CASE(observation_subject_and_performer) {
  SKIP_WITHOUT_DEFINITIONS();
  BOOST_TEST(Ids(pc, J(R"({"resourceType":"Observation","status":"final",
      "code":{"text":"x"},"subject":{"reference":"Patient/p1"},
      "performer":[{"reference":"Practitioner/d1"},{"reference":"Patient/p3"}]})")) ==
             Set({"p1", "p3"}));
  // A group subject is not a Patient: in the compartment, but no member.
  BOOST_TEST(Ids(pc, J(R"({"resourceType":"Observation","status":"final",
      "code":{"text":"x"},"subject":{"reference":"Group/g1"}})")) == Set({}));
  BOOST_TEST(Ids(pc, J(R"({"resourceType":"Observation","status":"final",
      "code":{"text":"x"}})")) == Set({}));
}

BOOST_AUTO_TEST_CASE(reference_forms) {
  SKIP_WITHOUT_DEFINITIONS();
  auto obs = [&](std::string_view subject) {
    return Ids(pc, J(std::string(R"({"resourceType":"Observation","status":"final",
        "code":{"text":"x"},"contained":[{"resourceType":"Patient","id":"c1"}],
        "subject":)") +
                     std::string(subject) + "}"));
  };
  BOOST_TEST(obs(R"({"reference":"Patient/123"})") == Set({"123"}));
  BOOST_TEST(obs(R"({"reference":"Patient/123/_history/4"})") == Set({"123"}));
  BOOST_TEST(obs(R"({"reference":"https://other.example.org/fhir/Patient/123"})") == Set({"123"}));
  BOOST_TEST(obs(R"({"reference":"https://other.example.org/fhir/Patient/123/_history/2"})") ==
             Set({"123"}));
  BOOST_TEST(obs(R"({"reference":"#c1"})") == Set({}));  // contained
  BOOST_TEST(obs(R"({"reference":"urn:uuid:8c4b5f4e-4c0e-4f52-9d3e-0c7a3b7f0b11"})") == Set({}));
  BOOST_TEST(obs(R"({"type":"Patient","identifier":{"system":"urn:x","value":"9"}})") == Set({}));
  BOOST_TEST(obs(R"({"reference":"Patient/bad id"})") == Set({}));
  BOOST_TEST(obs(R"({"reference":"Device/123"})") == Set({}));
}

BOOST_AUTO_TEST_CASE(encounter_coverage_careplan_claim) {
  SKIP_WITHOUT_DEFINITIONS();
  // R4 lists Encounter by `patient` (subject when it is a Patient).
  BOOST_TEST(Ids(pc, J(R"({"resourceType":"Encounter","status":"finished",
      "class":{"code":"AMB"},"subject":{"reference":"Patient/e1"},
      "participant":[{"individual":{"reference":"Practitioner/d1"}}]})")) == Set({"e1"}));
  BOOST_TEST(Ids(pc, J(R"({"resourceType":"Encounter","status":"finished",
      "class":{"code":"AMB"},"subject":{"reference":"Group/g1"}})")) == Set({}));
  // Coverage: beneficiary, subscriber and policy holder when they are Patients; payor too.
  BOOST_TEST(Ids(pc, J(R"({"resourceType":"Coverage","status":"active",
      "beneficiary":{"reference":"Patient/b1"},"subscriber":{"reference":"Patient/s1"},
      "policyHolder":{"reference":"Organization/o1"},
      "payor":[{"reference":"Organization/plan"}]})")) == Set({"b1", "s1"}));
  BOOST_TEST(Ids(pc, J(R"({"resourceType":"Coverage","status":"active",
      "beneficiary":{"reference":"Patient/b1"},"policyHolder":{"reference":"Patient/h1"},
      "payor":[{"reference":"Patient/b1"}]})")) == Set({"b1", "h1"}));
  // CarePlan: subject (patient) and activity performers that are Patients.
  BOOST_TEST(Ids(pc, J(R"({"resourceType":"CarePlan","status":"active","intent":"plan",
      "subject":{"reference":"Patient/c1"},
      "activity":[{"detail":{"status":"scheduled","performer":[{"reference":"Patient/c2"},
        {"reference":"Practitioner/d1"}]}}]})")) == Set({"c1", "c2"}));
  BOOST_TEST(Ids(pc, J(R"({"resourceType":"CarePlan","status":"active","intent":"plan",
      "subject":{"reference":"Group/g1"}})")) == Set({}));
  // Claim: patient, and the payee party when it is a Patient.
  BOOST_TEST(Ids(pc, J(R"({"resourceType":"Claim","status":"active","use":"claim",
      "patient":{"reference":"Patient/m1"},"payee":{"type":{"text":"x"},
        "party":{"reference":"Practitioner/d1"}},
      "provider":{"reference":"Organization/o1"}})")) == Set({"m1"}));
  BOOST_TEST(Ids(pc, J(R"({"resourceType":"Claim","status":"active","use":"claim",
      "patient":{"reference":"Patient/m1"},"payee":{"type":{"text":"x"},
        "party":{"reference":"Patient/m2"}}})")) == Set({"m1", "m2"}));
}

BOOST_AUTO_TEST_CASE(patient_and_types_outside) {
  SKIP_WITHOUT_DEFINITIONS();
  BOOST_TEST(Ids(pc, J(R"({"resourceType":"Patient","id":"p1",
      "link":[{"other":{"reference":"Patient/p2"},"type":"seealso"}]})")) == Set({"p1"}));
  BOOST_TEST(Ids(pc, J(R"({"resourceType":"Patient"})")) == Set({}));
  BOOST_TEST(Ids(pc, J(R"({"resourceType":"Practitioner","id":"d1"})")) == "none");
  BOOST_TEST(Ids(pc, J(R"({"resourceType":"Organization","id":"o1"})")) == "none");
  BOOST_TEST(Ids(pc, J(R"({"resourceType":"Medication","id":"m1"})")) == "none");
  BOOST_TEST(Ids(pc, J(R"({"id":"x"})")) == "none");
}

BOOST_AUTO_TEST_CASE(definition_errors) {
  SKIP_WITHOUT_DEFINITIONS();
  const json::Value encounter = J(R"({"resourceType":"CompartmentDefinition",
      "code":"Encounter","resource":[]})");
  auto r = PatientCompartment::Build(encounter, Loaded()->registry);
  BOOST_TEST(!r.ok());
  BOOST_TEST(static_cast<int>(r.status().code()) == static_cast<int>(StatusCode::kInvalidArgument));
  const json::Value empty = J(R"({"resourceType":"CompartmentDefinition","code":"Patient"})");
  BOOST_TEST(!PatientCompartment::Build(empty, nullptr).ok());
  // An unknown parameter is skipped with a warning; the type stays in the compartment.
  const json::Value partial = J(R"({"resourceType":"CompartmentDefinition","code":"Patient",
      "resource":[{"code":"Observation","param":["subject","nope","code"]}]})");
  IssueList issues;
  auto c = PatientCompartment::Build(partial, Loaded()->registry, &issues);
  BOOST_TEST_REQUIRE(c.ok());
  BOOST_TEST(issues.issues().size() == 2u);
  for (const Issue& i : issues.issues()) BOOST_TEST(i.code == kIssueCompartmentParam);
  BOOST_TEST(issues.issues()[0].location == "Observation.nope");
  BOOST_TEST(issues.issues()[1].location == "Observation.code");  // a token parameter
  BOOST_TEST((*c)->ParamsFor("Observation") == V({"subject"}), boost::test_tools::per_element());
  BOOST_TEST(Ids(**c, J(R"({"resourceType":"Observation","status":"final",
      "code":{"text":"x"},"subject":{"reference":"Patient/1"},
      "performer":[{"reference":"Patient/2"}]})")) == Set({"1"}));
}

BOOST_AUTO_TEST_CASE(compartment_and_member_access_together) {
  SKIP_WITHOUT_DEFINITIONS();
  MemberAccess provider;
  provider.members = {"p1"};
  provider.provider_client = true;
  json::Value mine = J(R"({"resourceType":"Observation","status":"final","code":{"text":"x"},
      "subject":{"reference":"Patient/p1"}})");
  json::Value theirs = J(R"({"resourceType":"Observation","status":"final","code":{"text":"x"},
      "subject":{"reference":"Patient/p2"}})");
  json::Value doctor = J(R"({"resourceType":"Practitioner","id":"d1"})");
  BOOST_TEST(provider.MayRead(pc.MemberIds(mine)));
  BOOST_TEST(!provider.MayRead(pc.MemberIds(theirs)));
  BOOST_TEST(provider.MayRead(pc.MemberIds(doctor)));
  BOOST_TEST(!provider.MayWrite(pc.MemberIds(mine), pc.MemberIds(theirs)));
  BOOST_TEST(provider.MayWrite(pc.MemberIds(mine), pc.MemberIds(mine)));
}

// Every compartment resource of a Synthea patient's bundle belongs to that patient, and only
// to them.
BOOST_AUTO_TEST_CASE(synthea_resources_belong_to_their_patient) {
  SKIP_WITHOUT_DEFINITIONS();
  auto bundles = search::testing::SyntheaBundles(0);
  if (bundles.empty()) {
    std::cout << "GW_SKIPPED: Synthea corpus absent\n";
    return;
  }
  std::size_t in = 0, out = 0, wrong = 0;
  for (const std::vector<json::Value>& resources : bundles) {
    std::string patient;
    for (const json::Value& r : resources) {
      const json::Value* t = r.Find("resourceType");
      if (t != nullptr && t->string_value() == "Patient") {
        patient = std::string(r.Find("id")->string_value());
      }
    }
    BOOST_TEST_REQUIRE(!patient.empty());
    for (const json::Value& r : resources) {
      Members m = pc.MemberIds(r);
      if (!m) {
        ++out;
        continue;
      }
      ++in;
      if (*m != std::set<std::string>{patient}) {
        ++wrong;
        BOOST_TEST_MESSAGE(r.Find("resourceType")->string_value() << " members " << m->size());
      }
    }
  }
  BOOST_TEST_MESSAGE("compartment resources " << in << ", outside " << out);
  BOOST_TEST(in > 1000u);
  BOOST_TEST(wrong == 0u);
}

}  // namespace
}  // namespace gw::auth
