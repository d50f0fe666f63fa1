// Member-level access: interaction codes and scopes letters, attribution Groups and opt-out
// Consents turned into a MemberAccess, and the read/write matrix (provider, payer, all-member
// clients; opted-out members; resources without members; writes that move a resource).
#define BOOST_TEST_MODULE member_access_test
#include "gateway/core/auth/member_access.h"

#include <boost/test/unit_test.hpp>

#include "gateway/core/auth/interaction.h"
#include "gateway/core/auth/scopes.h"
#include "gateway/core/json/parse.h"

namespace gw::auth {
namespace {

using Members = std::optional<std::set<std::string>>;

constexpr std::int64_t kNow = 1'748'736'000'000;  // 2025-06-01T00:00:00Z

json::Value J(std::string_view text) { return json::Parse(text).value(); }

Members Set(std::initializer_list<const char*> ids) {
  std::set<std::string> s;
  for (const char* i : ids) s.insert(i);
  return s;
}

// --- Interaction ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(interaction_codes_and_permissions) {
  struct Row {
    Interaction i;
    std::string_view code;
    std::uint8_t permissions;
  };
  const Row rows[] = {
      {Interaction::kRead, "read", kRead},
      {Interaction::kVRead, "vread", kRead},
      {Interaction::kHistory, "history-instance", kRead},
      {Interaction::kSearch, "search-type", kSearch},
      {Interaction::kCreate, "create", kCreate},
      {Interaction::kUpdate, "update", kUpdate},
      {Interaction::kPatch, "patch", kUpdate},
      {Interaction::kDelete, "delete", kDelete},
      {Interaction::kOperation, "operation", kRead},
      {Interaction::kCapabilities, "capabilities", 0},
  };
  for (const Row& r : rows) {
    BOOST_TEST(RestfulInteractionCode(r.i) == r.code);
    BOOST_TEST(RequiredPermissions(r.i) == r.permissions);
    BOOST_TEST((InteractionFromCode(r.code) == r.i));
  }
  BOOST_TEST(RestfulInteractionCode(Interaction::kSearch, InteractionLevel::kSystem) ==
             "search-system");
  BOOST_TEST(RestfulInteractionCode(Interaction::kSearch, InteractionLevel::kInstance) ==
             "search-type");
  BOOST_TEST(RestfulInteractionCode(Interaction::kHistory, InteractionLevel::kType) ==
             "history-type");
  BOOST_TEST(RestfulInteractionCode(Interaction::kHistory, InteractionLevel::kSystem) ==
             "history-system");
  BOOST_TEST(RestfulInteractionCode(Interaction::kRead, InteractionLevel::kSystem) == "read");
  BOOST_TEST(!InteractionFromCode("transaction").has_value());
  BOOST_TEST(!InteractionFromCode("").has_value());
}

BOOST_AUTO_TEST_CASE(permissions_meet_scopes) {
  auto parsed = ParseScopes("system/Observation.rs system/Patient.cruds");
  BOOST_TEST_REQUIRE(parsed.ok());
  const ScopeSet& s = parsed->scopes;
  BOOST_TEST(s.Allows("Observation", RequiredPermissions(Interaction::kSearch)));
  BOOST_TEST(s.Allows("Observation", RequiredPermissions(Interaction::kVRead)));
  BOOST_TEST(!s.Allows("Observation", RequiredPermissions(Interaction::kPatch)));
  BOOST_TEST(s.Allows("Patient", RequiredPermissions(Interaction::kDelete)));
}

// --- PatientIdOf ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(patient_id_of_references) {
  BOOST_TEST(PatientIdOf("Patient/123").value() == "123");
  BOOST_TEST(PatientIdOf("Patient/123/_history/2").value() == "123");
  BOOST_TEST(PatientIdOf("https://plan.example.org/fhir/Patient/a-1").value() == "a-1");
  BOOST_TEST(!PatientIdOf("Practitioner/1").has_value());
  BOOST_TEST(!PatientIdOf("#p1").has_value());
  BOOST_TEST(!PatientIdOf("urn:uuid:8c4b5f4e-4c0e-4f52-9d3e-0c7a3b7f0b11").has_value());
  BOOST_TEST(!PatientIdOf("Patient/").has_value());
  BOOST_TEST(!PatientIdOf("Patient/a b").has_value());
  BOOST_TEST(!PatientIdOf("").has_value());
}

// --- BuildMemberAccess --------------------------------------------------------------------------

json::Value AttributionGroup(std::string_view client, std::string_view extra = "",
                             std::string_view members = "") {
  std::string text = R"({"resourceType":"Group","type":"person","actual":true,
      "identifier":[{"system":"urn:other","value":"x"},
        {"system":"urn:fhir-gateway:attribution-client","value":")" +
                     std::string(client) + "\"}]" + std::string(extra) + R"(,"member":[)" +
                     std::string(members) + "]}";
  return J(text);
}

constexpr std::string_view kMembers = R"(
  {"entity":{"reference":"Patient/p1"}},
  {"entity":{"reference":"Patient/p2"},"period":{"start":"2019-01-01","end":"2020-12-31"}},
  {"entity":{"reference":"Patient/p3"},"inactive":true},
  {"entity":{"reference":"Patient/p4"},"period":{"start":"2030-01-01"}},
  {"entity":{"reference":"https://plan.example.org/fhir/Patient/p5"},
   "period":{"start":"2025-01-01","end":"2025-06-01"}},
  {"entity":{"reference":"Patient/p6"}},
  {"entity":{"reference":"Practitioner/d1"}},
  {"entity":{"reference":"Patient/p8"},"period":{"end":"not a date"}})";

json::Value OptOut(std::string_view patient, std::string_view status = "active",
                   std::string_view type = "deny",
                   std::string_view code = "provider-access-opt-out") {
  std::string text = R"({"resourceType":"Consent","status":")" + std::string(status) +
                     R"(","scope":{"text":"x"},
      "category":[{"text":"other"},{"coding":[{"system":"urn:other","code":"y"},
        {"system":"urn:fhir-gateway:consent-category","code":")" +
                     std::string(code) + R"("}]}],
      "patient":{"reference":"Patient/)" +
                     std::string(patient) + R"("},"provision":{"type":")" + std::string(type) +
                     R"("}})";
  return J(text);
}

MemberAccess Build(std::string_view client, ClientPolicy policy) {
  static const json::Value groups[] = {
      AttributionGroup("prov-a", "", kMembers),
      AttributionGroup("prov-b", "", R"({"entity":{"reference":"Patient/p7"}})"),
      AttributionGroup("prov-a", R"(,"active":false)", R"({"entity":{"reference":"Patient/x1"}})"),
      J(R"({"resourceType":"Group","type":"person","actual":false,
        "identifier":[{"system":"urn:fhir-gateway:attribution-client","value":"prov-a"}],
        "member":[{"entity":{"reference":"Patient/x2"}}]})"),
      J(R"({"resourceType":"Group","type":"device","actual":true,
        "identifier":[{"system":"urn:fhir-gateway:attribution-client","value":"prov-a"}],
        "member":[{"entity":{"reference":"Patient/x3"}}]})"),
      J(R"({"resourceType":"Group","type":"person","actual":true,
        "identifier":[{"system":"urn:other","value":"prov-a"}],
        "member":[{"entity":{"reference":"Patient/x4"}}]})"),
      J(R"({"resourceType":"Patient","id":"x5"})"),
  };
  static const json::Value consents[] = {
      OptOut("p6"),
      OptOut("p1", "inactive"),
      OptOut("p1", "active", "permit"),
      OptOut("p1", "active", "deny", "something-else"),
      OptOut("p9"),
  };
  std::vector<const json::Value*> g, c;
  for (const json::Value& v : groups) g.push_back(&v);
  g.push_back(nullptr);
  for (const json::Value& v : consents) c.push_back(&v);
  return BuildMemberAccess(client, policy, g, c, kNow);
}

BOOST_AUTO_TEST_CASE(attribution_and_opt_outs) {
  MemberAccess a = Build("prov-a", {ClientPolicy::kProvider, false});
  BOOST_TEST(!a.all_members);
  BOOST_TEST(a.provider_client);
  // p2 ended, p3 inactive, p4 not started, p8 unreadable end; p5's period ends today (the whole
  // day counts).
  BOOST_TEST((a.members == std::set<std::string>{"p1", "p5", "p6"}));
  BOOST_TEST((a.opted_out == std::set<std::string>{"p6", "p9"}));

  MemberAccess b = Build("prov-b", {ClientPolicy::kProvider, false});
  BOOST_TEST((b.members == std::set<std::string>{"p7"}));

  MemberAccess nobody = Build("", {ClientPolicy::kPartner, false});
  BOOST_TEST(nobody.members.empty());
  BOOST_TEST(!nobody.provider_client);

  MemberAccess payer = Build("payer-1", {ClientPolicy::kPayer, true});
  BOOST_TEST(payer.all_members);
  BOOST_TEST(!payer.provider_client);
  BOOST_TEST(payer.members.empty());
}

BOOST_AUTO_TEST_CASE(period_end_is_inclusive_of_its_precision) {
  const json::Value g = AttributionGroup("c", "", R"(
      {"entity":{"reference":"Patient/a"},"period":{"end":"2025-05-31T23:59:59.999Z"}},
      {"entity":{"reference":"Patient/b"},"period":{"end":"2025-06"}},
      {"entity":{"reference":"Patient/c"},"period":{"start":"2025-06-01T00:00:00Z"}},
      {"entity":{"reference":"Patient/d"},"period":{"start":"2025-06-01T00:00:00.001Z"}})");
  const json::Value* groups[] = {&g};
  MemberAccess a = BuildMemberAccess("c", {ClientPolicy::kProvider, false}, groups, {}, kNow);
  BOOST_TEST((a.members == std::set<std::string>{"b", "c"}));
}

// --- Read matrix ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(read_matrix) {
  MemberAccess provider = Build("prov-a", {ClientPolicy::kProvider, false});
  MemberAccess provider_all = Build("prov-all", {ClientPolicy::kProvider, true});
  MemberAccess payer = Build("prov-a", {ClientPolicy::kPayer, false});
  MemberAccess payer_all = Build("payer-1", {ClientPolicy::kPayer, true});
  MemberAccess internal_all = Build("ops", {ClientPolicy::kInternal, true});
  MemberAccess partner = Build("prov-b", {ClientPolicy::kPartner, false});

  struct Row {
    Members resource;
    bool provider, provider_all, payer, payer_all, partner;
  };
  const Row rows[] = {
      // outside the compartment (Practitioner, Organization): everyone
      {std::nullopt, true, true, true, true, true},
      // attributed member
      {Set({"p1"}), true, true, true, true, false},
      // attributed, opted out of provider access: never to providers
      {Set({"p6"}), false, false, true, true, false},
      // opted out, not attributed to anyone
      {Set({"p9"}), false, false, false, true, false},
      // one permitted member is enough
      {Set({"p6", "p1"}), true, true, true, true, false},
      {Set({"p1", "p7"}), true, true, true, true, true},
      // ended / inactive / future attribution
      {Set({"p2"}), false, true, false, true, false},
      {Set({"p3"}), false, true, false, true, false},
      {Set({"p4"}), false, true, false, true, false},
      // another client's member
      {Set({"p7"}), false, true, false, true, true},
      // a compartment resource without members: only all-member clients
      {Set({}), false, true, false, true, false},
  };
  for (const Row& r : rows) {
    BOOST_TEST(provider.MayRead(r.resource) == r.provider);
    BOOST_TEST(provider_all.MayRead(r.resource) == r.provider_all);
    BOOST_TEST(payer.MayRead(r.resource) == r.payer);
    BOOST_TEST(payer_all.MayRead(r.resource) == r.payer_all);
    BOOST_TEST(internal_all.MayRead(r.resource) == r.payer_all);
    BOOST_TEST(partner.MayRead(r.resource) == r.partner);
  }
}

// --- Write matrix -----------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(write_matrix) {
  MemberAccess provider = Build("prov-a", {ClientPolicy::kProvider, false});
  MemberAccess payer_all = Build("payer-1", {ClientPolicy::kPayer, true});
  MemberAccess provider_all = Build("prov-all", {ClientPolicy::kProvider, true});
  const Members none = std::nullopt;

  // create
  BOOST_TEST(provider.MayWrite(none, Set({"p1"})));
  BOOST_TEST(!provider.MayWrite(none, Set({"p7"})));
  BOOST_TEST(!provider.MayWrite(none, Set({"p1", "p7"})));  // every member must be permitted
  BOOST_TEST(!provider.MayWrite(none, Set({})));            // an orphan
  BOOST_TEST(payer_all.MayWrite(none, Set({})));
  BOOST_TEST(provider.MayWrite(none, none));  // outside the compartment
  // update within one member
  BOOST_TEST(provider.MayWrite(Set({"p1"}), Set({"p1"})));
  BOOST_TEST(provider.MayWrite(Set({"p1"}), Set({"p1", "p5"})));
  // moving a resource to, or taking it from, a member the client may not touch
  BOOST_TEST(!provider.MayWrite(Set({"p1"}), Set({"p7"})));
  BOOST_TEST(!provider.MayWrite(Set({"p7"}), Set({"p1"})));
  BOOST_TEST(!provider.MayWrite(Set({"p1", "p7"}), Set({"p1"})));
  BOOST_TEST(payer_all.MayWrite(Set({"p1"}), Set({"p7"})));
  // making a member's resource an orphan, or adopting an orphan
  BOOST_TEST(!provider.MayWrite(Set({"p1"}), Set({})));
  BOOST_TEST(!provider.MayWrite(Set({}), Set({"p1"})));
  // delete
  BOOST_TEST(provider.MayWrite(Set({"p1"}), none));
  BOOST_TEST(!provider.MayWrite(Set({"p7"}), none));
  // an opted-out member's data is out of a provider's reach, even with all_members
  BOOST_TEST(!provider.MayWrite(Set({"p6"}), Set({"p6"})));
  BOOST_TEST(!provider_all.MayWrite(none, Set({"p6"})));
  BOOST_TEST(provider_all.MayWrite(none, Set({"p7"})));
  BOOST_TEST(payer_all.MayWrite(Set({"p6"}), Set({"p6"})));
}

}  // namespace
}  // namespace gw::auth
