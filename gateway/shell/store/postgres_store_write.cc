// PostgresResourceStore write path: checking and indexing ops before the transaction, then one
// READ COMMITTED transaction that applies every op or none, after taking transaction-scoped
// advisory locks:
//  * the bulk lock (kBulkLockKey), shared by ordinary transactions;
//  * then, ascending (no deadlock between two writers of the store), one lock per resource it
//    writes (a hash of type and id) and per conditional create's criteria (a hash of the
//    statement that evaluates them).
// A transaction that would need more than kMaxExactLocks of those takes the bulk lock
// exclusively and nothing else: it runs alone, and PostgreSQL's bounded lock table is never
// filled by one large bundle.
// Each statement of a READ COMMITTED transaction sees what was committed before it started, so
// once a lock is held, the data it guards is read as the previous holder left it.
#include <algorithm>
#include <thread>
#include <type_traits>

#include "gateway/core/fhirpath/navigation.h"
#include "gateway/core/search/reference_text.h"
#include "gateway/core/store/resource_stamp.h"
#include "gateway/shell/store/postgres_schema.h"
#include "gateway/shell/store/postgres_store_impl.h"

namespace gw::shell {
namespace {

using pg::PgConnection;
using pg::PgResult;
using pg::PreparedOp;
using ports::WriteOutcome;

// Transactions with at least this many ops index their resources on several threads.
constexpr std::size_t kParallelPrepareMin = 64;
// A transaction that would take more advisory locks than this takes the bulk lock exclusively
// instead: PostgreSQL's lock table is shared and bounded (max_locks_per_transaction).
constexpr std::size_t kMaxExactLocks = 256;
// Attempts of a transaction that PostgreSQL aborted for a deadlock or a serialisation failure.
constexpr int kMaxAttempts = 4;

std::string_view TypeOf(const json::Value* resource) {
  return resource != nullptr && resource->is_object() ? fhirpath::ResourceTypeOf(*resource)
                                                      : std::string_view();
}

Status CheckId(std::string_view id) {
  if (!search::IsFhirId(id)) return InvalidArgument("invalid resource id");
  return Status::Ok();
}

// Current-version metadata only (no text), for conflict outcomes.
ports::ResourceVersion Meta(std::string_view type, std::string_view id, const pg::CurrentRow& row) {
  ports::ResourceVersion v;
  v.resource_type = std::string(type);
  v.id = std::string(id);
  v.version_id = row.version;
  v.last_updated_ms = row.last_updated;
  v.deleted = row.deleted;
  return v;
}

// The identity of a conditional create's criteria: the statement that evaluates them and its
// values (type-tagged), so equal criteria give equal keys.
std::string CriteriaText(const SearchStatements& st) {
  std::string out = "criteria\n" + st.page_sql;
  for (const SqlValue& v : st.page_params.values) {
    if (const auto* s = std::get_if<std::string>(&v)) {
      out += "\ns" + std::to_string(s->size()) + ":" + *s;
    } else if (const auto* i = std::get_if<std::int64_t>(&v)) {
      out += "\ni" + std::to_string(*i);
    } else {
      out += "\nn";
    }
  }
  return out;
}

std::string ResourceText(std::string_view type, std::string_view id) {
  std::string out = "resource\n";
  out += type;
  out += '/';
  out += id;
  return out;
}

class WriteTransaction {
 public:
  explicit WriteTransaction(PgConnection& c) : c_(c) {}
  // Begins and takes the bulk lock: shared, or exclusive for a bulk transaction.
  Status Begin(bool bulk) {
    Status s = c_.Exec(std::string("BEGIN ISOLATION LEVEL READ COMMITTED; SELECT ") +
                       (bulk ? "pg_advisory_xact_lock(" : "pg_advisory_xact_lock_shared(") +
                       std::to_string(pg::kBulkLockKey) + ")");
    open_ = !c_.Reusable();  // inside a transaction (even a failed one) unless BEGIN failed
    return s;
  }
  Status Commit() {
    open_ = false;
    return c_.Exec("COMMIT");
  }
  ~WriteTransaction() {
    if (open_) (void)c_.Exec("ROLLBACK");
  }

 private:
  PgConnection& c_;
  bool open_ = false;
};

constexpr const char* kLockSql =
    "SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) WITH ORDINALITY AS u(k, i) "
    "ORDER BY i";

constexpr const char* kFindCurrentSql =
    "SELECT rid, version, last_updated, deleted FROM resource WHERE res_type = $1 AND res_id = $2";

constexpr const char* kInsertResourceSql =
    "WITH r AS (INSERT INTO resource (res_type, res_id, version, seq, created_xid, last_updated, "
    "deleted) VALUES ($1::text, $2::text, $3::bigint, nextval('version_seq'), "
    "pg_current_xact_id(), $4::bigint, 0) RETURNING rid, seq) "
    "INSERT INTO version (seq, rid, version, last_updated, deleted, json) "
    "SELECT r.seq, r.rid, $3::bigint, $4::bigint, 0, $5::text FROM r RETURNING rid";

// A new current version of an existing resource; a resource that comes back after a delete
// gets a new created_xid (it is new to the snapshots taken since).
constexpr const char* kUpdateResourceSql =
    "WITH r AS (UPDATE resource SET version = $2::bigint, seq = nextval('version_seq'), "
    "last_updated = $3::bigint, deleted = $4::smallint, "
    "created_xid = CASE WHEN deleted = 1 THEN pg_current_xact_id() ELSE created_xid END "
    "WHERE rid = $1::bigint RETURNING rid, seq) "
    "INSERT INTO version (seq, rid, version, last_updated, deleted, json) "
    "SELECT r.seq, r.rid, $2::bigint, $3::bigint, $4::smallint, $5::text FROM r RETURNING rid";

constexpr const char* kDeleteIndexSql =
    "WITH t AS (DELETE FROM idx_token WHERE rid = $1::bigint), "
    "s AS (DELETE FROM idx_string WHERE rid = $1::bigint), "
    "r AS (DELETE FROM idx_reference WHERE rid = $1::bigint), "
    "d AS (DELETE FROM idx_date WHERE rid = $1::bigint), "
    "n AS (DELETE FROM idx_number WHERE rid = $1::bigint), "
    "q AS (DELETE FROM idx_quantity WHERE rid = $1::bigint), "
    "u AS (DELETE FROM idx_uri WHERE rid = $1::bigint) SELECT 1";

// Every index row of one version in one statement: one array per column, n numbers the rows
// of each table.
constexpr const char* kInsertIndexSql =
    "WITH t AS (INSERT INTO idx_token (rid, pid, n, system, code, text) "
    "SELECT $1::bigint, u.pid, u.n, u.a, u.b, u.c "
    "FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[]) "
    "WITH ORDINALITY AS u(pid, a, b, c, n)), "
    "s AS (INSERT INTO idx_string (rid, pid, n, norm, exact) "
    "SELECT $1::bigint, u.pid, u.n, u.a, u.b "
    "FROM unnest($6::bigint[], $7::text[], $8::text[]) WITH ORDINALITY AS u(pid, a, b, n)), "
    "r AS (INSERT INTO idx_reference (rid, pid, n, target_type, target_id, version, url, "
    "ident_system, ident_value) SELECT $1::bigint, u.pid, u.n, u.a, u.b, u.c, u.d, u.e, u.f "
    "FROM unnest($9::bigint[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], "
    "$15::text[]) WITH ORDINALITY AS u(pid, a, b, c, d, e, f, n)), "
    "d AS (INSERT INTO idx_date (rid, pid, n, low, high, precision) "
    "SELECT $1::bigint, u.pid, u.n, u.a, u.b, u.c "
    "FROM unnest($16::bigint[], $17::bigint[], $18::bigint[], $19::bigint[]) "
    "WITH ORDINALITY AS u(pid, a, b, c, n)), "
    "m AS (INSERT INTO idx_number (rid, pid, n, key, value) "
    "SELECT $1::bigint, u.pid, u.n, u.a, u.b "
    "FROM unnest($20::bigint[], $21::text[], $22::text[]) WITH ORDINALITY AS u(pid, a, b, n)), "
    "q AS (INSERT INTO idx_quantity (rid, pid, n, key, value, system, code, unit, canon_unit, "
    "canon_key, canon_value) "
    "SELECT $1::bigint, u.pid, u.n, u.a, u.b, u.c, u.d, u.e, u.f, u.g, u.h "
    "FROM unnest($23::bigint[], $24::text[], $25::text[], $26::text[], $27::text[], $28::text[], "
    "$29::text[], $30::text[], $31::text[]) WITH ORDINALITY AS u(pid, a, b, c, d, e, f, g, h, n)), "
    "x AS (INSERT INTO idx_uri (rid, pid, n, uri) SELECT $1::bigint, u.pid, u.n, u.a "
    "FROM unnest($32::bigint[], $33::text[]) WITH ORDINALITY AS u(pid, a, n)) "
    "SELECT 1";

// The array parameters of one index table: the pids, then one text or bigint array per column.
template <typename Entry>
class Columns {
 public:
  Columns(const PostgresResourceStore::Impl& impl, std::string_view type,
          const std::vector<Entry>& entries) {
    for (const Entry& e : entries) {
      if (std::optional<std::int64_t> pid = impl.Pid(type, e.param)) {
        pids_.push_back(*pid);
        rows_.push_back(&e);
      }
    }
  }
  // Appends the pid array and then the arrays `columns` makes from the kept entries.
  template <typename... Getters>
  void AppendTo(std::vector<SqlValue>* params, Getters... columns) const {
    params->emplace_back(pg::IntArray(pids_));
    (params->emplace_back(Column(columns)), ...);
  }

 private:
  template <typename Getter>
  std::string Column(Getter get) const {
    using Value = decltype(get(*rows_.front()));
    if constexpr (std::is_integral_v<std::remove_cvref_t<Value>>) {
      std::vector<std::int64_t> v;
      for (const Entry* e : rows_) v.push_back(static_cast<std::int64_t>(get(*e)));
      return pg::IntArray(v);
    } else {
      std::vector<std::string_view> v;
      for (const Entry* e : rows_) v.emplace_back(get(*e));
      return pg::TextArray(v);
    }
  }

  std::vector<std::int64_t> pids_;
  std::vector<const Entry*> rows_;
};

}  // namespace

namespace pg {

std::int64_t LockKey(std::string_view text) {
  std::uint64_t h = 14695981039346656037ULL;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return static_cast<std::int64_t>(h);
}

}  // namespace pg

Result<PreparedOp> PostgresResourceStore::Impl::Prepare(const ports::WriteOp& op) const {
  const search::SearchParamRegistry& reg = extractor->registry();
  PreparedOp w;
  if (const auto* c = std::get_if<ports::CreateRequest>(&op)) {
    w.kind = PreparedOp::Kind::kCreate;
    w.resource = c->resource;
    w.type = std::string(TypeOf(c->resource));
    if (!reg.IsResourceType(w.type)) return InvalidArgument("not a resource of a known type");
    w.id = c->id.empty() ? ids->NewId() : c->id;
    GW_RETURN_IF_ERROR(CheckId(w.id));
    if (c->if_none_exist) {
      if (c->if_none_exist->resource_type != w.type) {
        return InvalidArgument("conditional create criteria of another resource type");
      }
      w.if_none_exist = &*c->if_none_exist;
    }
  } else if (const auto* u = std::get_if<ports::UpdateRequest>(&op)) {
    w.kind = PreparedOp::Kind::kUpdate;
    w.resource = u->resource;
    w.type = u->resource_type;
    w.id = u->id;
    w.if_match = u->if_match;
    w.allow_create = u->allow_create;
    if (TypeOf(u->resource) != w.type || !reg.IsResourceType(w.type)) {
      return InvalidArgument("resource type does not match the update");
    }
    GW_RETURN_IF_ERROR(CheckId(w.id));
    const json::Value* body_id = u->resource->Find("id");
    if (body_id != nullptr && (!body_id->is_string() || body_id->string_value() != w.id)) {
      return InvalidArgument("resource id does not match the update");
    }
  } else {
    const auto& d = std::get<ports::DeleteRequest>(op);
    w.kind = PreparedOp::Kind::kDelete;
    w.type = d.resource_type;
    w.id = d.id;
    w.if_match = d.if_match;
    if (!reg.IsResourceType(w.type)) return InvalidArgument("unknown resource type");
    GW_RETURN_IF_ERROR(CheckId(w.id));
  }
  if (w.resource != nullptr) w.entries = extractor->Extract(*w.resource);
  return w;
}

Result<std::vector<PreparedOp>> PostgresResourceStore::Impl::PrepareAll(
    std::span<const ports::WriteOp> ops) const {
  const std::size_t n = ops.size();
  std::vector<PreparedOp> prepared(n);
  std::vector<Status> statuses(n);
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next.fetch_add(1); i < n; i = next.fetch_add(1)) {
      Result<PreparedOp> p = Prepare(ops[i]);
      if (p.ok()) {
        prepared[i] = std::move(p).value();
      } else {
        statuses[i] = p.status();
      }
    }
  };
  if (n < kParallelPrepareMin) {
    work();
  } else {
    const std::size_t helpers =
        std::clamp<std::size_t>(std::thread::hardware_concurrency(), 2, 4) - 1;
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < helpers; ++t) threads.emplace_back(work);
    work();
    for (std::thread& t : threads) t.join();
  }
  for (const Status& s : statuses) {
    if (!s.ok()) return s;
  }
  return prepared;
}

Result<ports::TransactionResult> PostgresResourceStore::Impl::Write(
    const std::vector<PreparedOp>& ops) {
  std::vector<std::int64_t> keys;
  keys.reserve(ops.size());
  for (const PreparedOp& op : ops) {
    keys.push_back(pg::LockKey(ResourceText(op.type, op.id)));
    if (op.if_none_exist != nullptr) {
      search::SearchQuery q = *op.if_none_exist;
      q.sort.clear();
      Result<SearchStatements> st = sql->Page(q, std::nullopt, nullptr, 2);
      if (!st.ok()) return st.status();
      keys.push_back(pg::LockKey(CriteriaText(st.value())));
    }
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  if (keys.size() > kMaxExactLocks) keys.clear();  // bulk: the exclusive bulk lock covers all

  Result<pg::PgPool::Lease> lease = pool->Acquire();
  if (!lease.ok()) return lease.status();
  for (int attempt = 1;; ++attempt) {
    Result<ports::TransactionResult> r = WriteOnce(**lease, ops, keys);
    if (r.ok() || r.status().code() != StatusCode::kIo) return r;
    const std::string& state = (*lease)->last_sqlstate();
    if (state.starts_with("22")) {  // data exception: a value of the request was refused
      return InvalidArgument("a value of the resource was not accepted by the database");
    }
    const bool retry = state == pg::kDeadlockDetected || state == pg::kSerializationFailure;
    if (!retry || attempt == kMaxAttempts) return r;
  }
}

Result<ports::TransactionResult> PostgresResourceStore::Impl::WriteOnce(
    PgConnection& c, const std::vector<PreparedOp>& ops, const std::vector<std::int64_t>& keys) {
  WriteTransaction tx(c);
  GW_RETURN_IF_ERROR(tx.Begin(/*bulk=*/keys.empty()));
  if (!keys.empty()) {
    Result<PgResult> locked = c.Query(kLockSql, {pg::IntArray(keys)});
    if (!locked.ok()) return locked.status();
  }
  const std::int64_t now_ms = std::max(clock->NowMillis(), last_write_ms.load());

  ports::TransactionResult out;
  out.results.reserve(ops.size());
  for (std::size_t i = 0; i < ops.size(); ++i) {
    Result<ports::WriteResult> r = Apply(c, ops[i], now_ms);
    if (!r.ok()) return r.status();
    const bool failed = ports::IsFailure(r.value().outcome);
    out.results.push_back(std::move(r).value());
    if (failed) {
      out.failed_index = i;
      return out;  // ~WriteTransaction rolls back
    }
  }
  GW_RETURN_IF_ERROR(tx.Commit());
  std::int64_t seen = last_write_ms.load();
  while (seen < now_ms && !last_write_ms.compare_exchange_weak(seen, now_ms)) {
  }
  out.committed = true;
  return out;
}

Result<std::optional<pg::CurrentRow>> PostgresResourceStore::Impl::FindCurrent(
    PgConnection& c, std::string_view type, std::string_view id) {
  Result<PgResult> r = c.Query(kFindCurrentSql, {std::string(type), std::string(id)});
  if (!r.ok()) return r.status();
  if (r->rows() == 0) return std::optional<pg::CurrentRow>();
  pg::CurrentRow row;
  row.rid = r->Int(0, 0);
  row.version = r->Int(0, 1);
  row.last_updated = r->Int(0, 2);
  row.deleted = r->Int(0, 3) != 0;
  return std::optional<pg::CurrentRow>(row);
}

Result<ports::WriteResult> PostgresResourceStore::Impl::Apply(PgConnection& c, const PreparedOp& op,
                                                              std::int64_t now_ms) {
  ports::WriteResult result;
  if (op.kind == PreparedOp::Kind::kCreate && op.if_none_exist != nullptr) {
    // Under the criteria's lock: what an earlier create with these criteria committed is seen.
    search::SearchQuery q = *op.if_none_exist;
    q.sort.clear();
    Result<SearchStatements> st = sql->Page(q, std::nullopt, nullptr, 2);
    if (!st.ok()) return st.status();
    Result<std::vector<pg::PageRow>> rows = RunPage(c, st.value(), q.resource_type);
    if (!rows.ok()) return rows.status();
    if (rows->size() == 1) {
      result.outcome = WriteOutcome::kExisting;
      result.version = std::move(rows->front().version);
      return result;
    }
    if (rows->size() > 1) {
      result.outcome = WriteOutcome::kMultipleMatches;
      return result;
    }
  }
  Result<std::optional<pg::CurrentRow>> current = FindCurrent(c, op.type, op.id);
  if (!current.ok()) return current.status();
  const std::optional<pg::CurrentRow>& cur = current.value();
  switch (op.kind) {
    case PreparedOp::Kind::kCreate:
      if (cur) {
        result.outcome = WriteOutcome::kIdTaken;
        result.version = Meta(op.type, op.id, *cur);
        return result;
      }
      result.outcome = WriteOutcome::kCreated;
      break;
    case PreparedOp::Kind::kUpdate:
      if (op.if_match && (!cur || cur->version != *op.if_match)) {
        result.outcome = WriteOutcome::kVersionConflict;
        if (cur) result.version = Meta(op.type, op.id, *cur);
        return result;
      }
      if ((!cur || cur->deleted) && !op.allow_create) {
        result.outcome = WriteOutcome::kNotFound;
        return result;
      }
      result.outcome = !cur || cur->deleted ? WriteOutcome::kCreated : WriteOutcome::kUpdated;
      break;
    case PreparedOp::Kind::kDelete:
      if (cur && op.if_match && cur->version != *op.if_match) {
        result.outcome = WriteOutcome::kVersionConflict;
        result.version = Meta(op.type, op.id, *cur);
        return result;
      }
      if (!cur || cur->deleted) {
        result.outcome = WriteOutcome::kAlreadyDeleted;
        if (cur) result.version = Meta(op.type, op.id, *cur);
        return result;
      }
      result.outcome = WriteOutcome::kDeleted;
      break;
  }
  GW_RETURN_IF_ERROR(
      WriteVersion(c, op, cur, op.kind == PreparedOp::Kind::kDelete, now_ms, &result.version));
  return result;
}

Status PostgresResourceStore::Impl::WriteVersion(PgConnection& c, const PreparedOp& op,
                                                 const std::optional<pg::CurrentRow>& current,
                                                 bool deleted, std::int64_t now_ms,
                                                 ports::ResourceVersion* out) {
  out->resource_type = op.type;
  out->id = op.id;
  out->version_id = current ? current->version + 1 : 1;
  out->last_updated_ms = now_ms;
  out->deleted = deleted;
  out->json =
      deleted ? std::string() : store::StampResource(*op.resource, op.id, out->version_id, now_ms);
  const SqlValue json = deleted ? SqlValue(nullptr) : SqlValue(out->json);
  Result<PgResult> r =
      current ? c.Query(kUpdateResourceSql, {current->rid, out->version_id, now_ms,
                                             std::int64_t{deleted ? 1 : 0}, json})
              : c.Query(kInsertResourceSql, {op.type, op.id, out->version_id, now_ms, json});
  if (!r.ok()) return r.status();
  if (r->rows() != 1) return Internal("the version was not written");
  const std::int64_t rid = r->Int(0, 0);
  if (current && !current->deleted) {
    Result<PgResult> d = c.Query(kDeleteIndexSql, {rid});
    if (!d.ok()) return d.status();
  }
  if (!deleted && op.entries.size() > 0)
    GW_RETURN_IF_ERROR(InsertIndex(c, rid, op.type, op.entries));
  return Status::Ok();
}

Status PostgresResourceStore::Impl::InsertIndex(PgConnection& c, std::int64_t rid,
                                                std::string_view type,
                                                const search::IndexEntries& e) {
  std::vector<SqlValue> p;
  p.reserve(33);
  p.emplace_back(rid);
  using search::DateEntry;
  using search::NumberEntry;
  using search::QuantityEntry;
  using search::ReferenceEntry;
  using search::StringEntry;
  using search::TokenEntry;
  using search::UriEntry;
  Columns<TokenEntry>(*this, type, e.tokens)
      .AppendTo(
          &p, [](const TokenEntry& t) -> const std::string& { return t.system; },
          [](const TokenEntry& t) -> const std::string& { return t.code; },
          [](const TokenEntry& t) -> const std::string& { return t.text; });
  Columns<StringEntry>(*this, type, e.strings)
      .AppendTo(
          &p, [](const StringEntry& t) -> const std::string& { return t.normalized; },
          [](const StringEntry& t) -> const std::string& { return t.exact; });
  Columns<ReferenceEntry>(*this, type, e.references)
      .AppendTo(
          &p, [](const ReferenceEntry& t) -> const std::string& { return t.target_type; },
          [](const ReferenceEntry& t) -> const std::string& { return t.target_id; },
          [](const ReferenceEntry& t) -> const std::string& { return t.version; },
          [](const ReferenceEntry& t) -> const std::string& { return t.url; },
          [](const ReferenceEntry& t) -> const std::string& { return t.identifier_system; },
          [](const ReferenceEntry& t) -> const std::string& { return t.identifier_value; });
  Columns<DateEntry>(*this, type, e.dates)
      .AppendTo(
          &p, [](const DateEntry& t) { return t.low_ms; },
          [](const DateEntry& t) { return t.high_ms; },
          [](const DateEntry& t) { return static_cast<std::int64_t>(t.precision); });
  Columns<NumberEntry>(*this, type, e.numbers)
      .AppendTo(
          &p, [](const NumberEntry& t) -> const std::string& { return t.sort_key; },
          [](const NumberEntry& t) -> const std::string& { return t.value; });
  Columns<QuantityEntry>(*this, type, e.quantities)
      .AppendTo(
          &p, [](const QuantityEntry& t) -> const std::string& { return t.sort_key; },
          [](const QuantityEntry& t) -> const std::string& { return t.value; },
          [](const QuantityEntry& t) -> const std::string& { return t.system; },
          [](const QuantityEntry& t) -> const std::string& { return t.code; },
          [](const QuantityEntry& t) -> const std::string& { return t.unit; },
          [](const QuantityEntry& t) -> const std::string& { return t.canonical_unit; },
          [](const QuantityEntry& t) -> const std::string& { return t.canonical_sort_key; },
          [](const QuantityEntry& t) -> const std::string& { return t.canonical_value; });
  Columns<UriEntry>(*this, type, e.uris).AppendTo(&p, [](const UriEntry& t) -> const std::string& {
    return t.uri;
  });
  Result<PgResult> r = c.Query(kInsertIndexSql, p);
  return r.ok() ? Status::Ok() : r.status();
}

}  // namespace gw::shell
