// The registered transforms and the template semantics, through one-rule plans over Basic.
#include <boost/test/unit_test.hpp>

#include "gateway/core/json/write.h"
#include "gateway/core/mapping/issue_codes.h"
#include "tests/unit/mapping/mapping_test_support.h"

using namespace gw;
using namespace gw::mapping;
using namespace gw::mapping::testing;

namespace {

std::shared_ptr<const MappingPlan> Plan(const std::string& template_json) {
  std::string text =
      R"({"feed":"t","file":"t.csv","format":"csv","key":"k","resources":[{"name":"r","type":"Basic","id":"'fixed'","template":)" +
      template_json + "}]}";
  auto plan = LoadMappingPlan("t.json", text, TestEnvironment());
  BOOST_TEST_REQUIRE(plan.ok(), plan.status().message());
  return *plan;
}

// The template members the record maps to (without resourceType/id), as JSON text; or
// "ISSUE code location field".
std::string Map(const std::string& template_json, const std::string& record_json) {
  auto plan = Plan(template_json);
  json::Value record = ParseJson(record_json);
  MapResult r = plan->Map(record);
  if (!r.ok()) {
    const MappingIssue& i = r.issues.front();
    return "ISSUE " + i.issue.code + " " + i.issue.location + " " + i.field;
  }
  std::vector<json::Member> rest;
  for (const json::Member& m : r.resources.at(0).resource.members()) {
    if (m.key != "resourceType" && m.key != "id") rest.push_back(m);
  }
  return json::Write(json::Value::Object(std::move(rest)));
}

std::string One(const std::string& expr, const std::string& record_json) {
  return Map(R"({"x":"{{ )" + expr + R"( }}"})", record_json);
}

}  // namespace

BOOST_AUTO_TEST_CASE(us_dates_become_fhir_dates) {
  BOOST_TEST(One("d.usDate()", R"({"k":"1","d":"03/14/1948"})") == R"({"x":"1948-03-14"})");
  BOOST_TEST(One("d.usDate()", R"({"k":"1","d":"02/29/2024"})") == R"({"x":"2024-02-29"})");
  BOOST_TEST(One("d.usDate()", R"({"k":"1"})") == R"({})");
  for (const char* bad : {"02/30/2024", "02/29/2023", "13/01/2020", "3/14/1948", "1948-03-14",
                          "00/10/2020", "03/14/48"}) {
    BOOST_TEST(One("d.usDate()", std::string(R"({"k":"1","d":")") + bad + "\"}") ==
                   "ISSUE mapping-bad-date Basic.x d",
               bad);
  }
}

BOOST_AUTO_TEST_CASE(iso_dates_are_checked) {
  BOOST_TEST(One("d.isoDate()", R"({"k":"1","d":"2026-12-31"})") == R"({"x":"2026-12-31"})");
  BOOST_TEST(One("d.isoDate()", R"({"k":"1","d":"2026-02-31"})") == "ISSUE mapping-bad-date Basic.x d");
  BOOST_TEST(One("d.isoDate()", R"({"k":"1","d":"12/31/2026"})") == "ISSUE mapping-bad-date Basic.x d");
}

BOOST_AUTO_TEST_CASE(local_date_times_get_the_atlantic_offset) {
  BOOST_TEST(One("t.localDateTime()", R"({"k":"1","t":"2026-11-20T06:15:00"})") ==
             R"({"x":"2026-11-20T06:15:00-04:00"})");
  BOOST_TEST(One("t.localDateTime()", R"({"k":"1","t":"2026-11-20T06:15"})") ==
             R"({"x":"2026-11-20T06:15:00-04:00"})");
  for (const char* bad : {"2026-11-20", "2026-11-20T24:00:00", "2026-11-20T06:15:00Z", "x"}) {
    BOOST_TEST(One("t.localDateTime()", std::string(R"({"k":"1","t":")") + bad + "\"}") ==
                   "ISSUE mapping-bad-datetime Basic.x t",
               bad);
  }
}

BOOST_AUTO_TEST_CASE(phones_and_zips) {
  BOOST_TEST(One("p.phone()", R"({"k":"1","p":"7875550142"})") == R"({"x":"787-555-0142"})");
  for (const char* bad : {"787555014", "78755501420", "787-555-0142", "787555014x"}) {
    BOOST_TEST(One("p.phone()", std::string(R"({"k":"1","p":")") + bad + "\"}") ==
                   "ISSUE mapping-bad-phone Basic.x p",
               bad);
  }
  BOOST_TEST(One("z.zip()", R"({"k":"1","z":"00959"})") == R"({"x":"00959"})");
  BOOST_TEST(One("z.zip()", R"({"k":"1","z":"009594321"})") == R"({"x":"00959-4321"})");
  BOOST_TEST(One("z.zip()", R"({"k":"1","z":"0095"})") == "ISSUE mapping-bad-zip Basic.x z");
  BOOST_TEST(One("z.zip()", R"({"k":"1","z":"00959-4321"})") == "ISSUE mapping-bad-zip Basic.x z");
}

BOOST_AUTO_TEST_CASE(full_names_skip_empty_parts) {
  BOOST_TEST(One("fullName(a, b, c, d)", R"({"k":"1","a":"María","b":"del Carmen","c":"Rodríguez","d":"Ortiz"})") ==
             R"({"x":"María del Carmen Rodríguez Ortiz"})");
  BOOST_TEST(One("fullName(a, b, c, d)", R"({"k":"1","a":"Luis","c":"Muñoz"})") == R"({"x":"Luis Muñoz"})");
  BOOST_TEST(One("fullName(a, b)", R"({"k":"1"})") == R"({})");
}

BOOST_AUTO_TEST_CASE(stable_ids_are_v5_uuids_under_the_configured_namespace) {
  auto ns = ParseUuid(kTestNamespace);
  std::string expected = NameUuidV5(*ns, "Patient/MMM00012345601");
  BOOST_TEST(expected.substr(14, 1) == "5");
  BOOST_TEST(One("stableId('Patient', m)", R"({"k":"1","m":"MMM00012345601"})") ==
             R"({"x":")" + expected + "\"}");
  BOOST_TEST(One("ref('Patient', m)", R"({"k":"1","m":"MMM00012345601"})") ==
             R"({"x":"Patient/)" + expected + "\"}");
  BOOST_TEST(One("stableId('Patient', m)", R"({"k":"1"})") == R"({})");
  // Another namespace gives other ids.
  auto env = std::make_shared<MappingEnvironment>();
  env->id_namespace = *ParseUuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
  auto plan = LoadMappingPlan(
      "t.json",
      R"J({"feed":"t","file":"t.csv","format":"csv","key":"k","resources":[{"name":"r","type":"Basic","id":"stableId('Basic', k)","template":{}}]})J",
      env);
  BOOST_TEST_REQUIRE(plan.ok());
  MapResult r = (*plan)->Map(ParseJson(R"({"k":"MMM00012345601"})"));
  BOOST_TEST_REQUIRE(r.ok());
  BOOST_TEST(r.resources[0].resource.Find("id")->string_value() ==
             NameUuidV5(env->id_namespace,
                        "Basic/MMM00012345601"));
  BOOST_TEST(r.resources[0].resource.Find("id")->string_value() !=
             NameUuidV5(*ns, "Basic/MMM00012345601"));
}

BOOST_AUTO_TEST_CASE(translate_gives_the_target_coding) {
  BOOST_TEST(One("translate('language', l)", R"({"k":"1","l":"SPA"})") ==
             R"({"x":{"system":"urn:ietf:bcp:47","code":"es","display":"Spanish"}})");
  BOOST_TEST(One("translate('sex', s).code", R"({"k":"1","s":"F"})") == R"({"x":"female"})");
  BOOST_TEST(One("translate('sex', s).code", R"({"k":"1","s":"X"})") ==
             "ISSUE mapping-unknown-code Basic.x s");
  BOOST_TEST(One("translate('um-review-action', o).code", R"({"k":"1","o":"modified"})") == R"({"x":"A6"})");
}

BOOST_AUTO_TEST_CASE(template_values_follow_their_fhirpath_types) {
  BOOST_TEST(One("n", R"({"k":"1","n":1.50})") == R"({"x":1.50})");
  BOOST_TEST(One("n + 1", R"({"k":"1","n":2})") == R"({"x":3})");
  BOOST_TEST(One("b", R"({"k":"1","b":true})") == R"({"x":true})");
  BOOST_TEST(One("s = 'a'", R"({"k":"1","s":"a"})") == R"({"x":true})");
  BOOST_TEST(One("a", R"({"k":"1","a":["p","q"]})") == "ISSUE mapping-multiple-values Basic.x ");
  BOOST_TEST(Map(R"({"x":["{{ a }}", "z"]})", R"({"k":"1","a":["p","q"]})") == R"({"x":["p","q","z"]})");
  BOOST_TEST(Map(R"({"x":"<{{ a }}|{{ b }}>"})", R"({"k":"1","a":"p"})") == R"({"x":"<p|>"})");
  BOOST_TEST(Map(R"J({"x":{"$if":"a.exists()","y":1},"z":{"$if":"b.exists()","y":1}})J", R"({"k":"1","a":"p"})") ==
             R"({"x":{"y":1}})");
  BOOST_TEST(Map(R"({"x":[{"$each":"a","$template":{"v":"{{ $this }}","i":"{{ %index }}","k":"{{ %record.k }}"}}]})",
                 R"({"k":"K","a":["p","q"]})") ==
             R"({"x":[{"v":"p","i":0,"k":"K"},{"v":"q","i":1,"k":"K"}]})");
  BOOST_TEST(Map(R"({"x":{"y":[{"z":"{{ a }}"}]},"w":""})", R"({"k":"1"})") == R"({})");
}

BOOST_AUTO_TEST_CASE(issues_inside_each_name_the_item) {
  BOOST_TEST(Map(R"({"item":[{"$each":"s","$template":{"d":"{{ from.usDate() }}"}}]})",
                 R"({"k":"1","s":[{"from":"01/01/2026"},{"from":"01/32/2026"}]})") ==
             "ISSUE mapping-bad-date Basic.item[1].d s[1].from");
}

BOOST_AUTO_TEST_CASE(records_without_key_or_not_objects_are_rejected) {
  auto plan = Plan(R"({"x":"{{ a }}"})");
  MapResult r = plan->Map(ParseJson(R"({"a":"1"})"));
  BOOST_TEST_REQUIRE(!r.ok());
  BOOST_TEST(r.issues[0].issue.code == codes::kMissingKey);
  BOOST_TEST(r.issues[0].field == "k");
  r = plan->Map(ParseJson("[1]"));
  BOOST_TEST_REQUIRE(!r.ok());
  BOOST_TEST(r.issues[0].issue.code == codes::kNotObject);
}

BOOST_AUTO_TEST_CASE(a_rejected_record_yields_no_resources_and_every_issue) {
  auto plan = Plan(R"({"a":"{{ a.usDate() }}","b":"{{ b.phone() }}","c":"{{ c }}"})");
  MapResult r = plan->Map(ParseJson(R"({"k":"1","a":"99/99/2020","b":"12","c":"ok"})"));
  BOOST_TEST(r.resources.empty());
  BOOST_TEST_REQUIRE(r.issues.size() == 2u);
  BOOST_TEST(r.issues[0].issue.code == codes::kBadDate);
  BOOST_TEST(r.issues[0].issue.location == "Basic.a");
  BOOST_TEST(r.issues[0].field == "a");
  BOOST_TEST(r.issues[0].rule == "r");
  BOOST_TEST(r.issues[1].issue.code == codes::kBadPhone);
  BOOST_TEST(r.issues[1].issue.location == "Basic.b");
}
