// Hermetic tests of the terminology layer on small in-memory code systems and value sets.
#define BOOST_TEST_MODULE terminology_unit_test
#include <algorithm>
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <string>
#include <thread>
#include <vector>

#include "gateway/core/terminology/code_system.h"
#include "gateway/core/terminology/concept_filter.h"
#include "gateway/core/terminology/expander.h"
#include "gateway/core/terminology/issue_codes.h"
#include "gateway/core/terminology/language_tag.h"
#include "gateway/core/terminology/mime_type.h"
#include "gateway/core/terminology/special_systems.h"
#include "gateway/core/terminology/terminology_service.h"
#include "tests/unit/terminology/fake_resolver.h"

namespace gw::terminology {

std::ostream& operator<<(std::ostream& os, Membership m) { return os << MembershipName(m); }
std::ostream& operator<<(std::ostream& os, MembershipReason r) {
  return os << MembershipReasonName(r);
}
std::ostream& operator<<(std::ostream& os, DisplayCheck d) { return os << DisplayCheckName(d); }
std::ostream& operator<<(std::ostream& os, Subsumption s) { return os << SubsumptionName(s); }
std::ostream& operator<<(std::ostream& os, LookupStatus s) { return os << LookupStatusName(s); }
std::ostream& operator<<(std::ostream& os, CodeSystemContent c) { return os << ContentName(c); }
std::ostream& operator<<(std::ostream& os, ExpansionSource s) {
  return os << (s == ExpansionSource::kCompose ? "compose" : "stored-expansion");
}

}  // namespace gw::terminology

namespace gw {
std::ostream& operator<<(std::ostream& os, StatusCode c) { return os << StatusCodeName(c); }
std::ostream& operator<<(std::ostream& os, Severity s) { return os << SeverityName(s); }
}  // namespace gw

namespace gw::terminology {
namespace {

using testing::FakeCanonicalResolver;
using testing::Json;

// A small hierarchy: animal > mammal > (dog, cat), animal > bird; fish has parent animal via
// property; "pet" is a second parent of dog and cat through `child`.
constexpr char kAnimals[] = R"({
  "resourceType": "CodeSystem", "url": "http://example.org/cs/animals", "version": "1",
  "caseSensitive": true, "content": "complete", "hierarchyMeaning": "is-a",
  "property": [
    {"code": "parent", "uri": "http://hl7.org/fhir/concept-properties#parent", "type": "code"},
    {"code": "kid", "uri": "http://hl7.org/fhir/concept-properties#child", "type": "code"},
    {"code": "legs", "type": "integer"},
    {"code": "notSelectable", "type": "boolean"}],
  "concept": [
    {"code": "animal", "display": "Animal",
     "property": [{"code": "notSelectable", "valueBoolean": true}],
     "concept": [
       {"code": "mammal", "display": "Mammal", "concept": [
         {"code": "dog", "display": "Dog", "property": [{"code": "legs", "valueInteger": 4}],
          "designation": [{"language": "de", "value": "Hund"}]},
         {"code": "cat", "display": "Cat", "property": [{"code": "legs", "valueInteger": 4}]}]},
       {"code": "bird", "display": "Bird", "property": [{"code": "legs", "valueInteger": 2}]}]},
    {"code": "fish", "display": "Fish", "property": [{"code": "parent", "valueCode": "animal"}]},
    {"code": "pet", "display": "Pet",
     "property": [{"code": "kid", "valueCode": "dog"}, {"code": "kid", "valueCode": "cat"}]}
  ]})";

constexpr char kColors[] = R"({
  "resourceType": "CodeSystem", "url": "http://example.org/cs/colors", "caseSensitive": false,
  "content": "complete",
  "concept": [{"code": "RED", "display": "Red"}, {"code": "GREEN", "display": "Green"},
              {"code": "BLUE", "display": "Blue"}]})";

constexpr char kFragment[] = R"({
  "resourceType": "CodeSystem", "url": "http://example.org/cs/fragment", "content": "fragment",
  "concept": [{"code": "a", "display": "A"}]})";

std::string ValueSet(const std::string& url, const std::string& compose) {
  return R"({"resourceType": "ValueSet", "url": ")" + url + R"(", "compose": )" + compose + "}";
}

struct Fixture {
  Fixture() {
    resolver.Add(kAnimals);
    resolver.Add(kColors);
    resolver.Add(kFragment);
  }
  FakeCanonicalResolver resolver;
};

CodeSystemIndex Animals() {
  auto cs = CodeSystemIndex::Build(Json(kAnimals));
  BOOST_TEST_REQUIRE(cs.ok(), cs.status().ToString());
  return std::move(cs).value();
}

std::vector<std::string> Codes(const ValueSetExpansion& e) {
  std::vector<std::string> out;
  for (const ExpansionEntry& entry : e.contains()) out.push_back(entry.code);
  return out;
}

// ---- CodeSystemIndex ----

BOOST_AUTO_TEST_CASE(code_system_index_hierarchy_from_nesting_and_properties) {
  CodeSystemIndex cs = Animals();
  BOOST_TEST(cs.size() == 7u);
  BOOST_TEST(cs.complete());
  BOOST_TEST(cs.Find("dog")->display == "Dog");
  BOOST_TEST(cs.Find("DOG") == nullptr);  // case-sensitive
  BOOST_TEST(cs.Find("animal")->abstract);
  BOOST_TEST(cs.Subsumes("animal", "dog") == Subsumption::kSubsumes);
  BOOST_TEST(cs.Subsumes("dog", "mammal") == Subsumption::kSubsumedBy);
  BOOST_TEST(cs.Subsumes("dog", "dog") == Subsumption::kEquivalent);
  BOOST_TEST(cs.Subsumes("bird", "dog") == Subsumption::kNotSubsumed);
  BOOST_TEST(cs.Subsumes("animal", "fish") == Subsumption::kSubsumes);  // parent property
  BOOST_TEST(cs.Subsumes("pet", "cat") == Subsumption::kSubsumes);      // child property
  BOOST_TEST(cs.Subsumes("animal", "unicorn") == Subsumption::kUnknown);
}

BOOST_AUTO_TEST_CASE(code_system_index_case_insensitive_and_content) {
  auto colors = CodeSystemIndex::Build(Json(kColors));
  BOOST_TEST_REQUIRE(colors.ok());
  BOOST_TEST(colors->Find("red") != nullptr);
  BOOST_TEST(colors->Find("Red")->code == "RED");
  auto fragment = CodeSystemIndex::Build(Json(kFragment));
  BOOST_TEST_REQUIRE(fragment.ok());
  BOOST_TEST(!fragment->complete());
  BOOST_TEST(fragment->content() == CodeSystemContent::kFragment);
}

BOOST_AUTO_TEST_CASE(code_system_index_rejects_supplements_and_bad_input) {
  auto supplement = CodeSystemIndex::Build(Json(
      R"({"resourceType": "CodeSystem", "url": "http://x/s", "content": "supplement",
          "supplements": "http://example.org/cs/animals"})"));
  BOOST_TEST(supplement.status().code() == StatusCode::kFailedPrecondition);
  BOOST_TEST(
      CodeSystemIndex::Build(Json(R"({"resourceType": "ValueSet", "url": "x"})")).status().code() ==
      StatusCode::kInvalidArgument);
  TerminologyOptions tight;
  tight.max_code_system_concepts = 3;
  BOOST_TEST(CodeSystemIndex::Build(Json(kAnimals), tight).status().code() ==
             StatusCode::kResourceExhausted);
}

BOOST_AUTO_TEST_CASE(code_system_index_cyclic_parent_properties_terminate) {
  auto cs = CodeSystemIndex::Build(Json(R"({
    "resourceType": "CodeSystem", "url": "http://x/cyc", "content": "complete",
    "concept": [
      {"code": "a", "property": [{"code": "parent", "valueCode": "b"}]},
      {"code": "b", "property": [{"code": "parent", "valueCode": "a"}]},
      {"code": "c", "property": [{"code": "parent", "valueCode": "a"},
                                 {"code": "parent", "valueCode": "b"}]}]})"));
  BOOST_TEST_REQUIRE(cs.ok());
  BOOST_TEST(cs->Subsumes("a", "c") == Subsumption::kSubsumes);
  BOOST_TEST(cs->Subsumes("c", "a") == Subsumption::kSubsumedBy);
  int visits = 0;
  cs->ForEachDescendant(*cs->IndexOf("a"), [&](std::uint32_t) { return ++visits < 100; });
  BOOST_TEST(visits == 3);
}

// ---- filters ----

bool FilterMatches(const CodeSystemIndex& cs, const std::string& filter, const std::string& code) {
  auto spec = ReadFilter(Json(filter));
  BOOST_TEST_REQUIRE(spec.ok(), spec.status().ToString());
  auto f = ConceptFilter::Compile(*spec, cs);
  BOOST_TEST_REQUIRE(f.ok(), f.status().ToString());
  return f->Matches(cs, *cs.IndexOf(code));
}

BOOST_AUTO_TEST_CASE(concept_filters) {
  CodeSystemIndex cs = Animals();
  auto f = [&](const char* filter, const char* code) { return FilterMatches(cs, filter, code); };
  BOOST_TEST(f(R"({"property": "concept", "op": "is-a", "value": "mammal"})", "mammal"));
  BOOST_TEST(f(R"({"property": "concept", "op": "is-a", "value": "mammal"})", "dog"));
  BOOST_TEST(!f(R"({"property": "concept", "op": "is-a", "value": "mammal"})", "bird"));
  BOOST_TEST(!f(R"({"property": "concept", "op": "descendent-of", "value": "mammal"})", "mammal"));
  BOOST_TEST(f(R"({"property": "concept", "op": "descendent-of", "value": "mammal"})", "cat"));
  BOOST_TEST(f(R"({"property": "concept", "op": "is-not-a", "value": "mammal"})", "bird"));
  BOOST_TEST(!f(R"({"property": "concept", "op": "is-not-a", "value": "mammal"})", "dog"));
  BOOST_TEST(f(R"({"property": "concept", "op": "generalizes", "value": "dog"})", "animal"));
  BOOST_TEST(f(R"({"property": "legs", "op": "=", "value": "4"})", "cat"));
  BOOST_TEST(!f(R"({"property": "legs", "op": "=", "value": "4"})", "bird"));
  BOOST_TEST(f(R"({"property": "legs", "op": "in", "value": "2, 3"})", "bird"));
  BOOST_TEST(f(R"({"property": "legs", "op": "not-in", "value": "2,3"})", "dog"));
  BOOST_TEST(f(R"({"property": "legs", "op": "exists", "value": "true"})", "dog"));
  BOOST_TEST(f(R"({"property": "legs", "op": "exists", "value": "false"})", "mammal"));
  BOOST_TEST(f(R"({"property": "concept", "op": "=", "value": "dog"})", "dog"));
  BOOST_TEST(f(R"({"property": "code", "op": "regex", "value": "[cd].."})", "cat"));
  BOOST_TEST(!f(R"({"property": "code", "op": "regex", "value": "[cd]."})", "cat"));
  BOOST_TEST(f(R"({"property": "display", "op": "regex", "value": "M.*"})", "mammal"));
  BOOST_TEST(f(R"({"property": "parent", "op": "=", "value": "mammal"})", "dog"));
  BOOST_TEST(f(R"({"property": "parent", "op": "=", "value": "pet"})", "cat"));
  BOOST_TEST(!f(R"({"property": "parent", "op": "=", "value": "animal"})", "dog"));
  BOOST_TEST(f(R"({"property": "child", "op": "=", "value": "dog"})", "mammal"));
  BOOST_TEST(!f(R"({"property": "concept", "op": "is-a", "value": "unicorn"})", "dog"));
}

BOOST_AUTO_TEST_CASE(concept_filter_errors) {
  CodeSystemIndex cs = Animals();
  BOOST_TEST(ReadFilter(Json(R"({"property": "concept", "op": "sounds-like", "value": "x"})"))
                 .status()
                 .code() == StatusCode::kInvalidArgument);
  auto bad_regex = ReadFilter(Json(R"({"property": "code", "op": "regex", "value": "(["})"));
  BOOST_TEST_REQUIRE(bad_regex.ok());
  BOOST_TEST(ConceptFilter::Compile(*bad_regex, cs).status().code() ==
             StatusCode::kInvalidArgument);
  auto hierarchy_on_property =
      ReadFilter(Json(R"({"property": "legs", "op": "is-a", "value": "4"})"));
  BOOST_TEST(ConceptFilter::Compile(*hierarchy_on_property, cs).status().code() ==
             StatusCode::kUnimplemented);
}

// ---- syntax-checked systems ----

BOOST_AUTO_TEST_CASE(language_tags) {
  for (const char* ok :
       {"en", "en-US", "zh-Hant-TW", "sr-Latn-RS", "de-CH-1901", "es-419", "x-private", "en-GB-oed",
        "i-klingon", "EN-us", "en-US-u-ca-gregory-x-abc", "zh-yue-HK", "hy-Latn-IT-arevela"}) {
    BOOST_TEST(ParseLanguageTag(ok).has_value(), ok);
  }
  for (const char* bad : {"", "e", "en--US", "en-", "1en", "en-US-u", "en-x", "englishlanguage",
                          "en_US", "en-US-a-b", "toolongtag"}) {
    BOOST_TEST(!ParseLanguageTag(bad).has_value(), bad);
  }
  auto tag = ParseLanguageTag("zh-Hant-TW-x-a1");
  BOOST_TEST_REQUIRE(tag.has_value());
  BOOST_TEST(tag->language == "zh");
  BOOST_TEST(tag->script == "Hant");
  BOOST_TEST(tag->region == "TW");
  BOOST_TEST(tag->private_use == "x-a1");
}

BOOST_AUTO_TEST_CASE(mime_types) {
  for (const char* ok : {"application/fhir+json", "text/plain; charset=UTF-8", "image/svg+xml",
                         "application/vnd.ms-excel", "text/html;charset=\"utf-8\""}) {
    BOOST_TEST(IsPlausibleMimeType(ok), ok);
  }
  for (const char* bad :
       {"", "application", "/json", "text/ plain", "text/plain;", "a/b c", "text/plain; charset"}) {
    BOOST_TEST(!IsPlausibleMimeType(bad), bad);
  }
}

BOOST_AUTO_TEST_CASE(ucum_codes_by_syntax) {
  for (const char* ok : {"mg/dL", "kg/m2", "{beats}/min", "10*3/uL", "%", "[lb_av]", "1"}) {
    BOOST_TEST(IsWellFormedCode(SpecialSystem::kUcum, ok), ok);
  }
  for (const char* bad : {"", "m g", "mg//dL", "((m)"}) {
    BOOST_TEST(!IsWellFormedCode(SpecialSystem::kUcum, bad), bad);
  }
  FilterSpec time{"canonical", FilterOp::kEquals, "s"};
  BOOST_TEST((MatchSpecialFilter(SpecialSystem::kUcum, time, "h") == Truth::kTrue));
  BOOST_TEST((MatchSpecialFilter(SpecialSystem::kUcum, time, "mg") == Truth::kFalse));
}

// ---- value sets: membership and expansion ----

BOOST_FIXTURE_TEST_CASE(whole_system_concept_list_and_exclude, Fixture) {
  resolver.Add(
      ValueSet("http://x/vs/all", R"({"include": [{"system": "http://example.org/cs/animals"}],
      "exclude": [{"system": "http://example.org/cs/animals", "concept": [{"code": "pet"}]}]})"));
  resolver.Add(ValueSet("http://x/vs/list", R"({"include": [
      {"system": "http://example.org/cs/animals", "version": "99",
       "concept": [{"code": "dog", "display": "Doggy"}, {"code": "cat"}]}]})"));
  TerminologyService service(resolver);
  auto all = service.Expand("http://x/vs/all");
  BOOST_TEST_REQUIRE(all.ok(), all.status().ToString());
  BOOST_TEST(Codes(**all) ==
             (std::vector<std::string>{"animal", "mammal", "dog", "cat", "bird", "fish"}));
  BOOST_TEST((*all)->Find("http://example.org/cs/animals", "animal")->abstract);
  BOOST_TEST(
      service.ValidateCode("http://x/vs/all", "http://example.org/cs/animals", "pet").membership ==
      Membership::kNotMember);
  // A listed concept matches whatever version the include names.
  CodeValidation v =
      service.ValidateCode("http://x/vs/list", "http://example.org/cs/animals", "dog", "Doggy");
  BOOST_TEST(v.membership == Membership::kMember);
  BOOST_TEST(v.display == DisplayCheck::kMatches);
  v = service.ValidateCode("http://x/vs/list", "http://example.org/cs/animals", "dog", "Dog");
  BOOST_TEST(v.display == DisplayCheck::kMatches);  // the code system's display is valid too
  v = service.ValidateCode("http://x/vs/list", "http://example.org/cs/animals", "dog", "Hund");
  BOOST_TEST(v.display == DisplayCheck::kMatches);  // a designation
  v = service.ValidateCode("http://x/vs/list", "http://example.org/cs/animals", "dog", "Wolf");
  BOOST_TEST(v.display == DisplayCheck::kMismatch);
  BOOST_TEST(v.expected_display == "Dog");
  v = service.ValidateCode("http://x/vs/list", "http://example.org/cs/animals", "bird");
  BOOST_TEST(v.membership == Membership::kNotMember);
  BOOST_TEST(v.reason == MembershipReason::kNotInValueSet);
  v = service.ValidateCode("http://x/vs/list", "http://example.org/cs/animals", "unicorn");
  BOOST_TEST(v.reason == MembershipReason::kUnknownCode);
  v = service.ValidateCode("http://x/vs/list", "http://other.org", "dog");
  BOOST_TEST(v.membership == Membership::kNotMember);
  v = service.ValidateCode("http://x/vs/list", "", "cat");  // a bare code
  BOOST_TEST(v.membership == Membership::kMember);
}

BOOST_FIXTURE_TEST_CASE(filtered_includes_expand_and_validate, Fixture) {
  resolver.Add(
      ValueSet("http://x/vs/mammals", R"({"include": [{"system": "http://example.org/cs/animals",
      "filter": [{"property": "concept", "op": "is-a", "value": "mammal"}]}]})"));
  resolver.Add(
      ValueSet("http://x/vs/four-legs", R"({"include": [{"system": "http://example.org/cs/animals",
      "filter": [{"property": "legs", "op": "=", "value": "4"},
                 {"property": "concept", "op": "is-not-a", "value": "cat"}]}]})"));
  TerminologyService service(resolver);
  auto mammals = service.Expand("http://x/vs/mammals");
  BOOST_TEST_REQUIRE(mammals.ok());
  BOOST_TEST(Codes(**mammals) == (std::vector<std::string>{"mammal", "dog", "cat"}));
  BOOST_TEST((*mammals)->source() == ExpansionSource::kCompose);
  BOOST_TEST((*mammals)->contains()[1].version == "1");
  auto four = service.Expand("http://x/vs/four-legs");
  BOOST_TEST_REQUIRE(four.ok());
  BOOST_TEST(Codes(**four) == (std::vector<std::string>{"dog"}));
  BOOST_TEST(*service.IsMember("http://example.org/cs/animals", "cat", "http://x/vs/mammals"));
  BOOST_TEST(!*service.IsMember("http://example.org/cs/animals", "fish", "http://x/vs/mammals"));
  BOOST_TEST(!*service.IsMember("http://example.org/cs/animals", "cat", "http://x/vs/four-legs"));
}

BOOST_FIXTURE_TEST_CASE(case_insensitive_system, Fixture) {
  resolver.Add(ValueSet("http://x/vs/colors",
                        R"({"include": [{"system": "http://example.org/cs/colors",
                            "concept": [{"code": "RED"}, {"code": "BLUE"}]}]})"));
  TerminologyService service(resolver);
  BOOST_TEST(service.ValidateCode("http://x/vs/colors", "http://example.org/cs/colors", "red")
                 .membership == Membership::kMember);
  BOOST_TEST(
      service.ValidateCode("http://x/vs/colors", "http://example.org/cs/colors", "green").reason ==
      MembershipReason::kNotInValueSet);
}

BOOST_FIXTURE_TEST_CASE(nested_value_sets_intersect, Fixture) {
  resolver.Add(
      ValueSet("http://x/vs/mammals", R"({"include": [{"system": "http://example.org/cs/animals",
      "filter": [{"property": "concept", "op": "is-a", "value": "mammal"}]}]})"));
  resolver.Add(
      ValueSet("http://x/vs/pets", R"({"include": [{"system": "http://example.org/cs/animals",
      "filter": [{"property": "concept", "op": "is-a", "value": "pet"}]}]})"));
  resolver.Add(
      ValueSet("http://x/vs/pet-mammals",
               R"({"include": [{"valueSet": ["http://x/vs/mammals", "http://x/vs/pets"]}]})"));
  resolver.Add(ValueSet("http://x/vs/animal-and-pets", R"({"include": [
      {"system": "http://example.org/cs/animals", "valueSet": ["http://x/vs/pets"]},
      {"valueSet": ["http://x/vs/mammals"]}]})"));
  TerminologyService service(resolver);
  auto both = service.Expand("http://x/vs/pet-mammals");
  BOOST_TEST_REQUIRE(both.ok(), both.status().ToString());
  BOOST_TEST(Codes(**both) == (std::vector<std::string>{"dog", "cat"}));
  auto union_ = service.Expand("http://x/vs/animal-and-pets");
  BOOST_TEST_REQUIRE(union_.ok());
  BOOST_TEST(Codes(**union_) == (std::vector<std::string>{"dog", "cat", "pet", "mammal"}));
  BOOST_TEST(
      service.ValidateCode("http://x/vs/pet-mammals", "http://example.org/cs/animals", "mammal")
          .membership == Membership::kNotMember);
  BOOST_TEST(service.ValidateCode("http://x/vs/pet-mammals", "http://example.org/cs/animals", "cat")
                 .membership == Membership::kMember);
}

BOOST_FIXTURE_TEST_CASE(unavailable_systems_are_not_checked, Fixture) {
  resolver.Add(ValueSet("http://x/vs/mixed", R"({"include": [
      {"system": "http://loinc.org"},
      {"system": "http://example.org/cs/fragment"},
      {"system": "http://example.org/cs/animals", "concept": [{"code": "dog"}]},
      {"valueSet": ["http://cts.nlm.nih.gov/fhir/ValueSet/missing"]}]})"));
  TerminologyService service(resolver);
  CodeValidation v = service.ValidateCode("http://x/vs/mixed", "http://loinc.org", "1234-5");
  BOOST_TEST(v.membership == Membership::kUnknown);
  BOOST_TEST(v.reason == MembershipReason::kSystemNotLoaded);
  BOOST_TEST(v.detail == "http://loinc.org");
  v = service.ValidateCode("http://x/vs/mixed", "http://example.org/cs/fragment", "a");
  BOOST_TEST(v.membership == Membership::kMember);
  v = service.ValidateCode("http://x/vs/mixed", "http://example.org/cs/fragment", "b");
  BOOST_TEST(v.reason == MembershipReason::kSystemNotEnumerated);
  v = service.ValidateCode("http://x/vs/mixed", "http://example.org/cs/animals", "dog");
  BOOST_TEST(v.membership == Membership::kMember);
  // Could be in the missing value set: not checked.
  v = service.ValidateCode("http://x/vs/mixed", "http://example.org/cs/animals", "cat");
  BOOST_TEST(v.membership == Membership::kUnknown);
  BOOST_TEST(v.reason == MembershipReason::kValueSetNotFound);
  auto e = service.Expand("http://x/vs/mixed");
  BOOST_TEST(e.status().code() == StatusCode::kUnimplemented);
  BOOST_TEST(ExpansionIssueCode(e.status()) == std::string(kIssueCodeNotExpandable));
  BOOST_TEST(!service.IsMember("http://loinc.org", "1234-5", "http://x/vs/mixed").has_value());
  // A code its loaded, complete code system does not define is in no value set.
  v = service.ValidateCode("http://x/vs/mixed", "http://example.org/cs/animals", "unicorn");
  BOOST_TEST(v.membership == Membership::kNotMember);
  BOOST_TEST(v.reason == MembershipReason::kUnknownCode);
}

BOOST_FIXTURE_TEST_CASE(special_systems_in_value_sets, Fixture) {
  resolver.Add(ValueSet("http://x/vs/langs", R"({"include": [{"system": "urn:ietf:bcp:47"}]})"));
  resolver.Add(ValueSet("http://x/vs/simple-langs", R"({"include": [{"system": "urn:ietf:bcp:47",
      "filter": [{"property": "script", "op": "exists", "value": "false"},
                 {"property": "private-use", "op": "exists", "value": "false"}]}]})"));
  resolver.Add(ValueSet("http://x/vs/some-langs", R"({"include": [{"system": "urn:ietf:bcp:47",
      "concept": [{"code": "en-US"}, {"code": "fr"}]}]})"));
  resolver.Add(ValueSet("http://x/vs/mime", R"({"include": [{"system": "urn:ietf:bcp:13"}]})"));
  resolver.Add(
      ValueSet("http://x/vs/ucum", R"({"include": [{"system": "http://unitsofmeasure.org"}]})"));
  TerminologyService service(resolver);
  BOOST_TEST(*service.IsMember("urn:ietf:bcp:47", "en-GB", "http://x/vs/langs"));
  BOOST_TEST(service.ValidateCode("http://x/vs/langs", "urn:ietf:bcp:47", "en_GB").reason ==
             MembershipReason::kInvalidSyntax);
  BOOST_TEST(*service.IsMember("", "de-CH", "http://x/vs/simple-langs"));
  BOOST_TEST(!*service.IsMember("", "zh-Hant", "http://x/vs/simple-langs"));
  BOOST_TEST(*service.IsMember("urn:ietf:bcp:47", "en-us", "http://x/vs/some-langs"));
  BOOST_TEST(!*service.IsMember("urn:ietf:bcp:47", "en-GB", "http://x/vs/some-langs"));
  BOOST_TEST(*service.IsMember("", "application/pdf", "http://x/vs/mime"));
  BOOST_TEST(!*service.IsMember("", "pdf", "http://x/vs/mime"));
  BOOST_TEST(*service.IsMember("http://unitsofmeasure.org", "mg/dL", "http://x/vs/ucum"));
  BOOST_TEST(!*service.IsMember("http://unitsofmeasure.org", "mg//dL", "http://x/vs/ucum"));
  BOOST_TEST(service.Lookup("urn:ietf:bcp:47", "en-US").status == LookupStatus::kWellFormed);
  BOOST_TEST(service.Expand("http://x/vs/langs").status().code() == StatusCode::kUnimplemented);
}

BOOST_FIXTURE_TEST_CASE(stored_expansion_is_the_fallback, Fixture) {
  resolver.Add(R"({"resourceType": "ValueSet", "url": "http://x/vs/stored",
      "compose": {"include": [{"system": "http://loinc.org",
                               "filter": [{"property": "parent", "op": "=", "value": "LP1"}]}]},
      "expansion": {"contains": [
        {"system": "http://loinc.org", "code": "1-1", "display": "One"},
        {"abstract": true, "display": "group", "contains": [
           {"system": "http://loinc.org", "code": "2-2"}]}]}})");
  resolver.Add(R"({"resourceType": "ValueSet", "url": "http://x/vs/expansion-only",
      "expansion": {"contains": [{"system": "http://example.org/cs/animals", "code": "dog"}]}})");
  TerminologyService service(resolver);
  auto e = service.Expand("http://x/vs/stored");
  BOOST_TEST_REQUIRE(e.ok(), e.status().ToString());
  BOOST_TEST((*e)->source() == ExpansionSource::kStoredExpansion);
  BOOST_TEST(Codes(**e) == (std::vector<std::string>{"1-1", "2-2"}));
  BOOST_TEST(*service.IsMember("http://loinc.org", "2-2", "http://x/vs/stored"));
  BOOST_TEST(!*service.IsMember("http://loinc.org", "3-3", "http://x/vs/stored"));
  BOOST_TEST(
      *service.IsMember("http://example.org/cs/animals", "dog", "http://x/vs/expansion-only"));
  BOOST_TEST(service.Expand("http://x/vs/expansion-only").ok());
}

// ---- hostile value sets ----

BOOST_FIXTURE_TEST_CASE(include_cycles_are_invalid_not_hangs, Fixture) {
  resolver.Add(
      ValueSet("http://x/vs/self", R"({"include": [{"valueSet": ["http://x/vs/self"]}]})"));
  // b reaches a through "url|version": the cycle is still found (by resource, not by text).
  resolver.Add(R"({"resourceType": "ValueSet", "url": "http://x/vs/a", "version": "1",
      "compose": {"include": [{"valueSet": ["http://x/vs/b"]}]}})");
  resolver.Add(ValueSet("http://x/vs/b", R"({"include": [{"system": "http://example.org/cs/animals",
      "valueSet": ["http://x/vs/a|1"]}]})"));
  resolver.Add(ValueSet("http://x/vs/uses-a", R"({"include": [{"valueSet": ["http://x/vs/a"]}]})"));
  TerminologyService service(resolver);
  for (const char* vs :
       {"http://x/vs/self", "http://x/vs/a", "http://x/vs/b", "http://x/vs/uses-a"}) {
    auto e = service.Expand(vs);
    BOOST_TEST(e.status().code() == StatusCode::kInvalidArgument, vs);
    BOOST_TEST(ExpansionIssueCode(e.status()) == std::string(kIssueCodeValueSetInvalid));
    CodeValidation v = service.ValidateCode(vs, "http://example.org/cs/animals", "dog");
    BOOST_TEST(v.membership == Membership::kUnknown);
    BOOST_TEST(v.reason == MembershipReason::kValueSetInvalid);
  }
  IssueList issues;
  service.CheckBinding({BindingStrength::kRequired,
                        "http://x/vs/a",
                        {{"http://example.org/cs/animals", "dog", "", ""}},
                        false,
                        "X.code"},
                       &issues);
  BOOST_TEST_REQUIRE(issues.issues().size() == 1u);
  BOOST_TEST(issues.issues()[0].code == kIssueCodeValueSetInvalid);
}

BOOST_FIXTURE_TEST_CASE(deep_nesting_hits_the_depth_limit, Fixture) {
  const int kChain = 60;
  for (int i = 0; i < kChain; ++i) {
    std::string next = i + 1 < kChain
                           ? R"({"include": [{"valueSet": ["http://x/vs/chain)" +
                                 std::to_string(i + 1) + R"("]}]})"
                           : R"({"include": [{"system": "http://example.org/cs/animals"}]})";
    resolver.Add(ValueSet("http://x/vs/chain" + std::to_string(i), next));
  }
  TerminologyService service(resolver);
  auto deep = service.Expand("http://x/vs/chain0");
  BOOST_TEST(deep.status().code() == StatusCode::kInvalidArgument);
  // A chain within the limit, starting further down, still works (the failure above is not
  // cached for the value sets below the limit).
  auto shallow = service.Expand("http://x/vs/chain40");
  BOOST_TEST_REQUIRE(shallow.ok(), shallow.status().ToString());
  BOOST_TEST((*shallow)->size() == 7u);
}

BOOST_AUTO_TEST_CASE(expansion_cap_is_a_clean_error) {
  std::string concepts;
  const int kConcepts = 150'000;
  for (int i = 0; i < kConcepts; ++i) {
    concepts += (i ? "," : "") + std::string(R"({"code":"c)") + std::to_string(i) + "\"}";
  }
  FakeCanonicalResolver resolver;
  resolver.Add(R"({"resourceType": "CodeSystem", "url": "http://x/cs/huge", "content": "complete",
                   "concept": [)" +
               concepts + "]}");
  resolver.Add(ValueSet("http://x/vs/huge", R"({"include": [{"system": "http://x/cs/huge"}]})"));
  resolver.Add(
      ValueSet("http://x/vs/huge-twice", R"({"include": [{"valueSet": ["http://x/vs/huge"]},
      {"system": "http://x/cs/huge", "filter": [{"property": "code", "op": "regex", "value": "c1.*"}]}]})"));
  TerminologyService service(resolver);  // default cap: 100,000
  auto e = service.Expand("http://x/vs/huge");
  BOOST_TEST(e.status().code() == StatusCode::kResourceExhausted);
  BOOST_TEST(ExpansionIssueCode(e.status()) == std::string(kIssueCodeExpansionTooLarge));
  BOOST_TEST(service.Expand("http://x/vs/huge-twice").status().code() ==
             StatusCode::kResourceExhausted);
  // Membership does not expand.
  BOOST_TEST(*service.IsMember("http://x/cs/huge", "c149999", "http://x/vs/huge"));
  BOOST_TEST(!*service.IsMember("http://x/cs/huge", "c150000", "http://x/vs/huge"));
  TerminologyOptions small;
  small.max_expansion_size = 10;
  TerminologyService tight(resolver, small);
  BOOST_TEST(tight.Expand("http://x/vs/huge").status().code() == StatusCode::kResourceExhausted);
}

BOOST_FIXTURE_TEST_CASE(malformed_compose_is_invalid, Fixture) {
  resolver.Add(
      ValueSet("http://x/vs/bad-filter", R"({"include": [{"system": "http://example.org/cs/animals",
      "filter": [{"property": "concept", "op": "is-like", "value": "dog"}]}]})"));
  resolver.Add(ValueSet("http://x/vs/empty-include", R"({"include": [{}]})"));
  resolver.Add(ValueSet("http://x/vs/unsupported",
                        R"({"include": [{"system": "http://example.org/cs/animals",
      "filter": [{"property": "legs", "op": "is-a", "value": "4"}]}]})"));
  TerminologyService service(resolver);
  BOOST_TEST(service.Expand("http://x/vs/bad-filter").status().code() ==
             StatusCode::kInvalidArgument);
  BOOST_TEST(service.Expand("http://x/vs/empty-include").status().code() ==
             StatusCode::kInvalidArgument);
  BOOST_TEST(service.Expand("http://x/vs/unsupported").status().code() ==
             StatusCode::kUnimplemented);
  BOOST_TEST(service.ValidateCode("http://x/vs/unsupported", "http://example.org/cs/animals", "dog")
                 .reason == MembershipReason::kFilterNotSupported);
  BOOST_TEST(service.Expand("http://x/vs/nope").status().code() == StatusCode::kNotFound);
  CodeValidation v = service.ValidateCode("http://x/vs/nope", "http://a", "b");
  BOOST_TEST(v.reason == MembershipReason::kValueSetNotFound);
  BOOST_TEST(v.detail == "http://x/vs/nope");
}

// ---- extra code systems, lookup, port ----

BOOST_AUTO_TEST_CASE(extra_code_systems_supply_missing_systems) {
  FakeCanonicalResolver resolver;
  resolver.Add(
      ValueSet("http://x/vs/race", R"({"include": [{"system": "urn:oid:2.16.840.1.113883.6.238",
      "filter": [{"property": "concept", "op": "is-a", "value": "1000-9"}]}]})"));
  std::vector<json::Value> extra;
  extra.push_back(Json(R"({"resourceType": "CodeSystem", "url": "urn:oid:2.16.840.1.113883.6.238",
      "content": "complete", "concept": [{"code": "1000-9", "display": "Race",
        "concept": [{"code": "1002-5", "display": "American Indian or Alaska Native"}]},
        {"code": "2133-7", "display": "Ethnicity"}]})"));
  extra.push_back(Json(R"({"resourceType": "Patient"})"));  // ignored
  TerminologyService without(resolver);
  BOOST_TEST(!without.IsMember("urn:oid:2.16.840.1.113883.6.238", "1002-5", "http://x/vs/race")
                  .has_value());
  TerminologyService with(resolver, {}, std::move(extra));
  BOOST_TEST(*with.IsMember("urn:oid:2.16.840.1.113883.6.238", "1002-5", "http://x/vs/race"));
  BOOST_TEST(!*with.IsMember("urn:oid:2.16.840.1.113883.6.238", "2133-7", "http://x/vs/race"));
  BOOST_TEST(with.Lookup("urn:oid:2.16.840.1.113883.6.238", "1002-5").status ==
             LookupStatus::kFound);
  BOOST_TEST(with.Lookup("urn:oid:2.16.840.1.113883.6.238", "9").status ==
             LookupStatus::kUnknownCode);
  BOOST_TEST(with.Lookup("http://loinc.org", "9").status == LookupStatus::kSystemNotLoaded);
  BOOST_TEST(with.Subsumes("urn:oid:2.16.840.1.113883.6.238", "1000-9", "1002-5") ==
             Subsumption::kSubsumes);
  const ports::TerminologyService& port = with;
  BOOST_TEST(*port.IsMember("urn:oid:2.16.840.1.113883.6.238", "1002-5", "http://x/vs/race"));
}

// ---- binding rules ----

struct BindingFixture : Fixture {
  BindingFixture() {
    resolver.Add(
        ValueSet("http://x/vs/mammals", R"({"include": [{"system": "http://example.org/cs/animals",
        "filter": [{"property": "concept", "op": "is-a", "value": "mammal"}]}]})"));
    resolver.Add(ValueSet("http://x/vs/loinc", R"({"include": [{"system": "http://loinc.org"}]})"));
  }
  std::vector<Issue> Check(BindingStrength strength, const std::string& vs,
                           std::vector<CodingRef> codings, bool has_text = false) {
    IssueList issues;
    TerminologyService service(resolver);
    service.CheckBinding({strength, vs, std::move(codings), has_text, "Obs.code"}, &issues);
    return issues.issues();
  }
};

constexpr char kAnimalsUrl[] = "http://example.org/cs/animals";

CodingRef Coding(std::string system, std::string code, std::string display = "",
                 std::string location = "Obs.code.coding[0]") {
  return {std::move(system), std::move(code), std::move(display), std::move(location)};
}

bool Has(const std::vector<Issue>& issues, Severity severity, std::string_view code,
         std::string_view location) {
  return std::any_of(issues.begin(), issues.end(), [&](const Issue& i) {
    return i.severity == severity && i.code == code && i.location == location;
  });
}

BOOST_FIXTURE_TEST_CASE(required_binding, BindingFixture) {
  const auto kReq = BindingStrength::kRequired;
  BOOST_TEST(Check(kReq, "http://x/vs/mammals", {Coding(kAnimalsUrl, "dog")}).empty());
  auto issues = Check(kReq, "http://x/vs/mammals", {Coding(kAnimalsUrl, "bird")});
  BOOST_TEST(issues.size() == 1u);
  BOOST_TEST(Has(issues, Severity::kError, kIssueCodeNotInValueSet, "Obs.code"));
  // One coding in the set is enough (translations allowed).
  BOOST_TEST(
      Check(kReq, "http://x/vs/mammals",
            {Coding("http://other", "x"), Coding(kAnimalsUrl, "cat", "", "Obs.code.coding[1]")})
          .empty());
  issues = Check(kReq, "http://x/vs/mammals", {Coding(kAnimalsUrl, "unicorn")});
  BOOST_TEST(Has(issues, Severity::kError, kIssueCodeUnknown, "Obs.code.coding[0]"));
  BOOST_TEST(Has(issues, Severity::kError, kIssueCodeNotInValueSet, "Obs.code"));
  issues = Check(kReq, "http://x/vs/mammals", {Coding(kAnimalsUrl, "dog", "Kitten")});
  BOOST_TEST(issues.size() == 1u);
  BOOST_TEST(Has(issues, Severity::kWarning, kIssueCodeDisplayMismatch, "Obs.code.coding[0]"));
  issues = Check(kReq, "http://x/vs/mammals", {}, /*has_text=*/true);
  BOOST_TEST(Has(issues, Severity::kError, kIssueCodeMissing, "Obs.code"));
  issues = Check(kReq, "http://x/vs/loinc", {Coding("http://loinc.org", "1234-5")});
  BOOST_TEST(issues.size() == 1u);
  BOOST_TEST(Has(issues, Severity::kInformation, kIssueCodeNotChecked, "Obs.code"));
  issues = Check(kReq, "http://x/vs/none", {Coding(kAnimalsUrl, "dog")});
  BOOST_TEST(issues.size() == 1u);
  BOOST_TEST(Has(issues, Severity::kWarning, kIssueCodeValueSetNotFound, "Obs.code"));
}

BOOST_FIXTURE_TEST_CASE(extensible_preferred_example_bindings, BindingFixture) {
  const auto kExt = BindingStrength::kExtensible;
  auto issues = Check(kExt, "http://x/vs/mammals", {Coding("http://other", "x")});
  BOOST_TEST(issues.size() == 1u);
  BOOST_TEST(Has(issues, Severity::kWarning, kIssueCodeNotInValueSet, "Obs.code"));
  issues = Check(kExt, "http://x/vs/mammals", {Coding("http://other", "x")}, /*has_text=*/true);
  BOOST_TEST(issues.size() == 1u);
  BOOST_TEST(Has(issues, Severity::kInformation, kIssueCodeNotInValueSet, "Obs.code"));
  BOOST_TEST(Check(kExt, "http://x/vs/mammals", {}, /*has_text=*/true).empty());
  issues = Check(kExt, "http://x/vs/mammals", {});
  BOOST_TEST(Has(issues, Severity::kWarning, kIssueCodeMissing, "Obs.code"));
  BOOST_TEST(Check(kExt, "http://x/vs/mammals", {Coding(kAnimalsUrl, "dog")}).empty());
  for (auto strength : {BindingStrength::kPreferred, BindingStrength::kExample}) {
    BOOST_TEST(Check(strength, "http://x/vs/mammals", {Coding(kAnimalsUrl, "bird")}).empty());
    BOOST_TEST(Check(strength, "http://x/vs/none", {Coding(kAnimalsUrl, "bird")}).empty());
  }
  BOOST_TEST((ParseBindingStrength("extensible") == BindingStrength::kExtensible));
  BOOST_TEST(!ParseBindingStrength("Required").has_value());
}

// ---- concurrency ----

BOOST_FIXTURE_TEST_CASE(concurrent_first_use_is_safe, Fixture) {
  for (int i = 0; i < 20; ++i) {
    resolver.Add(ValueSet("http://x/vs/p" + std::to_string(i),
                          R"({"include": [{"system": "http://example.org/cs/animals",
                              "filter": [{"property": "concept", "op": "is-a", "value": "mammal"}]},
                              {"valueSet": ["http://x/vs/p)" +
                              std::to_string((i + 1) % 20 == 0 ? 0 : i + 1) + R"("]}]})"));
  }
  resolver.Add(
      ValueSet("http://x/vs/ok", R"({"include": [{"system": "http://example.org/cs/animals"}]})"));
  TerminologyService service(resolver);
  std::atomic<int> members{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        std::string vs = "http://x/vs/p" + std::to_string((i + t) % 20);
        if (service.ValidateCode(vs, kAnimalsUrl, "dog").membership == Membership::kMember) {
          members++;
        }
        if (service.IsMember(kAnimalsUrl, "dog", "http://x/vs/ok").value_or(false)) members++;
        auto e = service.Expand("http://x/vs/ok");
        if (!e.ok() || (*e)->size() != 7u) members -= 1000;
      }
    });
  }
  for (auto& th : threads) th.join();
  // p0..p18 form one cycle with p19 → p0: every p value set is invalid.
  BOOST_TEST(members.load() == 800);
}

}  // namespace
}  // namespace gw::terminology
