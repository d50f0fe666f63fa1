#include "gateway/shell/store/postgres_db.h"

#include <libpq-fe.h>

#include <charconv>
#include <chrono>

namespace gw::shell::pg {
namespace {

// Type OIDs of the integer types (fixed by PostgreSQL's catalog).
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;

// Prepared statements beyond this many are dropped all at once (statement texts are fixed, so
// this only bounds a misuse).
constexpr std::size_t kMaxPrepared = 256;
constexpr auto kAcquireTimeout = std::chrono::seconds(30);

Status Unavailable() { return IoError("database unavailable"); }

// Parameter texts of one call: strings point into `params`, integers into `numbers`.
class BoundParams {
 public:
  Status Bind(const std::vector<SqlValue>& params) {
    numbers_.reserve(params.size());
    for (const SqlValue& v : params) {
      if (const auto* s = std::get_if<std::string>(&v)) {
        if (s->find('\0') != std::string::npos) {
          return InvalidArgument("text with a NUL character");
        }
        pointers_.push_back(s->c_str());
      } else if (const auto* i = std::get_if<std::int64_t>(&v)) {
        numbers_.push_back(std::to_string(*i));
        pointers_.push_back(nullptr);  // filled below: numbers_ may still move
      } else {
        pointers_.push_back(nullptr);
      }
    }
    std::size_t k = 0;
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (std::holds_alternative<std::int64_t>(params[i])) pointers_[i] = numbers_[k++].c_str();
    }
    return Status::Ok();
  }
  int count() const { return static_cast<int>(pointers_.size()); }
  const char* const* values() const { return pointers_.data(); }

 private:
  std::vector<std::string> numbers_;
  std::vector<const char*> pointers_;
};

}  // namespace

// --- PgResult -------------------------------------------------------------------------------

void PgResult::Clear::operator()(pg_result* r) const { PQclear(r); }

int PgResult::rows() const { return r_ ? PQntuples(r_.get()) : 0; }
int PgResult::columns() const { return r_ ? PQnfields(r_.get()) : 0; }

bool PgResult::IsNull(int row, int column) const { return PQgetisnull(r_.get(), row, column) != 0; }

std::string_view PgResult::Text(int row, int column) const {
  return std::string_view(PQgetvalue(r_.get(), row, column),
                          static_cast<std::size_t>(PQgetlength(r_.get(), row, column)));
}

std::int64_t PgResult::Int(int row, int column) const {
  std::string_view t = Text(row, column);
  std::int64_t v = 0;
  auto r = std::from_chars(t.data(), t.data() + t.size(), v);
  return r.ec == std::errc() ? v : 0;
}

SqlValue PgResult::Value(int row, int column) const {
  if (IsNull(row, column)) return nullptr;
  const Oid type = PQftype(r_.get(), column);
  if (type == kInt8Oid || type == kInt4Oid || type == kInt2Oid) return Int(row, column);
  return std::string(Text(row, column));
}

// --- PgConnection ---------------------------------------------------------------------------

Result<std::unique_ptr<PgConnection>> PgConnection::Connect(const std::string& conninfo) {
  pg_conn* conn = PQconnectdb(conninfo.c_str());
  if (conn == nullptr) return Unavailable();
  std::unique_ptr<PgConnection> c(new PgConnection(conn));
  if (PQstatus(conn) != CONNECTION_OK) return IoError("cannot connect to the database");
  // Server notices ("relation ... already exists, skipping") are not for the gateway's output.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  const char* encoding = PQparameterStatus(conn, "server_encoding");
  const std::string_view enc = encoding != nullptr ? encoding : "";
  if (enc != "UTF8" && enc != "SQL_ASCII") {
    return Status(StatusCode::kFailedPrecondition, "the database must use the UTF8 encoding");
  }
  if (PQsetClientEncoding(conn, "UTF8") != 0) return Unavailable();
  return c;
}

PgConnection::~PgConnection() { PQfinish(conn_); }

bool PgConnection::Reusable() const {
  return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

Status PgConnection::Failure(pg_result* r) {
  const char* state = r != nullptr ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  last_sqlstate_ = state != nullptr ? state : "";
  if (r != nullptr) PQclear(r);
  if (PQstatus(conn_) != CONNECTION_OK) return Unavailable();
  return IoError("database error");
}

Status PgConnection::Exec(const std::string& sql) {
  pg_result* r = PQexec(conn_, sql.c_str());
  const ExecStatusType st = r != nullptr ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return Failure(r);
  PQclear(r);
  return Status::Ok();
}

Result<PgResult> PgConnection::Query(const std::string& sql, const std::vector<SqlValue>& params,
                                     bool cache) {
  BoundParams bound;
  GW_RETURN_IF_ERROR(bound.Bind(params));
  pg_result* r = nullptr;
  if (cache) {
    auto it = prepared_.find(sql);
    if (it == prepared_.end()) {
      if (prepared_.size() >= kMaxPrepared) {
        GW_RETURN_IF_ERROR(Exec("DEALLOCATE ALL"));
        prepared_.clear();
      }
      std::string name = "gw_" + std::to_string(prepared_.size() + 1);
      pg_result* p = PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr);
      if (p == nullptr || PQresultStatus(p) != PGRES_COMMAND_OK) return Failure(p);
      PQclear(p);
      it = prepared_.emplace(sql, std::move(name)).first;
    }
    r = PQexecPrepared(conn_, it->second.c_str(), bound.count(), bound.values(), nullptr, nullptr,
                       0);
  } else {
    r = PQexecParams(conn_, sql.c_str(), bound.count(), nullptr, bound.values(), nullptr, nullptr,
                     0);
  }
  const ExecStatusType st = r != nullptr ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return Failure(r);
  return PgResult(r);
}

// --- PgPool ---------------------------------------------------------------------------------

PgPool::PgPool(std::string conninfo, int size)
    : conninfo_(std::move(conninfo)), size_(size < 1 ? 1 : size) {}

PgPool::~PgPool() = default;

PgPool::Lease::~Lease() {
  if (c_ != nullptr) pool_->Release(std::move(c_));
}

Result<PgPool::Lease> PgPool::Acquire() {
  {
    std::unique_lock<std::mutex> lock(mu_);
    if (!freed_.wait_for(lock, kAcquireTimeout, [&] { return !idle_.empty() || open_ < size_; })) {
      return IoError("no database connection available");
    }
    if (!idle_.empty()) {
      std::unique_ptr<PgConnection> c = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(c));
    }
    ++open_;  // reserved; connected below without the lock
  }
  Result<std::unique_ptr<PgConnection>> c = PgConnection::Connect(conninfo_);
  if (!c.ok()) {
    std::lock_guard<std::mutex> lock(mu_);
    --open_;
    freed_.notify_one();
    return c.status();
  }
  return Lease(this, std::move(c).value());
}

void PgPool::Release(std::unique_ptr<PgConnection> c) {
  const bool keep = c->Reusable();
  if (!keep) c.reset();  // closes it outside the lock
  std::lock_guard<std::mutex> lock(mu_);
  if (keep) {
    idle_.push_back(std::move(c));
  } else {
    --open_;
  }
  freed_.notify_one();
}

// --- arrays ---------------------------------------------------------------------------------

std::string TextArray(const std::vector<std::string_view>& items) {
  std::string out = "{";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i != 0) out += ',';
    out += '"';
    for (char c : items[i]) {
      if (c == '\0') continue;
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

std::string IntArray(const std::vector<std::int64_t>& items) {
  std::string out = "{";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i != 0) out += ',';
    out += std::to_string(items[i]);
  }
  out += '}';
  return out;
}

}  // namespace gw::shell::pg
