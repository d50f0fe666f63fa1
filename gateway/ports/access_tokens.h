// Ports of the SMART token service: the replay guard for client-assertion `jti`s and the store of
// issued access tokens. Several gateway instances share both when they share a database.
// Thread safety: implementations must be safe to call from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gw::ports {

class ReplayGuard {
 public:
  virtual ~ReplayGuard() = default;
  // Records `key` until `expires_at_ms`; false when it was already recorded and has not expired
  // (a replay). Expired records may be forgotten.
  virtual bool FirstUse(std::string_view key, std::int64_t expires_at_ms, std::int64_t now_ms) = 0;
};

struct AccessGrant {
  std::string client_id;
  std::string scope;  // granted scopes, space-separated
  std::int64_t expires_at_ms = 0;
};

class AccessTokenStore {
 public:
  virtual ~AccessTokenStore() = default;
  // A new unguessable token (at least 128 random bits) that maps to `grant`; empty when none
  // can be issued (store full or no randomness). Entries expired at `now_ms` may be forgotten.
  virtual std::string Issue(const AccessGrant& grant, std::int64_t now_ms) = 0;
  // The grant of a token that exists and has not expired at `now_ms`.
  virtual std::optional<AccessGrant> Find(std::string_view token, std::int64_t now_ms) const = 0;
};

}  // namespace gw::ports
