// BALP-shaped AuditEvents: each interaction shape (read, vread, search with a query, system
// search, history, create, update, patch, delete, operation, capabilities; denied 401/403/404;
// 429; 500) has the expected codes and is valid base R4 (no error from the Validator, with
// terminology).
#define BOOST_TEST_MODULE audit_event_test
#include "gateway/core/audit/audit_event.h"

#include <boost/test/unit_test.hpp>
#include <iostream>

#include "gateway/core/json/write.h"
#include "gateway/core/validation/validator.h"
#include "test_support.h"

namespace gw::audit {
namespace {

using auth::Interaction;
using auth::InteractionLevel;

std::string_view S(const json::Value* v) {
  BOOST_TEST_REQUIRE(v != nullptr);
  return v->string_value();
}

const json::Value& At(const json::Value& v, std::size_t i) {
  BOOST_TEST_REQUIRE(v.is_array());
  BOOST_TEST_REQUIRE(i < v.items().size());
  return v.items()[i];
}

const json::Value& Get(const json::Value& v, std::string_view key) {
  const json::Value* x = v.Find(key);
  BOOST_TEST_REQUIRE(x != nullptr, "missing " << key);
  return *x;
}

std::string CodeOf(const json::Value& coding) { return std::string(S(coding.Find("code"))); }

// Entities keyed by "<type code>/<role code>" in order.
std::vector<std::string> EntityKinds(const json::Value& event) {
  std::vector<std::string> out;
  const json::Value* es = event.Find("entity");
  if (es == nullptr) return out;
  for (const json::Value& e : es->items()) {
    std::string k = CodeOf(Get(e, "type"));
    if (const json::Value* role = e.Find("role")) k += "/" + CodeOf(*role);
    out.push_back(k);
  }
  return out;
}

std::size_t ValidationErrors(const json::Value& event) {
  const auto* defs = validation::testing::Base();
  if (defs == nullptr) return 0;
  validation::Validator v(*defs->registry, validation::testing::WithTerminology(*defs));
  IssueList issues;
  v.Validate(event, issues);
  std::size_t errors = 0;
  for (const Issue& i : issues.issues()) {
    bool error = i.severity == Severity::kError || i.severity == Severity::kFatal;
    errors += error ? 1 : 0;
    if (error) BOOST_TEST_MESSAGE(i.code << " " << i.location << " " << i.message);
  }
  return errors;
}

AuditRecord Base(Interaction i, int status) {
  AuditRecord r;
  r.interaction = i;
  r.http_status = status;
  r.recorded = "2025-06-01T12:00:00.000Z";
  r.client_id = "ehr-west";
  r.client_address = "192.0.2.10";
  r.server_name = "fhir-gateway-1";
  r.server_url = "https://fhir.plan.example.org/fhir";
  r.correlation_id = "c0ffee00-1234";
  return r;
}

void Check(const json::Value& event, std::string_view subtype, std::string_view action,
           std::string_view outcome, std::string_view client_role,
           const std::vector<std::string>& entities) {
  BOOST_TEST(S(event.Find("resourceType")) == "AuditEvent");
  BOOST_TEST(CodeOf(Get(event, "type")) == "rest");
  BOOST_TEST(S(Get(event, "type").Find("system")) ==
             "http://terminology.hl7.org/CodeSystem/audit-event-type");
  BOOST_TEST(CodeOf(At(Get(event, "subtype"), 0)) == subtype);
  BOOST_TEST(S(At(Get(event, "subtype"), 0).Find("system")) ==
             "http://hl7.org/fhir/restful-interaction");
  BOOST_TEST(S(event.Find("action")) == action);
  BOOST_TEST(S(event.Find("outcome")) == outcome);
  BOOST_TEST((event.Find("outcomeDesc") != nullptr) == (outcome != "0"));
  const json::Value& client = At(Get(event, "agent"), 0);
  BOOST_TEST(CodeOf(At(Get(Get(client, "type"), "coding"), 0)) == client_role);
  BOOST_TEST(Get(client, "requestor").bool_value());
  const json::Value& server = At(Get(event, "agent"), 1);
  BOOST_TEST(!Get(server, "requestor").bool_value());
  BOOST_TEST(CodeOf(At(Get(Get(server, "type"), "coding"), 0)) ==
             (client_role == "110152" ? "110153" : "110152"));
  BOOST_TEST(S(Get(Get(event, "source"), "observer").Find("display")) == "fhir-gateway-1");
  std::vector<std::string> kinds = EntityKinds(event);
  BOOST_TEST(kinds == entities, boost::test_tools::per_element());
  BOOST_TEST(ValidationErrors(event) == 0u, json::Write(event));
}

BOOST_AUTO_TEST_CASE(definitions_present) {
  if (validation::testing::Base() == nullptr) {
    std::cout << "GW_SKIPPED: R4 definitions absent (shapes checked without validation)\n";
  }
}

BOOST_AUTO_TEST_CASE(read_of_a_patient_resource) {
  AuditRecord r = Base(Interaction::kRead, 200);
  r.resource_type = "Observation";
  r.resource_id = "obs-1";
  r.patient_ids = {"p2", "p1", "p2", ""};
  json::Value e = MakeAuditEvent(r);
  Check(e, "read", "R", "0", "110152", {"XrequestId", "2/4", "1/1", "1/1"});
  const json::Value& entities = Get(e, "entity");
  BOOST_TEST(S(Get(At(entities, 0), "what").Find("identifier")->Find("value")) == "c0ffee00-1234");
  BOOST_TEST(S(Get(At(entities, 1), "what").Find("reference")) == "Observation/obs-1");
  BOOST_TEST(S(Get(At(entities, 2), "what").Find("reference")) == "Patient/p1");
  BOOST_TEST(S(Get(At(entities, 3), "what").Find("reference")) == "Patient/p2");
  const json::Value& client = At(Get(e, "agent"), 0);
  BOOST_TEST(S(Get(client, "who").Find("identifier")->Find("value")) == "ehr-west");
  BOOST_TEST(S(Get(client, "who").Find("identifier")->Find("system")) == kClientIdSystem);
  BOOST_TEST(S(Get(client, "network").Find("address")) == "192.0.2.10");
  BOOST_TEST(S(Get(client, "network").Find("type")) == "2");
  BOOST_TEST(S(Get(At(Get(e, "agent"), 1), "network").Find("type")) == "5");
  BOOST_TEST(S(e.Find("recorded")) == "2025-06-01T12:00:00.000Z");
}

BOOST_AUTO_TEST_CASE(vread_names_the_version) {
  AuditRecord r = Base(Interaction::kVRead, 200);
  r.resource_type = "Patient";
  r.resource_id = "p1";
  r.version_id = "3";
  r.patient_ids = {"p1"};
  r.correlation_id.clear();
  r.client_address.clear();
  json::Value e = MakeAuditEvent(r);
  Check(e, "vread", "R", "0", "110152", {"2/4", "1/1"});
  BOOST_TEST(S(Get(At(Get(e, "entity"), 0), "what").Find("reference")) == "Patient/p1/_history/3");
  BOOST_TEST(At(Get(e, "agent"), 0).Find("network") == nullptr);
}

BOOST_AUTO_TEST_CASE(search_records_the_raw_query_in_base64) {
  AuditRecord r = Base(Interaction::kSearch, 200);
  r.resource_type = "Observation";
  r.query = "patient=p1&code=http://loinc.org|1234-5&_count=10";
  r.patient_ids = {"p1"};
  json::Value e = MakeAuditEvent(r);
  Check(e, "search-type", "E", "0", "110153", {"XrequestId", "2/24", "1/1"});
  const json::Value& query = At(Get(e, "entity"), 1);
  BOOST_TEST(S(query.Find("query")) == Base64Encode(r.query));
  BOOST_TEST(query.Find("what") == nullptr);
  BOOST_TEST(query.Find("description") == nullptr);

  r.level = InteractionLevel::kSystem;
  r.resource_type.clear();
  r.query = "_type=Observation,Condition";
  r.patient_ids.clear();
  Check(MakeAuditEvent(r), "search-system", "E", "0", "110153", {"XrequestId", "2/24"});

  r.query.clear();  // a search without parameters still names its query entity
  Check(MakeAuditEvent(r), "search-system", "E", "0", "110153", {"XrequestId", "2/24"});
}

BOOST_AUTO_TEST_CASE(history_create_update_patch_delete) {
  AuditRecord r = Base(Interaction::kHistory, 200);
  r.resource_type = "Condition";
  r.resource_id = "c1";
  r.patient_ids = {"p1"};
  Check(MakeAuditEvent(r), "history-instance", "R", "0", "110152", {"XrequestId", "2/4", "1/1"});
  r.level = InteractionLevel::kType;
  r.resource_id.clear();
  Check(MakeAuditEvent(r), "history-type", "R", "0", "110152", {"XrequestId", "1/1"});

  r = Base(Interaction::kCreate, 201);
  r.resource_type = "Condition";
  r.resource_id = "new-1";
  r.version_id = "1";
  r.patient_ids = {"p1"};
  Check(MakeAuditEvent(r), "create", "C", "0", "110153", {"XrequestId", "2/4", "1/1"});
  r.interaction = Interaction::kUpdate;
  r.http_status = 200;
  Check(MakeAuditEvent(r), "update", "U", "0", "110153", {"XrequestId", "2/4", "1/1"});
  r.interaction = Interaction::kPatch;
  Check(MakeAuditEvent(r), "patch", "U", "0", "110153", {"XrequestId", "2/4", "1/1"});
  r.interaction = Interaction::kDelete;
  r.http_status = 204;
  r.version_id.clear();
  Check(MakeAuditEvent(r), "delete", "D", "0", "110153", {"XrequestId", "2/4", "1/1"});
}

BOOST_AUTO_TEST_CASE(operation_and_capabilities) {
  AuditRecord r = Base(Interaction::kOperation, 200);
  r.resource_type = "Patient";
  r.resource_id = "p1";
  r.query = "_since=2025-01-01";
  r.patient_ids = {"p1"};
  Check(MakeAuditEvent(r), "operation", "E", "0", "110153", {"XrequestId", "2/4", "2/24", "1/1"});
  r = Base(Interaction::kCapabilities, 200);
  Check(MakeAuditEvent(r), "capabilities", "R", "0", "110152", {"XrequestId"});
}

BOOST_AUTO_TEST_CASE(denied_and_failed) {
  AuditRecord r = Base(Interaction::kRead, 403);
  r.resource_type = "Observation";
  r.resource_id = "obs-9";
  json::Value denied = MakeAuditEvent(r);
  Check(denied, "read", "R", "4", "110152", {"XrequestId", "2/4"});
  BOOST_TEST(S(denied.Find("outcomeDesc")) == "access denied");

  r.http_status = 404;
  json::Value missing = MakeAuditEvent(r);
  Check(missing, "read", "R", "4", "110152", {"XrequestId", "2/4"});
  BOOST_TEST(S(missing.Find("outcomeDesc")) == "not found");

  r.http_status = 401;
  r.client_id.clear();
  json::Value anonymous = MakeAuditEvent(r);
  Check(anonymous, "read", "R", "4", "110152", {"XrequestId", "2/4"});
  BOOST_TEST(S(Get(At(Get(anonymous, "agent"), 0), "who").Find("display")) ==
             "unauthenticated client");

  r = Base(Interaction::kSearch, 429);
  r.resource_type = "Claim";
  r.query = "patient=p1";
  json::Value limited = MakeAuditEvent(r);
  Check(limited, "search-type", "E", "4", "110153", {"XrequestId", "2/24"});
  BOOST_TEST(S(limited.Find("outcomeDesc")) == "rate limited");

  r = Base(Interaction::kUpdate, 500);
  r.resource_type = "Coverage";
  r.resource_id = "cov-1";
  r.patient_ids = {"p1"};
  json::Value failed = MakeAuditEvent(r);
  Check(failed, "update", "U", "8", "110153", {"XrequestId", "2/4", "1/1"});
  BOOST_TEST(S(failed.Find("outcomeDesc")) == "server error");
  r.http_status = 503;
  BOOST_TEST(S(MakeAuditEvent(r).Find("outcome")) == "8");
  r.http_status = 422;
  BOOST_TEST(S(MakeAuditEvent(r).Find("outcomeDesc")) == "unprocessable resource");
  r.http_status = 418;
  BOOST_TEST(S(MakeAuditEvent(r).Find("outcomeDesc")) == "request refused");
}

BOOST_AUTO_TEST_CASE(outcome_codes_and_base64) {
  BOOST_TEST(OutcomeCode(200) == "0");
  BOOST_TEST(OutcomeCode(304) == "0");
  BOOST_TEST(OutcomeCode(400) == "4");
  BOOST_TEST(OutcomeCode(499) == "4");
  BOOST_TEST(OutcomeCode(500) == "8");
  BOOST_TEST(Base64Encode("") == "");
  BOOST_TEST(Base64Encode("f") == "Zg==");
  BOOST_TEST(Base64Encode("fo") == "Zm8=");
  BOOST_TEST(Base64Encode("foo") == "Zm9v");
  BOOST_TEST(Base64Encode("\xfb\xff\xbf") == "+/+/");
  BOOST_TEST(Base64Encode("a=1&b=<script>") == "YT0xJmI9PHNjcmlwdD4=");
}

BOOST_AUTO_TEST_CASE(defaults_without_a_server_name) {
  AuditRecord r;
  r.recorded = "2025-06-01T12:00:00Z";
  json::Value e = MakeAuditEvent(r);
  BOOST_TEST(S(Get(Get(e, "source"), "observer").Find("display")) == "fhir-gateway");
  BOOST_TEST(e.Find("entity") == nullptr);
  BOOST_TEST(ValidationErrors(e) == 0u, json::Write(e));
}

}  // namespace
}  // namespace gw::audit
