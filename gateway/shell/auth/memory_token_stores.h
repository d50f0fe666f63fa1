// In-process implementations of the SMART token ports (ports/access_tokens.h) for a single
// gateway instance: MemoryReplayGuard and MemoryAccessTokenStore. Tokens are 256 random bits
// from OpenSSL's CSPRNG, base64url. Both forget expired entries and hold at most `capacity`
// live entries; when full they refuse (FirstUse → false, Issue → empty token) rather than grow.
// Thread safety: all methods are safe from any thread.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

#include "gateway/ports/access_tokens.h"

namespace gw::shell {

class MemoryReplayGuard final : public ports::ReplayGuard {
 public:
  explicit MemoryReplayGuard(std::size_t capacity = 1'000'000) : capacity_(capacity) {}
  bool FirstUse(std::string_view key, std::int64_t expires_at_ms, std::int64_t now_ms) override;

 private:
  std::mutex mu_;
  std::size_t capacity_;
  std::unordered_map<std::string, std::int64_t> seen_;
};

class MemoryAccessTokenStore final : public ports::AccessTokenStore {
 public:
  explicit MemoryAccessTokenStore(std::size_t capacity = 1'000'000) : capacity_(capacity) {}
  std::string Issue(const ports::AccessGrant& grant, std::int64_t now_ms) override;
  std::optional<ports::AccessGrant> Find(std::string_view token,
                                         std::int64_t now_ms) const override;

 private:
  mutable std::mutex mu_;
  std::size_t capacity_;
  std::unordered_map<std::string, ports::AccessGrant> tokens_;
};

}  // namespace gw::shell
