#define BOOST_TEST_MODULE audit_record_codec
#include <boost/test/unit_test.hpp>

#include "gateway/core/audit/audit_event.h"
#include "gateway/core/audit/audit_record_codec.h"
#include "gateway/core/json/write.h"

namespace gw::audit {
namespace {

AuditRecord Full() {
  AuditRecord r;
  r.interaction = auth::Interaction::kSearch;
  r.level = auth::InteractionLevel::kType;
  r.recorded = "2026-12-03T10:00:00.123Z";
  r.http_status = 200;
  r.client_id = "ehr-1";
  r.client_address = "10.0.0.7";
  r.server_name = "gw";
  r.server_url = "https://gw.example/fhir";
  r.resource_type = "CarePlan";
  r.resource_id = "";
  r.patient_ids = {"p1", "p\"2"};
  r.query = "patient=p1&category=assess-plan&name=Mu\xc3\xb1oz";
  r.correlation_id = "req-9";
  return r;
}

BOOST_AUTO_TEST_CASE(round_trip_gives_the_same_audit_event) {
  for (AuditRecord r : {Full(), AuditRecord{}}) {
    if (r.recorded.empty()) r.recorded = "2026-01-01T00:00:00Z";
    std::string text = EncodeAuditRecord(r);
    auto back = DecodeAuditRecord(text);
    BOOST_REQUIRE(back.ok());
    BOOST_TEST(EncodeAuditRecord(*back) == text);
    BOOST_TEST(json::Write(MakeAuditEvent(*back)) == json::Write(MakeAuditEvent(r)));
  }
}

BOOST_AUTO_TEST_CASE(every_interaction_and_level_round_trips) {
  using auth::Interaction;
  for (Interaction i : {Interaction::kRead, Interaction::kVRead, Interaction::kSearch,
                        Interaction::kHistory, Interaction::kCreate, Interaction::kUpdate,
                        Interaction::kPatch, Interaction::kDelete, Interaction::kOperation,
                        Interaction::kCapabilities}) {
    for (auto level : {auth::InteractionLevel::kSystem, auth::InteractionLevel::kType,
                       auth::InteractionLevel::kInstance}) {
      AuditRecord r;
      r.interaction = i;
      r.level = level;
      auto back = DecodeAuditRecord(EncodeAuditRecord(r));
      BOOST_REQUIRE(back.ok());
      BOOST_TEST(static_cast<int>(back->interaction) == static_cast<int>(i));
      BOOST_TEST(static_cast<int>(*back->level) == static_cast<int>(level));
    }
  }
}

BOOST_AUTO_TEST_CASE(foreign_text_is_refused) {
  for (const char* text : {"", "[]", "{}", "{\"f\":2,\"i\":\"read\",\"s\":200}",
                           "{\"f\":1,\"i\":\"bogus\",\"s\":200}",
                           "{\"f\":1,\"i\":\"read\",\"s\":\"200\"}",
                           "{\"f\":1,\"i\":\"read\",\"s\":200,\"l\":\"galaxy\"}",
                           "{\"f\":1,\"i\":\"read\",\"s\":200,\"p\":[1]}",
                           "{\"f\":1,\"i\":\"read\",\"s\":200,\"c\":7}",
                           "{\"f\":1,\"i\":\"read\",\"s\":2e2}"}) {
    auto r = DecodeAuditRecord(text);
    BOOST_TEST(!r.ok(), text);
    if (!r.ok()) BOOST_TEST((r.status().code() == StatusCode::kInvalidArgument));
  }
}

}  // namespace
}  // namespace gw::audit
