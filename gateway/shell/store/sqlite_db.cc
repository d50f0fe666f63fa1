#include "gateway/shell/store/sqlite_db.h"

#include <sqlite3.h>

#include <mutex>

namespace gw::shell {
namespace {

Status SqlError(sqlite3* db, const char* what) {
  return IoError(std::string("sqlite ") + what + ": " +
                 (db != nullptr ? sqlite3_errmsg(db) : "out of memory"));
}

}  // namespace

void SqliteStatement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

void SqliteStatement::Bind(int index, std::int64_t v) { sqlite3_bind_int64(stmt_, index, v); }

void SqliteStatement::Bind(int index, std::string_view v) {
  sqlite3_bind_text64(stmt_, index, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void SqliteStatement::BindStatic(int index, std::string_view v) {
  sqlite3_bind_text64(stmt_, index, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
}

void SqliteStatement::BindNull(int index) { sqlite3_bind_null(stmt_, index); }

void SqliteStatement::Bind(int index, const SqlValue& v) {
  if (std::holds_alternative<std::int64_t>(v)) {
    Bind(index, std::get<std::int64_t>(v));
  } else if (std::holds_alternative<std::string>(v)) {
    Bind(index, std::string_view(std::get<std::string>(v)));
  } else {
    BindNull(index);
  }
}

void SqliteStatement::BindAll(const std::vector<SqlValue>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) Bind(static_cast<int>(i + 1), values[i]);
}

Result<bool> SqliteStatement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Status s = SqlError(db_, "step");
  sqlite3_reset(stmt_);
  return s;
}

Status SqliteStatement::Run() {
  while (true) {
    Result<bool> r = Step();
    if (!r.ok()) return r.status();
    if (!r.value()) return Status::Ok();
  }
}

std::int64_t SqliteStatement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string_view SqliteStatement::Text(int column) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (p == nullptr) return {};
  return {p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

bool SqliteStatement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

SqlValue SqliteStatement::Value(int column) const {
  switch (sqlite3_column_type(stmt_, column)) {
    case SQLITE_NULL:
      return nullptr;
    case SQLITE_INTEGER:
      return Int(column);
    default:
      return std::string(Text(column));
  }
}

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path,
                                                                 const SqliteOpenOptions& options) {
  // SQLite's memory statistics (on by default) take one process-wide mutex in every allocation:
  // with a connection per thread, the request threads and the audit threads queued on it. The
  // store does not read the statistics. Only possible before SQLite initializes itself.
  static std::once_flag configured;
  std::call_once(configured, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  sqlite3* db = nullptr;
  int flags =
      options.read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  flags |= SQLITE_OPEN_NOMUTEX;  // one thread per connection at a time (the pools ensure it)
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status s = SqlError(db, "open");
    sqlite3_close(db);
    return s;
  }
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  std::unique_ptr<SqliteConnection> c(new SqliteConnection(db, options.max_cached_statements));
  std::string pragmas = "PRAGMA foreign_keys=OFF; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-" +
                        std::to_string(options.cache_kib) + ";";
  pragmas += options.synchronous_full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;";
  if (!options.read_only) {
    pragmas += "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=" +
               std::to_string(options.wal_autocheckpoint_pages) +
               "; PRAGMA journal_size_limit=" + std::to_string(options.journal_size_limit_bytes) +
               ";";
  }
  GW_RETURN_IF_ERROR(c->Exec(pragmas));
  return c;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, c] : cache_) sqlite3_finalize(c.stmt);
  sqlite3_close_v2(db_);
}

Status SqliteConnection::Exec(std::string_view sql) {
  std::string text(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err != nullptr ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    return IoError("sqlite exec: " + msg);
  }
  return Status::Ok();
}

Result<StatementRef> SqliteConnection::Prepare(const std::string& sql) {
  ++clock_;
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    it->second.used = clock_;
    it->second.wrapper->Reset();
    return StatementRef(it->second.wrapper.get());
  }
  if (cache_.size() >= max_cached_) {
    auto oldest = cache_.begin();
    for (auto i = cache_.begin(); i != cache_.end(); ++i) {
      if (i->second.used < oldest->second.used) oldest = i;
    }
    sqlite3_finalize(oldest->second.stmt);
    cache_.erase(oldest);
  }
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return SqlError(db_, "prepare");
  auto wrapper = std::make_unique<SqliteStatement>(db_, stmt);
  SqliteStatement* out = wrapper.get();
  cache_.emplace(sql, Cached{stmt, std::move(wrapper), clock_});
  return StatementRef(out);
}

}  // namespace gw::shell
