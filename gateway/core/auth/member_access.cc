#include "gateway/core/auth/member_access.h"

#include "gateway/core/search/instant.h"
#include "gateway/core/search/reference_text.h"

namespace gw::auth {
namespace {

std::string_view Str(const json::Value* v) {
  return v != nullptr && v->is_string() ? v->string_value() : std::string_view();
}

bool IsTrue(const json::Value* v) { return v != nullptr && v->is_bool() && v->bool_value(); }
bool IsFalse(const json::Value* v) { return v != nullptr && v->is_bool() && !v->bool_value(); }

std::span<const json::Value> Items(const json::Value* v) {
  return v != nullptr && v->is_array() ? v->items() : std::span<const json::Value>();
}

std::optional<std::string> PatientOfReference(const json::Value* reference) {
  if (reference == nullptr) return std::nullopt;
  return PatientIdOf(Str(reference->Find("reference")));
}

bool AssignedTo(const json::Value& group, std::string_view client_id) {
  for (const json::Value& id : Items(group.Find("identifier"))) {
    if (Str(id.Find("system")) == kAttributionClientSystem && Str(id.Find("value")) == client_id) {
      return true;
    }
  }
  return false;
}

// A Period covers `now_ms` when its bounds that are given and readable include it; an
// unreadable bound counts as not covering (the member is left out rather than let in).
bool Covers(const json::Value* period, std::int64_t now_ms) {
  if (period == nullptr) return true;
  if (const json::Value* start = period->Find("start"); start != nullptr) {
    auto r = search::RangeOfText(Str(start));
    if (!r || r->low_ms > now_ms) return false;
  }
  if (const json::Value* end = period->Find("end"); end != nullptr) {
    auto r = search::RangeOfText(Str(end));
    if (!r || r->high_ms < now_ms) return false;
  }
  return true;
}

void AddAttributed(const json::Value& group, std::string_view client_id, std::int64_t now_ms,
                   std::set<std::string>* out) {
  if (Str(group.Find("resourceType")) != "Group" || !AssignedTo(group, client_id) ||
      Str(group.Find("type")) != "person" || !IsTrue(group.Find("actual")) ||
      IsFalse(group.Find("active"))) {
    return;
  }
  for (const json::Value& m : Items(group.Find("member"))) {
    if (IsTrue(m.Find("inactive")) || !Covers(m.Find("period"), now_ms)) continue;
    if (auto id = PatientOfReference(m.Find("entity"))) out->insert(std::move(*id));
  }
}

bool IsProviderOptOut(const json::Value& consent) {
  if (Str(consent.Find("resourceType")) != "Consent" || Str(consent.Find("status")) != "active") {
    return false;
  }
  const json::Value* provision = consent.Find("provision");
  if (provision == nullptr || Str(provision->Find("type")) != "deny") return false;
  for (const json::Value& category : Items(consent.Find("category"))) {
    for (const json::Value& c : Items(category.Find("coding"))) {
      if (Str(c.Find("system")) == kConsentCategorySystem &&
          Str(c.Find("code")) == kProviderAccessOptOutCode) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

std::optional<std::string> PatientIdOf(std::string_view reference) {
  auto is_patient = [](std::string_view t) { return t == "Patient"; };
  search::ParsedReference p = search::ParseReference(reference, is_patient);
  if ((p.kind != search::ParsedReference::Kind::kLocal &&
       p.kind != search::ParsedReference::Kind::kAbsolute) ||
      p.type != "Patient" || p.id.empty()) {
    return std::nullopt;
  }
  return std::string(p.id);
}

bool MemberAccess::Permits(const std::string& patient_id) const {
  if (!all_members && members.find(patient_id) == members.end()) return false;
  return !(provider_client && opted_out.find(patient_id) != opted_out.end());
}

bool MemberAccess::MayRead(const std::optional<std::set<std::string>>& resource_members) const {
  if (!resource_members) return true;
  if (resource_members->empty()) return all_members;
  for (const std::string& m : *resource_members) {
    if (Permits(m)) return true;
  }
  return false;
}

bool MemberAccess::MayWrite(const std::optional<std::set<std::string>>& before,
                            const std::optional<std::set<std::string>>& after) const {
  for (const auto* version : {&before, &after}) {
    if (!*version) continue;
    if ((*version)->empty() && !all_members) return false;
    for (const std::string& m : **version) {
      if (!Permits(m)) return false;
    }
  }
  return true;
}

MemberAccess BuildMemberAccess(std::string_view client_id, const ClientPolicy& policy,
                               std::span<const json::Value* const> attribution_groups,
                               std::span<const json::Value* const> consents, std::int64_t now_ms) {
  MemberAccess a;
  a.all_members = policy.all_members;
  a.provider_client = policy.kind == ClientPolicy::kProvider;
  if (!client_id.empty()) {
    for (const json::Value* g : attribution_groups) {
      if (g != nullptr) AddAttributed(*g, client_id, now_ms, &a.members);
    }
  }
  for (const json::Value* c : consents) {
    if (c == nullptr || !IsProviderOptOut(*c)) continue;
    if (auto id = PatientOfReference(c->Find("patient"))) a.opted_out.insert(std::move(*id));
  }
  return a;
}

}  // namespace gw::auth
