// Start-up checks of mapping files and ConceptMaps: each bad mapping fails the load with the
// file, the rule, the template path and a stable code.
#include <boost/test/unit_test.hpp>

#include "gateway/core/mapping/issue_codes.h"
#include "tests/unit/mapping/mapping_test_support.h"

using namespace gw;
using namespace gw::mapping;
using namespace gw::mapping::testing;

namespace {

// A one-rule mapping file around `rule_body` (the members of the rule object).
std::string File(const std::string& rule_body) {
  return R"({"feed":"t","file":"t.csv","format":"csv","key":"k","resources":[{"name":"r",)" +
         rule_body + "}]}";
}

MappingLoadError LoadError(const std::string& text) {
  MappingLoadError error;
  auto plan = LoadMappingPlan("t.json", text, TestEnvironment(), &error);
  BOOST_TEST(!plan.ok());
  if (!plan.ok()) {
    BOOST_TEST(plan.status().message().find("t.json") != std::string::npos);
  }
  return error;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_repository_mapping_loads) {
  for (const char* feed : {"members", "eligibility", "providers", "care_management", "prior_auth"}) {
    auto plan = LoadFeedPlan(feed);
    BOOST_TEST(plan->feed() == feed);
    BOOST_TEST(plan->rule_count() > 0u);
  }
}

BOOST_AUTO_TEST_CASE(a_valid_minimal_file_loads) {
  auto plan = LoadMappingPlan(
      "t.json", File(R"J("type":"Patient","id":"stableId('Patient', k)","template":{"active":true})J"),
      TestEnvironment());
  BOOST_TEST(plan.ok(), plan.status().message());
}

BOOST_AUTO_TEST_CASE(json_error_fails_the_load) {
  auto e = LoadError(R"({"feed": "t",)");
  BOOST_TEST(e.code == codes::kLoadJson);
  BOOST_TEST(e.file == "t.json");
}

BOOST_AUTO_TEST_CASE(missing_required_keys_fail_the_load) {
  auto e = LoadError(R"({"feed":"t","file":"t.csv","format":"csv","resources":[]})");
  BOOST_TEST(e.code == codes::kLoadMissingKey);
  BOOST_TEST(e.path == "key");
  e = LoadError(File(R"("type":"Patient","template":{"active":true})"));
  BOOST_TEST(e.code == codes::kLoadMissingKey);
  BOOST_TEST(e.rule == "r");
  BOOST_TEST(e.path == "id");
  e = LoadError(File(R"("type":"Patient","id":"k")"));
  BOOST_TEST(e.code == codes::kLoadMissingKey);
  BOOST_TEST(e.path == "template");
}

BOOST_AUTO_TEST_CASE(unknown_keys_fail_the_load) {
  auto e = LoadError(File(R"("type":"Patient","id":"k","tempalte":{},"template":{})"));
  BOOST_TEST(e.code == codes::kLoadUnknownKey);
  BOOST_TEST(e.path == "tempalte");
  e = LoadError(File(R"("type":"Patient","id":"k","template":{"name":[{"$iff":"true"}]})"));
  BOOST_TEST(e.code == codes::kLoadBadTemplate);
  BOOST_TEST(e.path == "template.name[0].$iff");
}

BOOST_AUTO_TEST_CASE(a_template_that_is_not_an_object_fails_the_load) {
  auto e = LoadError(File(R"("type":"Patient","id":"k","template":[1])"));
  BOOST_TEST(e.code == codes::kLoadBadTemplate);
  BOOST_TEST(e.path == "template");
  e = LoadError(File(R"("type":"Patient","id":"k","template":{"resourceType":"Patient"})"));
  BOOST_TEST(e.code == codes::kLoadBadTemplate);
  BOOST_TEST(e.path == "template.resourceType");
  e = LoadError(File(R"("type":"Patient","id":"k","template":{"name":{"$each":"x","$template":{}}})"));
  BOOST_TEST(e.code == codes::kLoadBadTemplate);
  BOOST_TEST(e.path == "template.name");
  e = LoadError(File(R"("type":"Patient","id":"k","template":{"gender":"{{ sex "})"));
  BOOST_TEST(e.code == codes::kLoadBadTemplate);
  BOOST_TEST(e.path == "template.gender");
}

BOOST_AUTO_TEST_CASE(a_resource_type_that_is_not_fhir_fails_the_load) {
  auto e = LoadError(File(R"("type":"Member","id":"k","template":{})"));
  BOOST_TEST(e.code == codes::kLoadUnknownType);
  BOOST_TEST(e.path == "type");
  BOOST_TEST(e.rule == "r");
}

BOOST_AUTO_TEST_CASE(fhirpath_syntax_errors_fail_the_load) {
  auto e = LoadError(File(R"("type":"Patient","id":"k","template":{"birthDate":"{{ birth_date.usDate( }}"})"));
  BOOST_TEST(e.code == codes::kLoadSyntax);
  BOOST_TEST(e.path == "template.birthDate");
  e = LoadError(File(R"("type":"Patient","id":"k","template":{"name":[{"text":"x {{ a + }} y"}]})"));
  BOOST_TEST(e.code == codes::kLoadSyntax);
  BOOST_TEST(e.path == "template.name[0].text");
  e = LoadError(File(R"("type":"Patient","when":"a ==","id":"k","template":{})"));
  BOOST_TEST(e.code == codes::kLoadSyntax);
  BOOST_TEST(e.path == "when");
}

BOOST_AUTO_TEST_CASE(unknown_functions_fail_the_load) {
  auto e = LoadError(File(R"("type":"Patient","id":"k","template":{"telecom":[{"value":"{{ p.phoneNumber() }}"}]})"));
  BOOST_TEST(e.code == codes::kLoadUnknownFunction);
  BOOST_TEST(e.path == "template.telecom[0].value");
  e = LoadError(File(R"J("type":"Patient","id":"stableId('Patient')","template":{})J"));
  BOOST_TEST(e.code == codes::kLoadSemantic);
  BOOST_TEST(e.path == "id");
}

BOOST_AUTO_TEST_CASE(unknown_concept_maps_fail_the_load) {
  auto e = LoadError(File(R"("type":"Patient","id":"k","template":{"gender":"{{ translate('gender', sex).code }}"})"));
  BOOST_TEST(e.code == codes::kLoadUnknownConceptMap);
  BOOST_TEST(e.path == "template.gender");
  e = LoadError(File(R"("type":"Patient","id":"k","template":{"gender":"{{ translate(m, sex).code }}"})"));
  BOOST_TEST(e.code == codes::kLoadUnknownConceptMap);
  // By url as well as by id.
  auto plan = LoadMappingPlan(
      "t.json",
      File(R"("type":"Patient","id":"k","template":{"gender":"{{ translate('https://fhir.plan.example/ConceptMap/sex', sex).code }}"})"),
      TestEnvironment());
  BOOST_TEST(plan.ok(), plan.status().message());
}

BOOST_AUTO_TEST_CASE(bad_concept_maps_are_refused) {
  ConceptMapSet set;
  BOOST_TEST(!set.Add("a.json", "{").ok());
  BOOST_TEST(!set.Add("b.json", R"({"resourceType":"ValueSet","id":"x","url":"y"})").ok());
  BOOST_TEST(!set.Add("c.json", R"({"resourceType":"ConceptMap","id":"x","url":"y","group":[{"element":[]}]})").ok());
  BOOST_TEST(set.Add("d.json", R"({"resourceType":"ConceptMap","id":"x","url":"y","group":[{"target":"s","element":[{"code":"a","target":[{"code":"b","equivalence":"equivalent"}]},{"code":"c","target":[{"code":"d","equivalence":"unmatched"}]}]}]})").ok());
  BOOST_TEST(set.Find("x", "a") != nullptr);
  BOOST_TEST(set.Find("y", "a") != nullptr);
  BOOST_TEST(set.Find("x", "c") == nullptr);
  BOOST_TEST(set.Find("z", "a") == nullptr);
}
