#include "gateway/shell/store/postgres_store.h"

#include <algorithm>
#include <limits>

#include "gateway/shell/store/postgres_cursor.h"
#include "gateway/shell/store/postgres_schema.h"
#include "gateway/shell/store/postgres_store_impl.h"

namespace gw::shell {
namespace {

using pg::PgConnection;
using pg::PgResult;

// A read-only transaction on one snapshot (REPEATABLE READ): every statement inside sees the
// same data. Ended (rolled back: nothing was written) when it goes out of scope.
class SnapshotTransaction {
 public:
  explicit SnapshotTransaction(PgConnection& c) : c_(c) {}
  Status Begin() {
    Status s = c_.Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    open_ = s.ok();
    return s;
  }
  ~SnapshotTransaction() {
    if (open_) (void)c_.Exec("ROLLBACK");
  }

 private:
  PgConnection& c_;
  bool open_ = false;
};

// A failed read or search: values the database refuses (SQLSTATE class 22, data exception:
// text that is not UTF-8, a cursor's snapshot out of range; or text with a NUL character,
// refused before it is sent) are the caller's; the rest is kIo.
Status ReadFailure(const PgConnection& c, const Status& s, Status refused) {
  if (s.code() == StatusCode::kInvalidArgument) return refused;
  if (s.code() == StatusCode::kIo && c.last_sqlstate().starts_with("22")) return refused;
  return s;
}

ports::ResourceVersion VersionFromRow(const PgResult& r, int row, int first_column,
                                      std::string_view type, std::string_view id) {
  ports::ResourceVersion v;
  v.resource_type = std::string(type);
  v.id = std::string(id);
  v.version_id = r.Int(row, first_column);
  v.last_updated_ms = r.Int(row, first_column + 1);
  v.deleted = r.Int(row, first_column + 2) != 0;
  v.json = std::string(r.Text(row, first_column + 3));
  return v;
}

std::int64_t Limit(std::size_t count, std::size_t max_page_size) {
  return static_cast<std::int64_t>(std::min(count, max_page_size));
}

}  // namespace

std::optional<std::int64_t> PostgresResourceStore::Impl::Pid(std::string_view type,
                                                             std::string_view code) const {
  auto t = pids.find(type);
  if (t == pids.end()) return std::nullopt;
  auto it = t->second.find(code);
  if (it == t->second.end()) return std::nullopt;
  return it->second;
}

Status PostgresResourceStore::Impl::LoadParams(PgConnection& c) {
  const std::string select = "SELECT pid, res_type, code FROM param";
  auto load = [&]() -> Status {
    Result<PgResult> r = c.Query(select, {}, /*cache=*/false);
    if (!r.ok()) return r.status();
    for (int i = 0; i < r->rows(); ++i) {
      pids[std::string(r->Text(i, 1))][std::string(r->Text(i, 2))] = r->Int(i, 0);
    }
    return Status::Ok();
  };
  GW_RETURN_IF_ERROR(load());
  const search::SearchParamRegistry& reg = extractor->registry();
  std::vector<std::string_view> types, codes;
  for (const std::string& type : reg.ResourceTypes()) {
    for (const search::SearchParam* p : reg.ParamsFor(type)) {
      if (p->storage != search::ParamStorage::kIndex || Pid(type, p->code)) continue;
      types.push_back(type);
      codes.push_back(p->code);
    }
  }
  if (types.empty()) return Status::Ok();
  // Instances starting together may insert the same rows: the first one wins.
  Result<PgResult> ins = c.Query(
      "INSERT INTO param (res_type, code) SELECT * FROM unnest($1::text[], $2::text[]) "
      "ON CONFLICT DO NOTHING",
      {pg::TextArray(types), pg::TextArray(codes)}, /*cache=*/false);
  if (!ins.ok()) return ins.status();
  return load();
}

Result<std::vector<pg::PageRow>> PostgresResourceStore::Impl::RunPage(PgConnection& c,
                                                                      const SearchStatements& st,
                                                                      std::string_view type) {
  Result<PgResult> r = c.Query(st.page_sql, st.page_params.values, /*cache=*/false);
  if (!r.ok()) return r.status();
  std::vector<pg::PageRow> rows;
  rows.reserve(static_cast<std::size_t>(r->rows()));
  for (int i = 0; i < r->rows(); ++i) {
    pg::PageRow row;
    row.rid = r->Int(i, 0);
    row.version.resource_type = std::string(type);
    row.version.id = std::string(r->Text(i, 1));
    row.version.version_id = r->Int(i, 2);
    row.version.last_updated_ms = r->Int(i, 3);
    row.version.json = std::string(r->Text(i, 4));
    for (std::size_t k = 0; k < st.sort_columns; ++k) {
      row.sort_values.push_back(r->Value(i, static_cast<int>(5 + k)));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// --- public -------------------------------------------------------------------------------

PostgresResourceStore::PostgresResourceStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PostgresResourceStore::~PostgresResourceStore() = default;

Result<std::unique_ptr<PostgresResourceStore>> PostgresResourceStore::Open(
    const PostgresStoreOptions& options, std::shared_ptr<const search::IndexExtractor> extractor,
    const ports::Clock& clock, const ports::IdGenerator& ids) {
  if (extractor == nullptr) {
    return InvalidArgument("the PostgreSQL store needs an index extractor");
  }
  if (options.pool_size < 1) {
    return InvalidArgument("the PostgreSQL store needs at least one connection");
  }
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->extractor = std::move(extractor);
  impl->clock = &clock;
  impl->ids = &ids;
  impl->pool = std::make_unique<pg::PgPool>(options.conninfo, options.pool_size);
  {
    Result<pg::PgPool::Lease> c = impl->pool->Acquire();
    if (!c.ok()) return c.status();
    GW_RETURN_IF_ERROR(pg::MigratePostgresSchema(**c));
    GW_RETURN_IF_ERROR(impl->LoadParams(**c));
  }
  Impl* raw = impl.get();
  impl->sql = std::make_unique<SearchSql>(
      impl->extractor->registry(),
      [raw](std::string_view type, std::string_view code) { return raw->Pid(type, code); },
      SqlDialect::kPostgres);
  return std::unique_ptr<PostgresResourceStore>(new PostgresResourceStore(std::move(impl)));
}

Result<ports::WriteResult> PostgresResourceStore::Create(const ports::CreateRequest& request) {
  ports::WriteOp op = request;
  Result<ports::TransactionResult> r = Transaction(std::span<const ports::WriteOp>(&op, 1));
  if (!r.ok()) return r.status();
  return std::move(r.value().results.front());
}

Result<ports::WriteResult> PostgresResourceStore::Update(const ports::UpdateRequest& request) {
  ports::WriteOp op = request;
  Result<ports::TransactionResult> r = Transaction(std::span<const ports::WriteOp>(&op, 1));
  if (!r.ok()) return r.status();
  return std::move(r.value().results.front());
}

Result<ports::WriteResult> PostgresResourceStore::Delete(const ports::DeleteRequest& request) {
  ports::WriteOp op = request;
  Result<ports::TransactionResult> r = Transaction(std::span<const ports::WriteOp>(&op, 1));
  if (!r.ok()) return r.status();
  return std::move(r.value().results.front());
}

Result<ports::TransactionResult> PostgresResourceStore::Transaction(
    std::span<const ports::WriteOp> ops) {
  if (ops.empty()) {
    ports::TransactionResult empty;
    empty.committed = true;
    return empty;
  }
  Result<std::vector<pg::PreparedOp>> prepared = impl_->PrepareAll(ops);
  if (!prepared.ok()) return prepared.status();
  return impl_->Write(prepared.value());
}

Result<ports::ResourceVersion> PostgresResourceStore::Read(std::string_view resource_type,
                                                           std::string_view id) {
  Result<pg::PgPool::Lease> c = impl_->pool->Acquire();
  if (!c.ok()) return c.status();
  Result<PgResult> r = (*c)->Query(
      "SELECT v.version, v.last_updated, v.deleted, v.json FROM resource r "
      "JOIN version v ON v.seq = r.seq WHERE r.res_type = $1 AND r.res_id = $2",
      {std::string(resource_type), std::string(id)});
  if (!r.ok()) return ReadFailure(**c, r.status(), NotFound("no such resource"));
  if (r->rows() == 0) return NotFound("no such resource");
  return VersionFromRow(r.value(), 0, 0, resource_type, id);
}

Result<ports::ResourceVersion> PostgresResourceStore::VRead(std::string_view resource_type,
                                                            std::string_view id,
                                                            std::int64_t version_id) {
  Result<pg::PgPool::Lease> c = impl_->pool->Acquire();
  if (!c.ok()) return c.status();
  Result<PgResult> r = (*c)->Query(
      "SELECT v.version, v.last_updated, v.deleted, v.json FROM resource r "
      "JOIN version v ON v.rid = r.rid "
      "WHERE r.res_type = $1 AND r.res_id = $2 AND v.version = $3",
      {std::string(resource_type), std::string(id), version_id});
  if (!r.ok()) return ReadFailure(**c, r.status(), NotFound("no such version"));
  if (r->rows() == 0) return NotFound("no such version");
  return VersionFromRow(r.value(), 0, 0, resource_type, id);
}

Result<ports::HistoryPage> PostgresResourceStore::History(const ports::HistoryQuery& query) {
  std::int64_t before = std::numeric_limits<std::int64_t>::max();
  if (!query.cursor.empty()) {
    Result<PageCursor> c = DecodeCursor(query.cursor);
    if (!c.ok() || !c->sort_values.empty()) return InvalidArgument("malformed history cursor");
    before = c->last_rid;
  }
  if (!query.id.empty() && query.resource_type.empty()) {
    return InvalidArgument("instance history needs a resource type");
  }
  Result<pg::PgPool::Lease> lease = impl_->pool->Acquire();
  if (!lease.ok()) return lease.status();
  PgConnection& c = **lease;
  SnapshotTransaction tx(c);
  GW_RETURN_IF_ERROR(tx.Begin());
  const Status refused = InvalidArgument("history query value not accepted by the database");

  SqlParams p;
  p.mark = '$';
  std::string where = "TRUE";
  if (!query.resource_type.empty()) where += " AND r.res_type = " + p.Add(query.resource_type);
  if (!query.id.empty()) where += " AND r.res_id = " + p.Add(query.id);
  if (query.since_ms) where += " AND v.last_updated >= " + p.Add(*query.since_ms);
  const std::string from = " FROM version v JOIN resource r ON r.rid = v.rid WHERE ";

  ports::HistoryPage page;
  if (!query.id.empty()) {
    Result<PgResult> exists = c.Query("SELECT 1 FROM resource WHERE res_type = $1 AND res_id = $2",
                                      {query.resource_type, query.id});
    if (!exists.ok()) return ReadFailure(c, exists.status(), NotFound("no such resource"));
    if (exists->rows() == 0) return NotFound("no such resource");
  }
  if (query.cursor.empty()) {
    Result<PgResult> count = c.Query("SELECT count(*)" + from + where, p.values);
    if (!count.ok()) return ReadFailure(c, count.status(), refused);
    page.total = count->Int(0, 0);
  }
  const std::int64_t limit = Limit(query.count, impl_->options.max_page_size);
  if (limit == 0) return page;
  const std::string sql =
      "SELECT v.seq, r.res_type, r.res_id, v.version, v.last_updated, v.deleted, v.json" + from +
      where + " AND v.seq < " + p.Add(before) + " ORDER BY v.seq DESC LIMIT " + p.Add(limit + 1);
  Result<PgResult> r = c.Query(sql, p.values);
  if (!r.ok()) return ReadFailure(c, r.status(), refused);
  for (int i = 0; i < r->rows(); ++i) {
    if (static_cast<std::int64_t>(page.versions.size()) == limit) {
      PageCursor next;
      next.last_rid = r->Int(i - 1, 0);
      page.next_cursor = EncodeCursor(next);
      break;
    }
    page.versions.push_back(VersionFromRow(r.value(), i, 3, r->Text(i, 1), r->Text(i, 2)));
  }
  return page;
}

Result<ports::SearchPage> PostgresResourceStore::Search(const search::SearchQuery& query) {
  std::optional<pg::PgPageCursor> cursor;
  if (!query.cursor.empty()) {
    Result<pg::PgPageCursor> c = pg::DecodePgCursor(query.cursor);
    if (!c.ok()) return c.status();
    cursor = std::move(c).value();
  }
  const std::int64_t limit = Limit(query.count, impl_->options.max_page_size);
  const SqlValue snapshot = cursor ? SqlValue(cursor->snapshot) : SqlValue(nullptr);
  Result<SearchStatements> st =
      impl_->sql->Page(query, cursor ? std::optional<PageCursor>(cursor->keyset) : std::nullopt,
                       snapshot, limit + 1);
  if (!st.ok()) return st.status();

  Result<pg::PgPool::Lease> lease = impl_->pool->Acquire();
  if (!lease.ok()) return lease.status();
  PgConnection& c = **lease;
  SnapshotTransaction tx(c);
  GW_RETURN_IF_ERROR(tx.Begin());
  const Status refused = InvalidArgument("search value not accepted by the database");

  ports::SearchPage page;
  if (query.total) {
    Result<PgResult> count = c.Query(st->count_sql, st->count_params.values, /*cache=*/false);
    if (!count.ok()) return ReadFailure(c, count.status(), refused);
    page.total = count->Int(0, 0);
  }
  if (limit == 0) return page;
  Result<std::vector<pg::PageRow>> rows = impl_->RunPage(c, st.value(), query.resource_type);
  if (!rows.ok()) return ReadFailure(c, rows.status(), refused);
  std::vector<pg::PageRow>& r = rows.value();
  if (static_cast<std::int64_t>(r.size()) > limit) {
    pg::PgPageCursor next;
    if (cursor) {
      next.snapshot = cursor->snapshot;
    } else {
      // The transaction's snapshot: the one every statement above read.
      Result<PgResult> snap = c.Query("SELECT pg_current_snapshot()::text");
      if (!snap.ok()) return snap.status();
      next.snapshot = std::string(snap->Text(0, 0));
    }
    const pg::PageRow& last = r[static_cast<std::size_t>(limit - 1)];
    next.keyset.last_rid = last.rid;
    next.keyset.sort_values = last.sort_values;
    page.next_cursor = pg::EncodePgCursor(next);
    r.resize(static_cast<std::size_t>(limit));
  }
  page.resources.reserve(r.size());
  for (pg::PageRow& row : r) page.resources.push_back(std::move(row.version));
  return page;
}

}  // namespace gw::shell
