// Internals of PostgresResourceStore shared by postgres_store.cc (open, reads, searches) and
// postgres_store_write.cc (write transactions). Not part of the store's interface.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "gateway/core/search/index_entries.h"
#include "gateway/shell/store/postgres_db.h"
#include "gateway/shell/store/postgres_store.h"
#include "gateway/shell/store/sql_search.h"

namespace gw::shell {
namespace pg {

// A write op checked and indexed before the transaction starts.
struct PreparedOp {
  enum class Kind { kCreate, kUpdate, kDelete };
  Kind kind = Kind::kCreate;
  const json::Value* resource = nullptr;
  std::string type;
  std::string id;
  std::optional<std::int64_t> if_match;
  bool allow_create = true;
  const search::SearchQuery* if_none_exist = nullptr;
  search::IndexEntries entries;
};

// The current row of a resource.
struct CurrentRow {
  std::int64_t rid = 0;
  std::int64_t version = 0;
  std::int64_t last_updated = 0;
  bool deleted = false;
};

// One row of a search page.
struct PageRow {
  ports::ResourceVersion version;
  std::int64_t rid = 0;
  std::vector<SqlValue> sort_values;
};

// A hash of text as an advisory lock key (64-bit FNV-1a).
std::int64_t LockKey(std::string_view text);

}  // namespace pg

struct PostgresResourceStore::Impl {
  PostgresStoreOptions options;
  std::shared_ptr<const search::IndexExtractor> extractor;
  const ports::Clock* clock = nullptr;
  const ports::IdGenerator* ids = nullptr;
  std::unique_ptr<pg::PgPool> pool;
  std::atomic<std::int64_t> last_write_ms{0};  // lastUpdated never goes back in this process

  // resource type → code → pid; filled at Open(), read-only afterwards.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  template <typename V>
  using TextMap = std::unordered_map<std::string, V, TextHash, std::equal_to<>>;
  TextMap<TextMap<std::int64_t>> pids;
  std::unique_ptr<SearchSql> sql;

  std::optional<std::int64_t> Pid(std::string_view type, std::string_view code) const;
  Status LoadParams(pg::PgConnection& c);

  // Writes (postgres_store_write.cc).
  Result<pg::PreparedOp> Prepare(const ports::WriteOp& op) const;
  Result<std::vector<pg::PreparedOp>> PrepareAll(std::span<const ports::WriteOp> ops) const;
  // Applies `ops` in one transaction (retried on deadlocks and serialisation failures).
  Result<ports::TransactionResult> Write(const std::vector<pg::PreparedOp>& ops);
  Result<ports::TransactionResult> WriteOnce(pg::PgConnection& c,
                                             const std::vector<pg::PreparedOp>& ops,
                                             const std::vector<std::int64_t>& lock_keys);
  Result<ports::WriteResult> Apply(pg::PgConnection& c, const pg::PreparedOp& op,
                                   std::int64_t now_ms);
  Result<std::optional<pg::CurrentRow>> FindCurrent(pg::PgConnection& c, std::string_view type,
                                                    std::string_view id);
  Status WriteVersion(pg::PgConnection& c, const pg::PreparedOp& op,
                      const std::optional<pg::CurrentRow>& current, bool deleted,
                      std::int64_t now_ms, ports::ResourceVersion* out);
  Status InsertIndex(pg::PgConnection& c, std::int64_t rid, std::string_view type,
                     const search::IndexEntries& e);

  // Rows of a page statement (shared by Search and conditional creates).
  Result<std::vector<pg::PageRow>> RunPage(pg::PgConnection& c, const SearchStatements& st,
                                           std::string_view type);
};

}  // namespace gw::shell
