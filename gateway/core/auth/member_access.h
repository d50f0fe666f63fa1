// MemberAccess: which plan members (Patient ids) one client may touch, and the read/write
// decisions for resources of the Patient compartment (patient_compartment.h gives a resource's
// members).
//
// Sources, fetched by the caller before BuildMemberAccess():
//  * the client's policy (configuration): its kind and whether it may see every member;
//  * attribution lists, FHIR Group resources in the Da Vinci ATR style, found with
//      Group?identifier=urn:fhir-gateway:attribution-client|<client_id>
//    A Group counts when it carries that identifier (system kAttributionClientSystem, value =
//    the client id), type = "person", actual = true and active is not false. Its members are
//    Group.member.entity references to Patients ("Patient/123", absolute URLs ending in
//    "Patient/123"), except members with inactive = true or whose period does not cover `now_ms`
//    (ended, or not started yet). Other Groups given are ignored.
//  * provider-access opt-outs, FHIR Consent resources found with
//      Consent?category=urn:fhir-gateway:consent-category|provider-access-opt-out&status=active
//    A Consent counts when status = "active", provision.type = "deny", a category has the coding
//    kConsentCategorySystem|kProviderAccessOptOutCode, and patient references a Patient. (An
//    opt-out is withdrawn by making the Consent inactive; provision.period is not read.)
//
// Decisions (a member is *permitted* when the client may see every member or the member is
// attributed to it, and, for provider clients, the member has not opted out):
//  * MayRead: a resource outside the compartment (nullopt) → true; a compartment resource → true
//    when at least one of its members is permitted; a compartment resource without members →
//    only for all-member clients.
//  * MayWrite: every member of the current stored version (`before`, nullopt when there is none
//    or the type is outside the compartment) and of the new version (`after`, nullopt for a
//    delete or a type outside the compartment) must be permitted, so a write can neither move a
//    resource to, nor take it from, a member the client may not touch; a compartment version
//    without members needs an all-member client.
// Thread safety: plain value; const methods are safe to call concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>

#include "gateway/core/json/value.h"

namespace gw::auth {

inline constexpr std::string_view kAttributionClientSystem = "urn:fhir-gateway:attribution-client";
inline constexpr std::string_view kConsentCategorySystem = "urn:fhir-gateway:consent-category";
inline constexpr std::string_view kProviderAccessOptOutCode = "provider-access-opt-out";

// How a client is treated (from configuration).
struct ClientPolicy {
  enum Kind { kProvider, kPayer, kPartner, kInternal };
  Kind kind = kProvider;
  bool all_members = false;  // may see every member (still subject to opt-outs if a provider)
};

struct MemberAccess {
  bool all_members = false;
  std::set<std::string> members;    // attributed Patient ids
  std::set<std::string> opted_out;  // Patient ids with an active provider-access opt-out
  bool provider_client = false;

  // True when `patient_id` is permitted (see above).
  bool Permits(const std::string& patient_id) const;
  bool MayRead(const std::optional<std::set<std::string>>& resource_members) const;
  bool MayWrite(const std::optional<std::set<std::string>>& before,
                const std::optional<std::set<std::string>>& after) const;
};

// `now_ms` (milliseconds since the epoch) decides which attribution periods are current.
MemberAccess BuildMemberAccess(std::string_view client_id, const ClientPolicy& policy,
                               std::span<const json::Value* const> attribution_groups,
                               std::span<const json::Value* const> consents, std::int64_t now_ms);

// The Patient id of a reference text ("Patient/123", "Patient/123/_history/1",
// "https://x.org/fhir/Patient/123"); nullopt for anything else.
std::optional<std::string> PatientIdOf(std::string_view reference);

}  // namespace gw::auth
