// Broken object-level authorization, in-process through the whole gateway handler (tokens,
// scopes, attribution, opt-out, FHIR API, audit): clinic A's client tries every read, search,
// include, history, $everything and write path to member B's data; nothing of B may come back
// and nothing of B may change. Clinic A's own member stays fully visible.
#define BOOST_TEST_MODULE bola_test
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "gateway/app/gateway_handler.h"
#include "gateway/app/gateway_runtime.h"
#include "gateway/core/json/parse.h"
#include "gateway/core/json/write.h"

namespace gw::app {
namespace {

struct Gateway {
  Gateway() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "gw-bola-XXXXXX").string();
    dir = mkdtemp(tmpl.data()) != nullptr ? tmpl : std::string();
    config::ServerConfig c;
    c.data_dir = dir;
    config::ListenerConfig l;
    l.name = "public";
    c.listeners.push_back(l);
    auto client = [](std::string id, config::ClientKind kind, bool all, std::string scopes) {
      config::ClientConfig cc;
      cc.client_id = std::move(id);
      cc.jwks_json = R"({"keys":[]})";
      cc.scopes = std::move(scopes);
      cc.kind = kind;
      cc.all_members = all;
      return cc;
    };
    c.access.clients.push_back(client("clinic-a", config::ClientKind::kProvider, false, "system/*.cruds"));
    c.access.clients.push_back(client("clinic-b", config::ClientKind::kProvider, false, "system/*.cruds"));
    c.access.clients.push_back(client("plan-admin", config::ClientKind::kInternal, true, "system/*.cruds"));
    c.access.rate_limit.requests_per_second = 100000;
    c.access.rate_limit.burst = 100000;
    auto built = BuildRuntime(c, {{"public", "https://gw.test"}}, "public");
    BOOST_TEST_REQUIRE(built.ok(), built.status().message());
    rt = std::move(built).value();
    handler = std::make_unique<GatewayHandler>(*rt);
    std::int64_t now = rt->clock->NowMillis();
    for (const char* id : {"clinic-a", "clinic-b", "plan-admin"}) {
      tokens[id] = rt->tokens->Issue({id, "system/*.cruds", now + 3'600'000}, now);
    }
  }
  ~Gateway() {
    handler.reset();
    rt.reset();
    std::error_code ec;
    if (!dir.empty()) std::filesystem::remove_all(dir, ec);
  }

  ports::HttpResponse Call(const std::string& who, std::string method, std::string target,
                           std::string body = {}) {
    ports::HttpRequest r;
    r.method = std::move(method);
    r.target = std::move(target);
    r.listener = "public";
    r.headers.push_back({"Authorization", "Bearer " + tokens[who]});
    if (!body.empty()) r.headers.push_back({"Content-Type", "application/fhir+json"});
    r.body = std::move(body);
    return handler->Handle(r);
  }

  std::string dir;
  std::unique_ptr<GatewayRuntime> rt;
  std::unique_ptr<GatewayHandler> handler;
  std::map<std::string, std::string> tokens;
};

Gateway* g_gateway = nullptr;

// The gateway (its audit journal and indexer threads included) ends after the last test and
// before the program's static objects are destroyed, which its threads may still use.
struct EndGateway {
  void setup() {}
  void teardown() {
    if (g_gateway != nullptr) {
      g_gateway->handler.reset();
      g_gateway->rt.reset();
    }
  }
};
BOOST_TEST_GLOBAL_FIXTURE(EndGateway);

Gateway& G() {
  static Gateway g;
  g_gateway = &g;
  static bool seeded = false;
  if (!seeded) {
    seeded = true;
    auto put = [&](const std::string& path, const std::string& body) {
      auto r = g.Call("plan-admin", "PUT", path, body);
      BOOST_TEST_REQUIRE((r.status == 201 || r.status == 200), path << " " << r.status << " " << r.body);
    };
    put("/Patient/member-a", R"({"resourceType":"Patient","id":"member-a","name":[{"family":"Alfa"}]})");
    put("/Patient/member-b", R"({"resourceType":"Patient","id":"member-b","name":[{"family":"Bravo"}]})");
    put("/Patient/member-c", R"({"resourceType":"Patient","id":"member-c","name":[{"family":"Charlie"}]})");
    put("/Observation/obs-a", R"({"resourceType":"Observation","id":"obs-a","status":"final","code":{"text":"a1c"},"subject":{"reference":"Patient/member-a"}})");
    put("/Observation/obs-b", R"({"resourceType":"Observation","id":"obs-b","status":"final","code":{"text":"a1c"},"subject":{"reference":"Patient/member-b"}})");
    put("/Observation/obs-c", R"({"resourceType":"Observation","id":"obs-c","status":"final","code":{"text":"a1c"},"subject":{"reference":"Patient/member-c"}})");
    put("/Condition/cond-b", R"({"resourceType":"Condition","id":"cond-b","code":{"text":"secret"},"subject":{"reference":"Patient/member-b"}})");
    put("/CarePlan/plan-b", R"({"resourceType":"CarePlan","id":"plan-b","status":"active","intent":"plan","subject":{"reference":"Patient/member-b"}})");
    put("/Practitioner/doc-1", R"({"resourceType":"Practitioner","id":"doc-1","name":[{"family":"Doctor"}]})");
    auto group = [&](const std::string& id, const std::string& client, const std::string& members) {
      put("/Group/" + id, R"({"resourceType":"Group","id":")" + id +
                              R"(","identifier":[{"system":"urn:fhir-gateway:attribution-client","value":")" +
                              client + R"("}],"type":"person","actual":true,"member":[)" + members + "]}");
    };
    group("attr-a", "clinic-a", R"({"entity":{"reference":"Patient/member-a"}},{"entity":{"reference":"Patient/member-c"}})");
    group("attr-b", "clinic-b", R"({"entity":{"reference":"Patient/member-b"}})");
    put("/Consent/optout-c", R"({"resourceType":"Consent","id":"optout-c","status":"active",
      "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
      "category":[{"coding":[{"system":"urn:fhir-gateway:consent-category","code":"provider-access-opt-out"}]}],
      "patient":{"reference":"Patient/member-c"},
      "policyRule":{"text":"Provider Access API opt-out"},
      "provision":{"type":"deny"}})");
  }
  return g;
}

// The resources a response discloses: the body itself or the entries of a Bundle (and of
// nested Bundles, e.g. batch responses).
void Disclosed(const json::Value& v, std::vector<const json::Value*>* out) {
  const json::Value* type = v.Find("resourceType");
  if (type == nullptr) return;
  if (type->string_value() == "Bundle") {
    if (const json::Value* entries = v.Find("entry")) {
      for (const json::Value& e : entries->items()) {
        if (const json::Value* r = e.Find("resource")) Disclosed(*r, out);
      }
    }
    return;
  }
  if (type->string_value() != "OperationOutcome") out->push_back(&v);
}

// True when the response holds a resource of member B or C, or one that refers to them. Clinic
// A's own attribution list (which names its members, C included) is A's to see.
bool Leaks(const ports::HttpResponse& r) {
  auto doc = json::Parse(r.body);
  if (!doc.ok()) return false;
  std::vector<const json::Value*> resources;
  Disclosed(*doc, &resources);
  for (const json::Value* res : resources) {
    const json::Value* id = res->Find("id");
    if (id != nullptr && id->string_value() == "attr-a") continue;
    std::string text = json::Write(*res);
    for (const char* secret : {"member-b", "Bravo", "obs-b", "cond-b", "plan-b", "member-c", "Charlie", "obs-c"}) {
      if (text.find(secret) != std::string::npos) {
        BOOST_TEST_MESSAGE("disclosed: " << text.substr(0, 3000));
        return true;
      }
    }
  }
  return false;
}

BOOST_AUTO_TEST_CASE(clinic_a_sees_its_member) {
  Gateway& g = G();
  BOOST_TEST(g.Call("clinic-a", "GET", "/Patient/member-a").status == 200);
  BOOST_TEST(g.Call("clinic-a", "GET", "/Observation/obs-a").status == 200);
  auto s = g.Call("clinic-a", "GET", "/Observation?subject=Patient/member-a");
  BOOST_TEST(s.body.find("obs-a") != std::string::npos);
  BOOST_TEST(g.Call("clinic-a", "GET", "/Patient/member-a/$everything").body.find("obs-a") != std::string::npos);
  BOOST_TEST(g.Call("clinic-a", "GET", "/Practitioner/doc-1").status == 200);
  BOOST_TEST(g.Call("clinic-b", "GET", "/Patient/member-b").status == 200);
  // Attribution lists: one's own, not another client's (even one naming a shared member).
  BOOST_TEST(g.Call("clinic-a", "GET", "/Group/attr-a").status == 200);
  BOOST_TEST(g.Call("clinic-a", "GET", "/Group/attr-b").status == 404);
  BOOST_TEST(g.Call("clinic-a", "GET", "/AuditEvent").status == 403);
}

BOOST_AUTO_TEST_CASE(the_matrix_leaks_nothing) {
  Gateway& g = G();
  struct Probe { std::string method, target, body; };
  std::vector<Probe> probes;
  for (const std::string& victim : {std::string("b"), std::string("c")}) {
    std::string p = "member-" + victim, o = "obs-" + victim;
    for (const std::string& t : std::vector<std::string>{"/Patient/" + p, "/Patient/" + p + "/_history", "/Patient/" + p + "/_history/1",
                          "/Observation/" + o, "/Observation/" + o + "/_history", "/Observation/" + o + "/_history/1",
                          "/Patient/" + p + "/$everything", "/Patient/" + p + "/$everything?_type=Observation,Condition",
                          "/Observation?subject=Patient/" + p, "/Observation?patient=" + p,
                          "/Observation?_id=" + o, "/Patient?_id=" + p, "/Patient?_id=" + p + "&_revinclude=Observation:subject",
                          "/Observation?_id=" + o + "&_include=Observation:subject",
                          "/Observation?_include=Observation:subject", "/Observation?code:text=a1c",
                          "/Observation?subject:Patient.name=" + std::string(victim == "b" ? "Bravo" : "Charlie"),
                          "/Condition?patient=" + p, "/Condition", "/CarePlan?subject=Patient/" + p, "/CarePlan",
                          "/Patient", "/Patient?name=Bravo", "/Patient?name=Charlie", "/Observation/_history",
                          "/Patient/_history", "/_history", "/Group", "/Consent",
                          "/Observation?subject=Patient/" + p + "&_total=accurate",
                          "/Observation?subject=Patient/" + p + "&_summary=count"}) {
      probes.push_back({"GET", t, ""});
    }
    probes.push_back({"POST", "/Observation/_search", ""});
    probes.push_back({"POST", "/", R"({"resourceType":"Bundle","type":"batch","entry":[{"request":{"method":"GET","url":"Patient/)" + p + R"("}},{"request":{"method":"GET","url":"Observation?subject=Patient/)" + p + R"("}}]})"});
  }
  int leaks = 0;
  for (const Probe& pr : probes) {
    auto r = g.Call("clinic-a", pr.method, pr.target, pr.body);
    if (Leaks(r)) {
      ++leaks;
      BOOST_TEST_MESSAGE("LEAK: " << pr.method << " " << pr.target << " → " << r.status);
    }
    BOOST_TEST(r.status < 500, pr.target);
  }
  BOOST_TEST_MESSAGE(probes.size() << " read paths probed, " << leaks << " leaks");
  BOOST_TEST(leaks == 0);
  // Totals do not count what the client may not see.
  auto total = g.Call("clinic-a", "GET", "/Observation?_summary=count");
  BOOST_TEST(total.body.find("\"total\":1") != std::string::npos, total.body);
}

BOOST_AUTO_TEST_CASE(writes_cannot_reach_or_move_other_members) {
  Gateway& g = G();
  std::string to_b = R"({"resourceType":"Observation","status":"final","code":{"text":"x"},"subject":{"reference":"Patient/member-b"}})";
  BOOST_TEST(g.Call("clinic-a", "POST", "/Observation", to_b).status == 403);
  BOOST_TEST(g.Call("clinic-a", "PUT", "/Observation/obs-b", R"({"resourceType":"Observation","id":"obs-b","status":"final","code":{"text":"x"},"subject":{"reference":"Patient/member-a"}})").status == 404);
  BOOST_TEST(g.Call("clinic-a", "PUT", "/Observation/obs-a", R"({"resourceType":"Observation","id":"obs-a","status":"final","code":{"text":"x"},"subject":{"reference":"Patient/member-b"}})").status == 403);
  BOOST_TEST(g.Call("clinic-a", "DELETE", "/Observation/obs-b").status == 404);
  BOOST_TEST(g.Call("clinic-a", "DELETE", "/Patient/member-b").status == 404);
  auto tx = g.Call("clinic-a", "POST", "/", R"({"resourceType":"Bundle","type":"transaction","entry":[{"resource":)" + to_b + R"(,"request":{"method":"POST","url":"Observation"}}]})");
  BOOST_TEST(tx.status == 403);
  // B's data is unchanged.
  auto b = g.Call("clinic-b", "GET", "/Observation/obs-b");
  BOOST_TEST(b.status == 200);
  BOOST_TEST(b.body.find("\"versionId\":\"1\"") != std::string::npos);
  BOOST_TEST(b.body.find("Patient/member-b") != std::string::npos);
  auto a = g.Call("clinic-a", "GET", "/Observation/obs-a");
  BOOST_TEST(a.body.find("Patient/member-a") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(every_request_is_audited_denials_included) {
  Gateway& g = G();
  g.Call("clinic-a", "GET", "/Patient/member-b");
  // Every answer waited for its journal entry; the index into AuditEvent resources follows.
  BOOST_TEST_REQUIRE(g.rt->audit_journal != nullptr);
  auto backlog = g.rt->audit_journal->Backlog();
  BOOST_TEST_REQUIRE(backlog.ok());
  auto indexed = g.rt->audit_indexer->IndexAvailable();
  BOOST_TEST_REQUIRE(indexed.ok());
  BOOST_TEST(*g.rt->audit_journal->Backlog() == 0);
  auto audits = g.Call("plan-admin", "GET", "/AuditEvent?_summary=count");
  BOOST_TEST(audits.status == 200);
  auto v = json::Parse(audits.body);
  BOOST_TEST_REQUIRE(v.ok());
  BOOST_TEST(std::stoi(std::string(v->Find("total")->number_text())) > 50);
  auto denied = g.Call("plan-admin", "GET", "/AuditEvent?patient=member-b&_count=1000");
  BOOST_TEST(denied.body.find("clinic-a") != std::string::npos);
  ports::HttpRequest anon;
  anon.method = "GET";
  anon.target = "/Patient/member-a";
  anon.listener = "public";
  BOOST_TEST(g.handler->Handle(anon).status == 401);
}

}  // namespace
}  // namespace gw::app
