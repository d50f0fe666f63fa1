#define BOOST_TEST_MODULE rest_test
#include "gateway/core/rest/request_target.h"

#include <boost/test/unit_test.hpp>
#include <string>

#include "gateway/core/json/write.h"
#include "gateway/core/rest/rest_error.h"

namespace gw::rest {
namespace {

RequestTarget P(std::string_view t, std::string_view base = {}) {
  auto r = ParseRequestTarget(t, base);
  BOOST_REQUIRE(r.ok());
  return r.value();
}

BOOST_AUTO_TEST_CASE(routes) {
  BOOST_TEST((P("/metadata").kind == RouteKind::kCapabilities));
  BOOST_TEST((P("/.well-known/smart-configuration").kind == RouteKind::kSmartConfiguration));
  BOOST_TEST((P("/").kind == RouteKind::kSystem));
  BOOST_TEST((P("/_history").kind == RouteKind::kHistorySystem));
  BOOST_TEST((P("/CarePlan").kind == RouteKind::kType));
  BOOST_TEST((P("/CarePlan/").kind == RouteKind::kType));
  BOOST_TEST((P("/CarePlan/_search").kind == RouteKind::kTypeSearch));
  BOOST_TEST((P("/CarePlan/_history").kind == RouteKind::kHistoryType));
  RequestTarget op = P("/Claim/$submit");
  BOOST_TEST((op.kind == RouteKind::kTypeOperation));
  BOOST_TEST(op.operation == "submit");
  RequestTarget inst = P("/Patient/abc-1.2");
  BOOST_TEST((inst.kind == RouteKind::kInstance));
  BOOST_TEST(inst.id == "abc-1.2");
  BOOST_TEST((P("/Patient/1/$everything").kind == RouteKind::kInstanceOperation));
  BOOST_TEST((P("/Patient/1/_history").kind == RouteKind::kHistoryInstance));
  RequestTarget v = P("/Patient/1/_history/12");
  BOOST_TEST((v.kind == RouteKind::kVersion));
  BOOST_TEST(v.version == 12);
  BOOST_TEST((P("/fhir/Patient/1", "/fhir").kind == RouteKind::kInstance));
  BOOST_TEST((P("/other/Patient/1", "/fhir").kind == RouteKind::kUnknown));
}

BOOST_AUTO_TEST_CASE(unknown_routes) {
  for (std::string_view t :
       {"Patient", "/patient", "/Patient/a_b", "/Patient/1/_history/0", "/Patient/1/_history/x",
        "/Patient/1/_history/01", "/Patient/1/extra", "/Patient/%2F", "/Patient/1/_history/1/x",
        "/Pat1ent", "/Patient/$", "/Patient//1"}) {
    auto r = ParseRequestTarget(t);
    BOOST_TEST((!r.ok() || r->kind == RouteKind::kUnknown), t);
  }
  BOOST_TEST((P("/Patient/" + std::string(65, 'a')).kind == RouteKind::kUnknown));  // id > 64
}

BOOST_AUTO_TEST_CASE(query_parameters) {
  RequestTarget t =
      P("/Patient?name:exact=Mar%C3%ADa+Jos%C3%A9&birthdate=ge1970&birthdate=lt2000"
        "&subject:Patient.name=x&&_count=10#frag");
  BOOST_TEST_REQUIRE(t.params.size() == 5u);
  BOOST_TEST(t.params[0].name == "name:exact");
  BOOST_TEST(t.params[0].value == "María José");
  BOOST_TEST(t.params[2].value == "lt2000");
  BOOST_TEST(t.params[3].name == "subject:Patient.name");
  BOOST_TEST(t.params[4].value == "10");
  BOOST_TEST(!ParseRequestTarget("/Patient?name=%zz").ok());
  BOOST_TEST(!ParseRequestTarget("/Patient?name=%00").ok());
  std::string many = "/Patient?";
  for (int i = 0; i <= static_cast<int>(kMaxQueryParams); ++i) many += "a=1&";
  BOOST_TEST(!ParseRequestTarget(many).ok());
  BOOST_TEST(!ParseRequestTarget("/Patient?x=" + std::string(kMaxTargetBytes, 'a')).ok());
}

BOOST_AUTO_TEST_CASE(route_templates_hide_values) {
  RequestTarget t = P("/Patient/secret-id/_history/3?name=Maria");
  std::string s = RouteTemplate("GET", t);
  BOOST_TEST(s == "GET /Patient/[id]/_history/[vid]");
  BOOST_TEST(RouteTemplate("GET\r\nX: y", t).rfind("OTHER ", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(error_table) {
  BOOST_TEST(HttpStatus(RestError::kPreconditionFailed) == 412);
  BOOST_TEST(HttpStatus(RestError::kNotFound) == 404);
  BOOST_TEST(IssueType(RestError::kTooManyRequests) == "throttled");
  std::string body = json::Write(MakeOutcome(RestError::kGone, "Resource was deleted"));
  BOOST_TEST(body ==
             R"({"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"deleted",)"
             R"("diagnostics":"Resource was deleted"}]})");
}

}  // namespace
}  // namespace gw::rest
