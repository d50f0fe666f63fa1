// Thin RAII wrappers over the SQLite C API for the store: a connection with a cache of prepared
// statements, and a statement with typed binding and reading.
//
// Errors are Status kIo carrying SQLite's error text (no SQL, no data values); SQLITE_BUSY after
// the busy timeout is reported the same way.
// Thread safety: a SqliteConnection (and its statements) is used by one thread at a time; the
// store hands connections out from pools.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "gateway/core/base/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace gw::shell {

// A value bound to or read from SQL.
using SqlValue = std::variant<std::nullptr_t, std::int64_t, std::string>;

class SqliteStatement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}

  // Resets the statement and clears its bindings (call before reuse).
  void Reset();
  // 1-based parameter index.
  void Bind(int index, std::int64_t v);
  void Bind(int index, std::string_view v);  // copied by SQLite (SQLITE_TRANSIENT)
  // Not copied: `v` must stay valid until the statement is reset (the caller steps it to the
  // end and resets it before the data goes away).
  void BindStatic(int index, std::string_view v);
  void BindNull(int index);
  void Bind(int index, const SqlValue& v);
  void BindAll(const std::vector<SqlValue>& values);  // indices 1..n

  // Steps once: true when a row is available, false when done. Errors: kIo.
  Result<bool> Step();
  // Steps to completion, ignoring rows. Errors: kIo.
  Status Run();

  std::int64_t Int(int column) const;
  std::string_view Text(int column) const;  // valid until the next Step/Reset
  bool IsNull(int column) const;
  SqlValue Value(int column) const;  // by the column's storage class (REAL reads as text)

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

// A prepared statement borrowed from a connection's cache; resets it (ending any read it holds
// open) when it goes out of scope.
class StatementRef {
 public:
  explicit StatementRef(SqliteStatement* s) : s_(s) {}
  StatementRef(StatementRef&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
  StatementRef& operator=(StatementRef&&) = delete;
  ~StatementRef() {
    if (s_ != nullptr) s_->Reset();
  }
  SqliteStatement* operator->() const { return s_; }
  SqliteStatement& operator*() const { return *s_; }

 private:
  SqliteStatement* s_;
};

struct SqliteOpenOptions {
  int busy_timeout_ms = 5000;
  bool read_only = false;
  bool synchronous_full = true;  // PRAGMA synchronous=FULL (else NORMAL)
  std::size_t max_cached_statements = 256;
  int cache_kib = 65536;  // page cache per connection (PRAGMA cache_size)
  // WAL pages before an automatic checkpoint copies them into the database file: large
  // transactions rewrite many index pages, and a page rewritten several times between two
  // checkpoints is copied once.
  int wal_autocheckpoint_pages = 8192;
  // The WAL file is truncated back to this size after a checkpoint.
  std::int64_t journal_size_limit_bytes = 64 << 20;
};

class SqliteConnection {
 public:
  // Opens (creating when allowed) the database file in WAL mode with the busy timeout.
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path,
                                                        const SqliteOpenOptions& options);
  ~SqliteConnection();
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  // Executes one or more statements without results.
  Status Exec(std::string_view sql);
  // A cached prepared statement for `sql` (reset and unbound). Statements beyond
  // max_cached_statements are dropped least-recently-used first; a StatementRef must not be
  // kept across another Prepare() call on the same connection.
  Result<StatementRef> Prepare(const std::string& sql);

  sqlite3* handle() const { return db_; }

 private:
  explicit SqliteConnection(sqlite3* db, std::size_t max_cached)
      : db_(db), max_cached_(max_cached) {}
  sqlite3* db_;
  std::size_t max_cached_;
  struct Cached {
    sqlite3_stmt* stmt;
    std::unique_ptr<SqliteStatement> wrapper;
    std::uint64_t used;
  };
  std::unordered_map<std::string, Cached> cache_;
  std::uint64_t clock_ = 0;
};

}  // namespace gw::shell
