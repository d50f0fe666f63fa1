// CurrentVersionCache: the current version of recently read resources, in memory, so that a
// read of a hot resource does not open a database transaction. Bounded by the bytes of the
// versions it holds; the least recently used go first.
//
// Coherence with writes (in this process; the store that uses it must be the only writer of its
// database, see SqliteStoreOptions::current_cache_bytes):
//   reader:  g = Generation(); read the database; Offer(g, version)
//   writer:  commit; Forget(keys written)  (or ForgetAll() when the outcome is unknown)
// Offer() keeps a version only when no Forget/ForgetAll happened since `g`, so a version read
// before a commit never outlives that commit's Forget; Forget runs before the writer answers, so
// whoever learned of a write reads what it wrote.
// Deletion markers are kept like versions; unknown resources are not cached.
// Thread safety: all methods may be called concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "gateway/ports/resource_store.h"

namespace gw::shell {

class CurrentVersionCache {
 public:
  explicit CurrentVersionCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}
  CurrentVersionCache(const CurrentVersionCache&) = delete;
  CurrentVersionCache& operator=(const CurrentVersionCache&) = delete;

  std::uint64_t Generation() const;
  std::optional<ports::ResourceVersion> Find(std::string_view type, std::string_view id);
  void Offer(std::uint64_t generation, const ports::ResourceVersion& version);
  void Forget(std::string_view type, std::string_view id);  // one key; see ForgetMany
  // Forgets every key `each` names: each(fn) calls fn(type, id) for each key, under one lock.
  template <typename Each>
  void ForgetMany(Each each);
  void ForgetAll();

  std::size_t bytes() const;
  std::size_t size() const;

 private:
  struct Entry {
    std::string key;
    ports::ResourceVersion version;
    std::size_t bytes = 0;
  };
  static std::string Key(std::string_view type, std::string_view id);
  void EraseLocked(const std::string& key);

  const std::size_t max_bytes_;
  mutable std::mutex mu_;
  std::uint64_t generation_ = 0;  // under mu_
  std::size_t bytes_ = 0;         // under mu_
  std::list<Entry> lru_;          // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

template <typename Each>
void CurrentVersionCache::ForgetMany(Each each) {
  std::lock_guard<std::mutex> lock(mu_);
  ++generation_;
  each([this](std::string_view type, std::string_view id) { EraseLocked(Key(type, id)); });
}

}  // namespace gw::shell
