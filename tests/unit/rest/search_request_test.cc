// ParseSearch over the base R4 search parameters: each parameter type, modifiers, chains,
// result parameters and the errors that must name the parameter.
#define BOOST_TEST_MODULE rest_search_request_test
#include "gateway/core/rest/search_request.h"

#include <boost/test/unit_test.hpp>
#include <iostream>

#include "search_fixture.h"

namespace gw::rest {
namespace {

constexpr std::int64_t kNow = 1'790'000'000'000;

#define REGISTRY_OR_SKIP()                              \
  auto registry = search::testing::BaseRegistry();      \
  if (!registry) {                                      \
    std::cout << "GW_SKIPPED: R4 definitions absent\n"; \
    return;                                             \
  }

Result<SearchRequest> S(const search::SearchParamRegistry& r, std::string_view type,
                        std::string_view query, bool strict = false) {
  auto params = ParseQuery(query);
  BOOST_REQUIRE(params.ok());
  return ParseSearch(type, params.value(), r, kNow, strict);
}

template <typename T>
const T& Pred(const SearchRequest& s, std::size_t clause, std::size_t i = 0) {
  return std::get<T>(s.query.clauses.at(clause).any_of.at(i));
}

BOOST_AUTO_TEST_CASE(token_string_and_ids) {
  REGISTRY_OR_SKIP();
  auto s = S(*registry, "Patient",
             "identifier=http://plan.example/mb|M123,|X9&gender:not=male&name:exact=Mar%C3%ADa"
             "&family:contains=rez&_id=a1");
  BOOST_TEST_REQUIRE(s.ok(), s.status().ToString());
  BOOST_TEST(s->query.clauses.size() == 5u);
  const auto& t0 = Pred<search::TokenPredicate>(*s, 0, 0);
  BOOST_TEST(*t0.system == "http://plan.example/mb");
  BOOST_TEST(*t0.code == "M123");
  BOOST_TEST(Pred<search::TokenPredicate>(*s, 0, 1).system->empty());
  BOOST_TEST(s->query.clauses[1].negate);
  BOOST_TEST((Pred<search::StringPredicate>(*s, 2).mode == search::StringPredicate::Mode::kExact));
  BOOST_TEST(Pred<search::StringPredicate>(*s, 2).value == "María");
  BOOST_TEST(
      (Pred<search::StringPredicate>(*s, 3).mode == search::StringPredicate::Mode::kContains));
  BOOST_TEST(*Pred<search::TokenPredicate>(*s, 4).code == "a1");
  auto esc = S(*registry, "Patient", "identifier=a%5C%7Cb%5C,c");  // a\|b\,c: one code
  BOOST_TEST_REQUIRE(esc.ok());
  BOOST_TEST(*Pred<search::TokenPredicate>(*esc, 0).code == "a|b,c");
}

BOOST_AUTO_TEST_CASE(dates_numbers_quantities) {
  REGISTRY_OR_SKIP();
  auto s = S(*registry, "Observation",
             "date=ge2024-01&date=lt2024-02-15T10:00:00Z&value-quantity=le5.4|http://"
             "unitsofmeasure.org|mg&_lastUpdated=gt2025");
  BOOST_TEST_REQUIRE(s.ok(), s.status().ToString());
  const auto& d = Pred<search::DatePredicate>(*s, 0);
  BOOST_TEST((d.prefix == search::Prefix::kGe));
  BOOST_TEST(d.high_ms - d.low_ms == 31LL * 24 * 3600 * 1000 - 1);
  const auto& q = Pred<search::QuantityPredicate>(*s, 2);
  BOOST_TEST((q.prefix == search::Prefix::kLe));
  BOOST_TEST(q.code == "mg");
  BOOST_TEST(q.value.ToString() == "5.4");
  BOOST_TEST(!S(*registry, "Observation", "date=2024-13").ok());
  BOOST_TEST(!S(*registry, "Observation", "value-quantity=abc").ok());
  auto ap = S(*registry, "Observation", "date=ap2024-01-01");
  BOOST_TEST_REQUIRE(ap.ok());
  BOOST_TEST(Pred<search::DatePredicate>(*ap, 0).high_ms -
                 Pred<search::DatePredicate>(*ap, 0).low_ms >
             24LL * 3600 * 1000 * 3);
}

BOOST_AUTO_TEST_CASE(references_and_chains) {
  REGISTRY_OR_SKIP();
  auto s = S(*registry, "CarePlan",
             "subject=Patient/p1&subject:Patient=p2&patient.name=garcia&"
             "subject:identifier=http://plan|M1");
  BOOST_TEST_REQUIRE(s.ok(), s.status().ToString());
  BOOST_TEST(Pred<search::ReferencePredicate>(*s, 0).type == "Patient");
  BOOST_TEST(Pred<search::ReferencePredicate>(*s, 0).id == "p1");
  BOOST_TEST(Pred<search::ReferencePredicate>(*s, 1).type == "Patient");
  const auto& chain = Pred<search::ReferencePredicate>(*s, 2);
  BOOST_TEST_REQUIRE(chain.chain != nullptr);
  BOOST_TEST(chain.chain->resource_type == "Patient");
  BOOST_TEST(chain.chain->clauses[0].param == "name");
  BOOST_TEST(Pred<search::ReferencePredicate>(*s, 3).identifier.has_value());
  BOOST_TEST(!S(*registry, "CarePlan", "subject.name=x").ok());  // two targets, no type
  BOOST_TEST(S(*registry, "CarePlan", "subject:Patient.name=x").ok());
  BOOST_TEST(!S(*registry, "CarePlan", "subject:Patient.organization.name=x").ok());
  BOOST_TEST(!S(*registry, "CarePlan", "subject=Observation/1").ok());
}

BOOST_AUTO_TEST_CASE(result_parameters) {
  REGISTRY_OR_SKIP();
  auto s = S(*registry, "CarePlan",
             "_count=5000&_sort=-date,_id&_total=accurate&_include=CarePlan:subject&"
             "_revinclude=Provenance:target&_elements=status,subject&_format=json");
  BOOST_TEST_REQUIRE(s.ok(), s.status().ToString());
  BOOST_TEST(s->query.count == kMaxCount);
  BOOST_TEST(s->query.sort.size() == 2u);
  BOOST_TEST(s->query.sort[0].descending);
  BOOST_TEST(s->query.total);
  BOOST_TEST(s->includes.size() == 1u);
  BOOST_TEST(s->revincludes[0].source_type == "Provenance");
  BOOST_TEST(s->elements.size() == 2u);
  auto count = S(*registry, "CarePlan", "_summary=count");
  BOOST_TEST(count->query.count == 0u);
  BOOST_TEST(count->query.total);
  BOOST_TEST(S(*registry, "CarePlan", "").value().query.count == kDefaultCount);
  BOOST_TEST(!S(*registry, "CarePlan", "_count=-1").ok());
  BOOST_TEST(!S(*registry, "CarePlan", "_include=Patient:organization").ok());
  BOOST_TEST(!S(*registry, "CarePlan", "_include:iterate=CarePlan:subject").ok());
  BOOST_TEST(!S(*registry, "CarePlan", "_sort=subject").ok());
}

BOOST_AUTO_TEST_CASE(unknown_parameters_lenient_or_strict) {
  REGISTRY_OR_SKIP();
  auto lenient = S(*registry, "Patient", "bogus=1&name=x");
  BOOST_TEST_REQUIRE(lenient.ok());
  BOOST_TEST(lenient->ignored.size() == 1u);
  BOOST_TEST(lenient->used.size() == 1u);
  auto strict = S(*registry, "Patient", "bogus=1", true);
  BOOST_TEST(!strict.ok());
  BOOST_TEST(strict.status().message().find("bogus") != std::string::npos);
  BOOST_TEST(!S(*registry, "Patient", "gender:exact=x").ok());  // modifier not for tokens
  BOOST_TEST(!S(*registry, "NotAType", "x=1").ok());
  auto secret = S(*registry, "Patient", "birthdate=Maria-Secret");
  BOOST_TEST(!secret.ok());
  BOOST_TEST(secret.status().message().find("Maria") == std::string::npos);  // no values echoed
}

}  // namespace
}  // namespace gw::rest
