// Thin RAII wrappers over libpq for the PostgreSQL store: a connection with a cache of prepared
// statements, a query result, and a thread-safe pool of connections.
//
// Values travel in text format: SqlValue integers as decimal text, strings as they are, null as
// SQL NULL. Integer columns (int2/int4/int8) read back as integers, everything else as text.
//
// Errors never carry SQL text, bound values, server messages or the connection string (they may
// reach clients): kIo "database unavailable" (cannot connect, connection lost), kIo "database
// error" (a statement failed), kInvalidArgument (a string value with a NUL character, which
// PostgreSQL text cannot hold). The SQLSTATE of the last failure stays on the connection
// (last_sqlstate()) for callers that decide on it (retries, data exceptions).
// Thread safety: a PgConnection (and its results) is used by one thread at a time; PgPool is
// safe to use from any thread. Lifetimes: a PgPool must outlive its leases.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gateway/core/base/status.h"
#include "gateway/shell/store/sqlite_db.h"  // SqlValue

struct pg_conn;
struct pg_result;

namespace gw::shell::pg {

// SQLSTATEs the store decides on.
inline constexpr std::string_view kSerializationFailure = "40001";
inline constexpr std::string_view kDeadlockDetected = "40P01";

class PgResult {
 public:
  PgResult() = default;
  explicit PgResult(pg_result* r) : r_(r) {}

  int rows() const;
  int columns() const;
  bool IsNull(int row, int column) const;
  std::string_view Text(int row, int column) const;  // valid while the result lives
  std::int64_t Int(int row, int column) const;       // 0 when null or not an integer
  SqlValue Value(int row, int column) const;         // by the column's type (see above)

 private:
  struct Clear {
    void operator()(pg_result* r) const;
  };
  std::unique_ptr<pg_result, Clear> r_;
};

class PgConnection {
 public:
  // Connects with a libpq connection string or URI and checks that the server speaks UTF-8
  // (server_encoding UTF8 or SQL_ASCII). Errors: kIo (cannot connect), kFailedPrecondition
  // (another server encoding).
  static Result<std::unique_ptr<PgConnection>> Connect(const std::string& conninfo);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs one statement with "$N" placeholders bound to `params`. `cache`: prepare it once on
  // this connection and reuse it (for fixed statement texts; dynamic ones pass false).
  Result<PgResult> Query(const std::string& sql, const std::vector<SqlValue>& params = {},
                         bool cache = true);
  // Runs statements without parameters or results (simple protocol; several allowed).
  Status Exec(const std::string& sql);

  // The SQLSTATE of the last failure ("" when none or the connection failed).
  const std::string& last_sqlstate() const { return last_sqlstate_; }
  // Connected and outside any transaction: fit to go back to a pool.
  bool Reusable() const;

 private:
  explicit PgConnection(pg_conn* conn) : conn_(conn) {}
  Status Failure(pg_result* r);

  pg_conn* conn_;
  std::unordered_map<std::string, std::string> prepared_;  // statement text → name
  std::string last_sqlstate_;
};

class PgPool {
 public:
  // At most `size` connections (at least 1), opened on demand.
  PgPool(std::string conninfo, int size);
  ~PgPool();

  // A connection lent to one caller; returned to the pool (or closed, when it is broken or
  // left inside a transaction) when the lease ends.
  class Lease {
   public:
    Lease(PgPool* pool, std::unique_ptr<PgConnection> c) : pool_(pool), c_(std::move(c)) {}
    Lease(Lease&& o) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    PgConnection& operator*() const { return *c_; }
    PgConnection* operator->() const { return c_.get(); }

   private:
    PgPool* pool_;
    std::unique_ptr<PgConnection> c_;
  };

  // Waits up to 30 s for a free connection. Errors: kIo (cannot connect, none free in time),
  // kFailedPrecondition (see PgConnection::Connect).
  Result<Lease> Acquire();

 private:
  void Release(std::unique_ptr<PgConnection> c);

  const std::string conninfo_;
  const int size_;
  std::mutex mu_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
  int open_ = 0;  // connections lent or idle
};

// A PostgreSQL array literal ("{...}") of text or bigint elements, for "$N::text[]" /
// "$N::bigint[]" parameters. NUL characters are dropped (PostgreSQL text cannot hold them).
std::string TextArray(const std::vector<std::string_view>& items);
std::string IntArray(const std::vector<std::int64_t>& items);

}  // namespace gw::shell::pg
