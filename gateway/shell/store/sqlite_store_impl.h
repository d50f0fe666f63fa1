// Internals of SqliteResourceStore shared by sqlite_store.cc (open, reads, searches) and
// sqlite_store_write.cc (write transactions). Not part of the store's interface.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "gateway/core/search/index_entries.h"
#include "gateway/shell/store/current_version_cache.h"
#include "gateway/shell/store/sql_search.h"
#include "gateway/shell/store/sqlite_db.h"
#include "gateway/shell/store/sqlite_store.h"

namespace gw::shell {

// A write op checked and indexed before the write lock is taken.
struct PreparedWrite {
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

// Values shared by the ops of one write transaction.
struct WriteState {
  std::int64_t now_ms = 0;
  std::int64_t next_seq = 1;
  std::int64_t next_rid = 1;
};

// One row of a search page.
struct PageRow {
  ports::ResourceVersion version;
  std::int64_t rid = 0;
  std::vector<SqlValue> sort_values;
};

// The current row of a resource.
struct CurrentRow {
  std::int64_t rid = 0;
  std::int64_t version = 0;
  std::int64_t last_updated = 0;
  bool deleted = false;
};

// The flock() on PATH-lock (see SqliteStoreOptions::current_cache_bytes), released on close.
struct StoreFileLock {
  StoreFileLock() = default;
  StoreFileLock(const StoreFileLock&) = delete;
  StoreFileLock& operator=(const StoreFileLock&) = delete;
  ~StoreFileLock();
  int fd = -1;
};

struct SqliteResourceStore::Impl {
  StoreFileLock lock;  // first: released after the connections close
  SqliteStoreOptions options;
  std::unique_ptr<CurrentVersionCache> cache;  // null: reads always go to the database
  std::shared_ptr<const search::IndexExtractor> extractor;
  const ports::Clock* clock = nullptr;
  const ports::IdGenerator* ids = nullptr;
  SqliteOpenOptions open_options;

  std::mutex write_mu;
  std::unique_ptr<SqliteConnection> writer;
  std::int64_t last_write_ms = 0;  // under write_mu: lastUpdated never goes back

  std::mutex readers_mu;
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers;

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
  Status LoadParams();

  // After a write transaction: the cache forgets what it wrote (everything, on an error).
  void ForgetWritten(const std::vector<PreparedWrite>& ops,
                     const Result<ports::TransactionResult>& out);
  // The current version from the database (NotFound when there is none).
  Result<ports::ResourceVersion> ReadCurrent(std::string_view resource_type, std::string_view id);

  // Reader pool.
  Result<std::unique_ptr<SqliteConnection>> AcquireReader();
  void ReleaseReader(std::unique_ptr<SqliteConnection> c);

  // Writes (sqlite_store_write.cc).
  Result<PreparedWrite> Prepare(const ports::WriteOp& op) const;
  // Applies `ops` in one transaction; `await(i)` is called before op i is applied and returns
  // once it is prepared (its status: a failure aborts the transaction).
  Result<ports::TransactionResult> Write(std::vector<PreparedWrite>& ops,
                                         const std::function<Status(std::size_t)>& await);
  Result<ports::WriteResult> Apply(PreparedWrite& op, WriteState& state);
  Result<std::optional<CurrentRow>> FindCurrent(SqliteConnection& c, std::string_view type,
                                                std::string_view id);
  Status WriteVersion(const PreparedWrite& op, const std::optional<CurrentRow>& current,
                      bool deleted, WriteState& state, ports::ResourceVersion* out);
  Status DeleteIndex(std::int64_t rid);
  Status InsertIndex(std::int64_t rid, std::string_view type, const search::IndexEntries& e);

  // Rows of a page statement (shared by Search and conditional creates).
  Result<std::vector<PageRow>> RunPage(SqliteConnection& c, const SearchStatements& st,
                                       std::string_view type);
};

}  // namespace gw::shell
