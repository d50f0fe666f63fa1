#include "gateway/shell/auth/memory_token_stores.h"

#include <openssl/rand.h>

#include <iterator>

#include "gateway/core/base/base64.h"

namespace gw::shell {
namespace {

template <typename Map, typename Expiry>
void Prune(Map& map, std::int64_t now_ms, Expiry expiry) {
  for (auto it = map.begin(); it != map.end();) {
    it = expiry(it->second) <= now_ms ? map.erase(it) : std::next(it);
  }
}

}  // namespace

bool MemoryReplayGuard::FirstUse(std::string_view key, std::int64_t expires_at_ms,
                                 std::int64_t now_ms) {
  std::lock_guard lock(mu_);
  auto it = seen_.find(std::string(key));
  if (it != seen_.end() && it->second > now_ms) return false;
  if (seen_.size() >= capacity_) {
    Prune(seen_, now_ms, [](std::int64_t e) { return e; });
    if (seen_.size() >= capacity_) return false;
  }
  seen_.insert_or_assign(std::string(key), expires_at_ms);
  return true;
}

std::string MemoryAccessTokenStore::Issue(const ports::AccessGrant& grant, std::int64_t now_ms) {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return {};
  std::string token =
      Base64UrlEncode(std::string_view(reinterpret_cast<char*>(bytes), sizeof bytes));
  std::lock_guard lock(mu_);
  if (tokens_.size() >= capacity_) {
    Prune(tokens_, now_ms, [](const ports::AccessGrant& g) { return g.expires_at_ms; });
    if (tokens_.size() >= capacity_) return {};
  }
  tokens_.insert_or_assign(token, grant);
  return token;
}

std::optional<ports::AccessGrant> MemoryAccessTokenStore::Find(std::string_view token,
                                                               std::int64_t now_ms) const {
  std::lock_guard lock(mu_);
  auto it = tokens_.find(std::string(token));
  if (it == tokens_.end() || it->second.expires_at_ms <= now_ms) return std::nullopt;
  return it->second;
}

}  // namespace gw::shell
