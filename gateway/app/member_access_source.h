// MemberAccessSource: the MemberAccess (member_access.h) of a client, built from the
// attribution Groups and provider-access opt-out Consents in the store, cached per client for a
// short time (a change of attribution or opt-out takes effect within `ttl_ms`).
// For() returns null when the client is not limited at all (all members and not a provider
// client, so opt-outs do not apply to it).
// Errors: the store could not be searched (the caller answers 503, never "allowed").
// Thread safety: For() may be called concurrently. The store and clock must outlive it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "gateway/core/auth/member_access.h"
#include "gateway/core/base/status.h"
#include "gateway/core/config/server_config.h"
#include "gateway/ports/clock.h"
#include "gateway/ports/resource_store.h"

namespace gw::app {

class MemberAccessSource {
 public:
  MemberAccessSource(ports::ResourceStore& store, const ports::Clock& clock,
                     std::int64_t ttl_ms = 10'000)
      : store_(store), clock_(clock), ttl_ms_(ttl_ms) {}

  Result<std::shared_ptr<const auth::MemberAccess>> For(const config::ClientConfig& client);

 private:
  struct Cached {
    std::int64_t built_ms = 0;
    std::shared_ptr<const auth::MemberAccess> access;
  };

  ports::ResourceStore& store_;
  const ports::Clock& clock_;
  std::int64_t ttl_ms_;
  std::mutex mu_;
  std::map<std::string, Cached, std::less<>> cache_;
};

}  // namespace gw::app
