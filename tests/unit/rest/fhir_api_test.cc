// FhirApi over a real SQLite store and the base R4 validator: the interactions a client meets,
// their status codes, headers and bodies, and the limits.
#define BOOST_TEST_MODULE fhir_api_test
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <set>
#include <string>

#include "gateway/core/json/parse.h"
#include "gateway/core/json/write.h"
#include "gateway/core/rest/capability_statement.h"
#include "gateway/core/rest/fhir_api.h"
#include "gateway/shell/store/sqlite_store.h"
#include "gateway/shell/sys/random_id_generator.h"
#include "search_fixture.h"
#include "test_support.h"

namespace gw::rest {
namespace {

class FixedClock final : public ports::Clock {
 public:
  std::int64_t NowMillis() const override { return now.load(); }
  std::atomic<std::int64_t> now{1'764'000'000'000};
};

struct Api {
  Api() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "gw-api-test-XXXXXX").string();
    dir = mkdtemp(tmpl.data()) != nullptr ? tmpl : std::string();
    const auto* defs = validation::testing::Base();
    BOOST_TEST_REQUIRE(defs != nullptr);
    validation::ValidationOptions options = validation::testing::WithTerminology(*defs);
    options.security_checks = true;
    validator = std::make_unique<validation::Validator>(*defs->registry, options);
    auto registry = search::testing::BaseRegistry();
    BOOST_TEST_REQUIRE(registry != nullptr);
    extractor = std::make_shared<search::IndexExtractor>(registry);
    shell::SqliteStoreOptions so;
    so.path = dir + "/api.db";
    so.synchronous_full = false;
    auto s = shell::SqliteResourceStore::Open(so, extractor, clock, ids);
    BOOST_TEST_REQUIRE(s.ok());
    store = std::move(s).value();
    FhirApiDeps deps;
    deps.store = store.get();
    deps.extractor = extractor.get();
    deps.validator = validator.get();
    deps.clock = &clock;
    deps.ids = &ids;
    deps.patient_compartment = {{"Observation", {"subject", "performer"}},
                                {"Condition", {"patient"}}};
    CapabilityInputs caps{"https://gw.test", "fhir-gateway", "test", "2026-01-01",
                          "https://gw.test/auth/token", {}, {}};
    const json::Value* types = defs->defs.store->Resolve("http://hl7.org/fhir/resource-types");
    for (const json::Value& c : types->Find("concept")->items()) {
      std::string code(c.Find("code")->string_value());
      if (IsConcreteResourceType(code)) caps.resource_types.insert(code);
    }
    deps.resource_types = caps.resource_types;
    deps.capability_statement = MakeCapabilityStatement(*registry, caps);
    api = std::make_unique<FhirApi>(std::move(deps));
  }
  ~Api() {
    store.reset();
    std::error_code ec;
    if (!dir.empty()) std::filesystem::remove_all(dir, ec);
  }

  RestResponse Call(std::string method, std::string target, std::string body = {},
                    RestRequest extra = {}, RequestAccess* access = nullptr) {
    RestRequest r = std::move(extra);
    r.method = std::move(method);
    auto t = ParseRequestTarget(target);
    BOOST_TEST_REQUIRE(t.ok());
    r.target = std::move(t).value();
    r.base_url = "https://gw.test";
    if (!body.empty() && r.content_type.empty()) r.content_type = "application/fhir+json";
    r.body = std::move(body);
    AllowAllAccess all;
    return api->Handle(r, access != nullptr ? *access : all);
  }

  std::string dir;
  FixedClock clock;
  shell::RandomIdGenerator ids;
  std::unique_ptr<validation::Validator> validator;
  std::shared_ptr<search::IndexExtractor> extractor;
  std::unique_ptr<shell::SqliteResourceStore> store;
  std::unique_ptr<FhirApi> api;
};

Api& Shared() {
  static Api api;
  return api;
}

std::string Header(const RestResponse& r, std::string_view name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return {};
}

json::Value Json(const RestResponse& r) {
  auto v = json::Parse(r.body);
  BOOST_TEST_REQUIRE(v.ok(), r.body);
  return std::move(v).value();
}

std::string Str(const json::Value& v, std::string_view key) {
  const json::Value* m = v.Find(key);
  return m != nullptr && m->is_string() ? std::string(m->string_value()) : std::string();
}

std::size_t Entries(const json::Value& bundle) {
  const json::Value* e = bundle.Find("entry");
  return e == nullptr ? 0 : e->items().size();
}

std::string IssueCode(const RestResponse& r) {
  json::Value oo = Json(r);
  return Str(oo.Find("issue")->items()[0], "code");
}

std::string PatientJson(std::string_view family, std::string_view mrn = "") {
  std::string s = R"({"resourceType":"Patient","name":[{"family":")" + std::string(family) + R"("}])";
  if (!mrn.empty()) s += R"(,"identifier":[{"system":"urn:test:mrn","value":")" + std::string(mrn) + R"("}])";
  return s + "}";
}

std::string IdFromLocation(const std::string& location) {
  // https://gw.test/Patient/ID/_history/1
  std::string rest = location.substr(std::string("https://gw.test/").size());
  rest = rest.substr(rest.find('/') + 1);
  return rest.substr(0, rest.find('/'));
}

BOOST_AUTO_TEST_CASE(create_read_update_delete_history) {
  Api& a = Shared();
  RestResponse c = a.Call("POST", "/Patient", PatientJson("Rivera"));
  BOOST_TEST(c.status == 201, c.body);
  BOOST_TEST(Header(c, "ETag") == "W/\"1\"");
  std::string id = IdFromLocation(Header(c, "Location"));
  BOOST_TEST(!Header(c, "Last-Modified").empty());

  RestResponse r = a.Call("GET", "/Patient/" + id);
  BOOST_TEST(r.status == 200);
  BOOST_TEST(Str(Json(r), "id") == id);

  std::string updated = R"({"resourceType":"Patient","id":")" + id + R"(","gender":"female"})";
  RestRequest m;
  m.if_match = "W/\"1\"";
  RestResponse u = a.Call("PUT", "/Patient/" + id, updated, m);
  BOOST_TEST(u.status == 200, u.body);
  BOOST_TEST(Header(u, "ETag") == "W/\"2\"");
  RestResponse stale = a.Call("PUT", "/Patient/" + id, updated, m);
  BOOST_TEST(stale.status == 412);
  BOOST_TEST(IssueCode(stale) == "conflict");

  BOOST_TEST(a.Call("GET", "/Patient/" + id + "/_history/1").status == 200);
  BOOST_TEST(a.Call("GET", "/Patient/" + id + "/_history/9").status == 404);
  RestResponse d = a.Call("DELETE", "/Patient/" + id);
  BOOST_TEST(d.status == 204);
  BOOST_TEST(a.Call("GET", "/Patient/" + id).status == 410);
  RestResponse h = a.Call("GET", "/Patient/" + id + "/_history");
  BOOST_TEST(h.status == 200);
  json::Value hb = Json(h);
  BOOST_TEST(Str(hb, "type") == "history");
  BOOST_TEST(Entries(hb) == 3u);

  // Update with a client id creates; the id must match the URL.
  RestResponse cu = a.Call("PUT", "/Patient/client-chosen-1",
                           R"({"resourceType":"Patient","id":"client-chosen-1"})");
  BOOST_TEST(cu.status == 201);
  BOOST_TEST(a.Call("PUT", "/Patient/other", R"({"resourceType":"Patient","id":"x"})").status == 400);
  RestRequest minimal;
  minimal.prefer = "return=minimal";
  RestResponse mc = a.Call("POST", "/Patient", PatientJson("Minimal"), minimal);
  BOOST_TEST(mc.status == 201);
  BOOST_TEST(mc.body.empty());
  RestRequest oo;
  oo.prefer = "return=OperationOutcome";
  RestResponse oc = a.Call("POST", "/Patient", PatientJson("Outcome"), oo);
  BOOST_TEST(Str(Json(oc), "resourceType") == "OperationOutcome");
}

BOOST_AUTO_TEST_CASE(bad_input_is_an_operation_outcome) {
  Api& a = Shared();
  RestResponse invalid = a.Call("POST", "/Patient", R"({"resourceType":"Patient","gender":"x"})");
  BOOST_TEST(invalid.status == 422);
  BOOST_TEST(Str(Json(invalid), "resourceType") == "OperationOutcome");
  BOOST_TEST(a.Call("POST", "/Patient", "{not json").status == 400);
  std::string deep(100000, '[');
  BOOST_TEST(a.Call("POST", "/Patient", deep).status == 400);
  BOOST_TEST(a.Call("POST", "/Observation", PatientJson("Wrong type")).status == 400);
  RestRequest xml;
  xml.content_type = "application/fhir+xml";
  BOOST_TEST(a.Call("POST", "/Patient", "<Patient/>", xml).status == 415);
  BOOST_TEST(a.Call("GET", "/Patient?_format=xml").status == 415);
  BOOST_TEST(a.Call("GET", "/NoSuchType/1").status == 404);
  BOOST_TEST(a.Call("PATCH", "/Patient/1", "{}").status == 405);
  BOOST_TEST(a.Call("GET", "/Patient?birthdate=notadate").status == 400);
  RestResponse html = a.Call("POST", "/Patient",
                             R"({"resourceType":"Patient","name":[{"family":"<script>x</script>"}]})");
  BOOST_TEST(html.status == 422);
}

BOOST_AUTO_TEST_CASE(conditional_create) {
  Api& a = Shared();
  RestRequest cond;
  cond.if_none_exist = "identifier=urn:test:mrn|COND-1";
  RestResponse first = a.Call("POST", "/Patient", PatientJson("Cond", "COND-1"), cond);
  BOOST_TEST(first.status == 201);
  RestResponse second = a.Call("POST", "/Patient", PatientJson("Cond", "COND-1"), cond);
  BOOST_TEST_MESSAGE("first " << first.status << " " << first.body.size() << " second " << second.status << " " << second.body);
  BOOST_TEST(second.status == 200);
  BOOST_TEST(Str(Json(second), "id") == Str(Json(first), "id"));
}

BOOST_AUTO_TEST_CASE(search_paging_include_revinclude_everything) {
  Api& a = Shared();
  std::set<std::string> ids;
  for (int i = 0; i < 7; ++i) {
    RestResponse c = a.Call("POST", "/Patient", PatientJson("Paging", "PAGE-" + std::to_string(i)));
    ids.insert(Str(Json(c), "id"));
  }
  RestResponse page = a.Call("GET", "/Patient?family=Paging&_count=3&_total=accurate");
  BOOST_TEST(page.status == 200);
  std::set<std::string> seen;
  int pages = 0;
  json::Value b = Json(page);
  BOOST_TEST(b.Find("total")->number_text() == "7");
  while (true) {
    ++pages;
    for (const json::Value& e : b.Find("entry")->items()) seen.insert(Str(*e.Find("resource"), "id"));
    std::string next;
    for (const json::Value& l : b.Find("link")->items()) {
      if (Str(l, "relation") == "next") next = Str(l, "url");
    }
    if (next.empty()) break;
    BOOST_TEST_REQUIRE(pages < 10);
    b = Json(a.Call("GET", next.substr(std::string("https://gw.test").size())));
  }
  BOOST_TEST(pages == 3);
  BOOST_TEST((seen == ids));
  BOOST_TEST(Json(a.Call("GET", "/Patient?family=Paging&_summary=count")).Find("total")->number_text() == "7");
  BOOST_TEST(a.Call("GET", "/Patient?_count=1000000").status == 200);

  std::string pid = *ids.begin();
  std::string obs = R"({"resourceType":"Observation","status":"final","code":{"text":"hr"},"subject":{"reference":"Patient/)" + pid + R"("}})";
  BOOST_TEST(a.Call("POST", "/Observation", obs).status == 201);
  json::Value inc = Json(a.Call("GET", "/Observation?subject=Patient/" + pid + "&_include=Observation:subject"));
  BOOST_TEST(Entries(inc) == 2u);
  json::Value rev = Json(a.Call("GET", "/Patient?_id=" + pid + "&_revinclude=Observation:subject"));
  BOOST_TEST(Entries(rev) == 2u);
  RestResponse ev = a.Call("GET", "/Patient/" + pid + "/$everything");
  BOOST_TEST(ev.status == 200);
  BOOST_TEST(Entries(Json(ev)) == 2u);
  BOOST_TEST(a.Call("GET", "/Patient/nobody/$everything").status == 404);
  json::Value el = Json(a.Call("GET", "/Patient?_id=" + pid + "&_elements=identifier"));
  const json::Value& res = *el.Find("entry")->items()[0].Find("resource");
  BOOST_TEST(res.Find("name") == nullptr);
  BOOST_TEST(res.Find("identifier") != nullptr);
}

BOOST_AUTO_TEST_CASE(transactions_are_atomic_and_batches_are_not) {
  Api& a = Shared();
  std::string tx = R"({"resourceType":"Bundle","type":"transaction","entry":[
    {"fullUrl":"urn:uuid:11111111-1111-4111-8111-111111111111",
     "resource":{"resourceType":"Patient","identifier":[{"system":"urn:test:mrn","value":"TX-1"}]},
     "request":{"method":"POST","url":"Patient"}},
    {"fullUrl":"urn:uuid:22222222-2222-4222-8222-222222222222",
     "resource":{"resourceType":"Observation","status":"final","code":{"text":"bp"},
                 "subject":{"reference":"urn:uuid:11111111-1111-4111-8111-111111111111"}},
     "request":{"method":"POST","url":"Observation"}}]})";
  RestResponse r = a.Call("POST", "/", tx);
  BOOST_TEST(r.status == 200, r.body);
  json::Value b = Json(r);
  BOOST_TEST(Str(b, "type") == "transaction-response");
  BOOST_TEST(Entries(b) == 2u);
  json::Value found = Json(a.Call("GET", "/Observation?subject:Patient.identifier=urn:test:mrn|TX-1"));
  BOOST_TEST(Entries(found) == 1u);

  std::string bad = R"({"resourceType":"Bundle","type":"transaction","entry":[
    {"resource":{"resourceType":"Patient","identifier":[{"system":"urn:test:mrn","value":"TX-2"}]},
     "request":{"method":"POST","url":"Patient"}},
    {"resource":{"resourceType":"Patient","gender":"nope"},"request":{"method":"POST","url":"Patient"}}]})";
  RestResponse f = a.Call("POST", "/", bad);
  BOOST_TEST(f.status == 422);
  BOOST_TEST(Entries(Json(a.Call("GET", "/Patient?identifier=urn:test:mrn|TX-2"))) == 0u);

  std::string stale = R"({"resourceType":"Bundle","type":"transaction","entry":[
    {"resource":{"resourceType":"Patient","identifier":[{"system":"urn:test:mrn","value":"TX-3"}]},
     "request":{"method":"POST","url":"Patient"}},
    {"resource":{"resourceType":"Patient","id":"client-chosen-1"},
     "request":{"method":"PUT","url":"Patient/client-chosen-1","ifMatch":"W/\"99\""}}]})";
  BOOST_TEST(a.Call("POST", "/", stale).status == 412);
  BOOST_TEST(Entries(Json(a.Call("GET", "/Patient?identifier=urn:test:mrn|TX-3"))) == 0u);

  std::string batch = R"({"resourceType":"Bundle","type":"batch","entry":[
    {"resource":{"resourceType":"Patient","identifier":[{"system":"urn:test:mrn","value":"B-1"}]},
     "request":{"method":"POST","url":"Patient"}},
    {"resource":{"resourceType":"Patient","gender":"nope"},"request":{"method":"POST","url":"Patient"}},
    {"request":{"method":"GET","url":"Patient?identifier=urn:test:mrn|B-1"}}]})";
  json::Value br = Json(a.Call("POST", "/", batch));
  BOOST_TEST(Str(br, "type") == "batch-response");
  const auto& items = br.Find("entry")->items();
  BOOST_TEST(Str(*items[0].Find("response"), "status") == "201 Created");
  BOOST_TEST(Str(*items[1].Find("response"), "status") == "422");
  BOOST_TEST(Str(*items[2].Find("response"), "status") == "200 OK");

  std::string big = R"({"resourceType":"Bundle","type":"batch","entry":[)";
  for (int i = 0; i < 10001; ++i) big += std::string(i ? "," : "") + R"({"request":{"method":"GET","url":"Patient/x"}})";
  big += "]}";
  BOOST_TEST(a.Call("POST", "/", big).status == 413);
}

// A caller that may not see Patient "hidden" nor anything referring to it.
class HidingAccess final : public RequestAccess {
 public:
  bool Allows(std::string_view, std::uint8_t) const override { return true; }
  bool InspectsContent() const override { return true; }
  bool Restricted() const override { return true; }
  bool MayRead(const json::Value& r) const override { return json::Write(r).find("hidden") == std::string::npos; }
  bool MayWrite(const json::Value* c, const json::Value* n) const override {
    return (c == nullptr || MayRead(*c)) && (n == nullptr || MayRead(*n));
  }
  void Touched(std::string_view, std::string_view, const json::Value*) override {}
};

BOOST_AUTO_TEST_CASE(what_a_caller_may_not_see_does_not_exist) {
  Api& a = Shared();
  BOOST_TEST(a.Call("PUT", "/Patient/hidden", R"({"resourceType":"Patient","id":"hidden","name":[{"family":"Hid"}]})").status == 201);
  std::string obs = R"({"resourceType":"Observation","status":"final","code":{"text":"x"},"subject":{"reference":"Patient/hidden"}})";
  BOOST_TEST(a.Call("POST", "/Observation", obs).status == 201);
  HidingAccess h;
  BOOST_TEST(a.Call("GET", "/Patient/hidden", {}, {}, &h).status == 404);
  BOOST_TEST(a.Call("GET", "/Patient/never-existed", {}, {}, &h).status == 404);
  BOOST_TEST(a.Call("GET", "/Patient/hidden/_history", {}, {}, &h).status == 404);
  BOOST_TEST(a.Call("GET", "/Patient/hidden/_history/1", {}, {}, &h).status == 404);
  BOOST_TEST(a.Call("GET", "/Patient/hidden/$everything", {}, {}, &h).status == 404);
  json::Value s = Json(a.Call("GET", "/Observation?subject=Patient/hidden", {}, {}, &h));
  BOOST_TEST(Entries(s) == 0u);
  json::Value t = Json(a.Call("GET", "/Observation?subject=Patient/hidden&_total=accurate", {}, {}, &h));
  BOOST_TEST(t.Find("total")->number_text() == "0");
  BOOST_TEST(a.Call("DELETE", "/Patient/hidden", {}, {}, &h).status == 404);
  BOOST_TEST(a.Call("PUT", "/Patient/hidden", R"({"resourceType":"Patient","id":"hidden"})", {}, &h).status == 404);
  json::Value hist = Json(a.Call("GET", "/Observation/_history", {}, {}, &h));
  for (const json::Value& e : hist.Find("entry") ? hist.Find("entry")->items() : std::span<const json::Value>()) {
    if (const json::Value* r = e.Find("resource")) BOOST_TEST(json::Write(*r).find("hidden") == std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(capability_statement_lists_what_is_served) {
  Api& a = Shared();
  RestResponse m = a.Call("GET", "/metadata");
  BOOST_TEST(m.status == 200);
  json::Value cs = Json(m);
  BOOST_TEST(Str(cs, "resourceType") == "CapabilityStatement");
  IssueList issues;
  a.validator->Validate(cs, issues);
  for (const Issue& i : issues.issues()) {
    if (i.severity == Severity::kError) BOOST_TEST_MESSAGE(i.code << " " << i.location << " " << i.message);
  }
  BOOST_TEST(!issues.HasErrors());
  BOOST_TEST(a.Call("POST", "/metadata", "{}").status == 405);
}

}  // namespace
}  // namespace gw::rest
