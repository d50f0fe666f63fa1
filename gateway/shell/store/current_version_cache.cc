#include "gateway/shell/store/current_version_cache.h"

#include <utility>

namespace gw::shell {

std::string CurrentVersionCache::Key(std::string_view type, std::string_view id) {
  std::string key;
  key.reserve(type.size() + 1 + id.size());
  key.append(type).push_back('/');
  key.append(id);
  return key;
}

std::uint64_t CurrentVersionCache::Generation() const {
  std::lock_guard<std::mutex> lock(mu_);
  return generation_;
}

std::optional<ports::ResourceVersion> CurrentVersionCache::Find(std::string_view type,
                                                                std::string_view id) {
  std::string key = Key(type, id);
  std::lock_guard<std::mutex> lock(mu_);
  auto it = index_.find(key);
  if (it == index_.end()) return std::nullopt;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->version;
}

void CurrentVersionCache::Offer(std::uint64_t generation, const ports::ResourceVersion& version) {
  // Key, text and bookkeeping; a version larger than a quarter of the budget is not kept.
  std::size_t bytes =
      2 * (version.resource_type.size() + version.id.size()) + version.json.size() + 128;
  if (bytes > max_bytes_ / 4) return;
  std::string key = Key(version.resource_type, version.id);
  std::lock_guard<std::mutex> lock(mu_);
  if (generation != generation_) return;  // a write happened meanwhile: maybe stale
  EraseLocked(key);
  lru_.push_front(Entry{key, version, bytes});
  index_.emplace(std::move(key), lru_.begin());
  bytes_ += bytes;
  while (bytes_ > max_bytes_ && !lru_.empty()) {
    std::string oldest = lru_.back().key;
    EraseLocked(oldest);
  }
}

void CurrentVersionCache::Forget(std::string_view type, std::string_view id) {
  ForgetMany([&](auto&& fn) { fn(type, id); });
}

void CurrentVersionCache::ForgetAll() {
  std::lock_guard<std::mutex> lock(mu_);
  ++generation_;
  index_.clear();
  lru_.clear();
  bytes_ = 0;
}

void CurrentVersionCache::EraseLocked(const std::string& key) {
  auto it = index_.find(key);
  if (it == index_.end()) return;
  bytes_ -= it->second->bytes;
  lru_.erase(it->second);
  index_.erase(it);
}

std::size_t CurrentVersionCache::bytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return bytes_;
}

std::size_t CurrentVersionCache::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return index_.size();
}

}  // namespace gw::shell
