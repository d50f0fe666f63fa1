// ClientAccess: the RequestAccess of one request from an authenticated client — its granted
// scopes, and, when the client is limited (attributed members only, or a provider client to
// whom members' opt-outs apply), the member checks of MemberAccess over the Patient
// compartment. It also collects what the request touched (resources and the members they belong
// to) for the audit record.
// Thread safety: one object per request. The compartment and policy must outlive it.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "gateway/core/auth/member_access.h"
#include "gateway/core/auth/patient_compartment.h"
#include "gateway/core/auth/scopes.h"
#include "gateway/core/rest/request_access.h"

namespace gw::app {

class ClientAccess final : public rest::RequestAccess {
 public:
  // `members` null: the client sees every member. `reads_audit`: the client may read the
  // access log (AuditEvent), which only the plan's internal clients may; for others AuditEvents
  // do not exist (403 on the type, left out of histories and includes).
  // Attribution lists (Groups identified with auth::kAttributionClientSystem) are readable by
  // the client they belong to and by internal clients only.
  ClientAccess(std::string client_id, auth::ScopeSet scopes,
               std::shared_ptr<const auth::MemberAccess> members,
               const auth::PatientCompartment* compartment, bool reads_audit)
      : client_id_(std::move(client_id)),
        scopes_(std::move(scopes)),
        members_(std::move(members)),
        compartment_(compartment),
        reads_audit_(reads_audit) {}

  bool Allows(std::string_view resource_type, std::uint8_t permissions) const override;
  bool InspectsContent() const override { return members_ != nullptr || !reads_audit_; }
  // reads_audit_ marks the plan's internal clients.
  bool Restricted() const override { return InspectsContent(); }
  bool MayRead(const json::Value& resource) const override;
  bool MayWrite(const json::Value* current, const json::Value* next) const override;
  void Touched(std::string_view resource_type, std::string_view id,
               const json::Value* resource) override;
  bool WantsTouchedContent() const override { return compartment_ != nullptr; }

  // What the request touched: "Type/id" (at most kMaxTouched) and member ids.
  const std::vector<std::string>& touched() const { return touched_; }
  const std::set<std::string>& patients() const { return patients_; }

 private:
  static constexpr std::size_t kMaxTouched = 1000;
  std::optional<std::set<std::string>> MembersOf(const json::Value* resource) const;
  bool IsOtherClientsAttribution(const json::Value& group) const;

  std::string client_id_;
  auth::ScopeSet scopes_;
  std::shared_ptr<const auth::MemberAccess> members_;
  const auth::PatientCompartment* compartment_;
  bool reads_audit_;
  std::vector<std::string> touched_;
  std::set<std::string> patients_;
};

}  // namespace gw::app
