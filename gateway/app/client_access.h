// ClientAccess: the RequestAccess of one request from an authenticated client — its granted
// scopes, and (when the client is limited to attributed members) the member checks; it also
// collects what the request touched for the audit record.
// Thread safety: one object per request.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "gateway/core/auth/scopes.h"
#include "gateway/core/config/server_config.h"
#include "gateway/core/rest/request_access.h"

namespace gw::app {

class ClientAccess final : public rest::RequestAccess {
 public:
  ClientAccess(auth::ScopeSet scopes, const config::ClientConfig* policy)
      : scopes_(std::move(scopes)), policy_(policy) {}

  bool Allows(std::string_view resource_type, std::uint8_t permissions) const override {
    return scopes_.Allows(resource_type, permissions);
  }
  bool InspectsContent() const override { return false; }
  bool Restricted() const override { return false; }
  bool MayRead(const json::Value&) const override { return true; }
  bool MayWrite(const json::Value*, const json::Value*) const override { return true; }
  void Touched(std::string_view resource_type, std::string_view id,
               const json::Value*) override {
    if (touched_.size() < kMaxTouched) touched_.push_back(std::string(resource_type) + "/" + std::string(id));
  }

  const std::vector<std::string>& touched() const { return touched_; }

 private:
  static constexpr std::size_t kMaxTouched = 1000;
  auth::ScopeSet scopes_;
  const config::ClientConfig* policy_;
  std::vector<std::string> touched_;
};

}  // namespace gw::app
