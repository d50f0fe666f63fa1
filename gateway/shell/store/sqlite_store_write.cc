// SqliteResourceStore write path: checking and indexing ops before the lock, then one
// BEGIN IMMEDIATE transaction that applies every op or none.
#include <algorithm>
#include <limits>

#include "gateway/core/fhirpath/navigation.h"
#include "gateway/core/search/reference_text.h"
#include "gateway/core/store/resource_stamp.h"
#include "gateway/shell/store/sqlite_store_impl.h"

namespace gw::shell {
namespace {

using ports::WriteOutcome;

std::string_view TypeOf(const json::Value* resource) {
  return resource != nullptr && resource->is_object() ? fhirpath::ResourceTypeOf(*resource)
                                                      : std::string_view();
}

Status CheckId(std::string_view id) {
  if (!search::IsFhirId(id)) return InvalidArgument("invalid resource id");
  return Status::Ok();
}

// Current-version metadata only (no text), for conflict outcomes.
ports::ResourceVersion Meta(std::string_view type, std::string_view id, const CurrentRow& row) {
  ports::ResourceVersion v;
  v.resource_type = std::string(type);
  v.id = std::string(id);
  v.version_id = row.version;
  v.last_updated_ms = row.last_updated;
  v.deleted = row.deleted;
  return v;
}

class WriteTransaction {
 public:
  explicit WriteTransaction(SqliteConnection& c) : c_(c) {}
  Status Begin() {
    Status s = c_.Exec("BEGIN IMMEDIATE");
    open_ = s.ok();
    return s;
  }
  Status Commit() {
    Status s = c_.Exec("COMMIT");
    if (s.ok()) open_ = false;
    return s;
  }
  ~WriteTransaction() {
    if (open_) (void)c_.Exec("ROLLBACK");
  }

 private:
  SqliteConnection& c_;
  bool open_ = false;
};

Result<std::int64_t> SelectInt(SqliteConnection& c, const std::string& sql) {
  Result<StatementRef> st = c.Prepare(sql);
  if (!st.ok()) return st.status();
  Result<bool> row = st.value()->Step();
  if (!row.ok()) return row.status();
  return row.value() ? st.value()->Int(0) : 0;
}

}  // namespace

Result<PreparedWrite> SqliteResourceStore::Impl::Prepare(const ports::WriteOp& op) const {
  const search::SearchParamRegistry& reg = extractor->registry();
  PreparedWrite w;
  if (const auto* c = std::get_if<ports::CreateRequest>(&op)) {
    w.kind = PreparedWrite::Kind::kCreate;
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
    w.kind = PreparedWrite::Kind::kUpdate;
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
    w.kind = PreparedWrite::Kind::kDelete;
    w.type = d.resource_type;
    w.id = d.id;
    w.if_match = d.if_match;
    if (!reg.IsResourceType(w.type)) return InvalidArgument("unknown resource type");
    GW_RETURN_IF_ERROR(CheckId(w.id));
  }
  if (w.resource != nullptr) w.entries = extractor->Extract(*w.resource);
  return w;
}

Result<ports::TransactionResult> SqliteResourceStore::Impl::Write(
    std::vector<PreparedWrite>& ops, const std::function<Status(std::size_t)>& await) {
  std::lock_guard<std::mutex> lock(write_mu);
  WriteTransaction tx(*writer);
  GW_RETURN_IF_ERROR(tx.Begin());
  WriteState state;
  state.now_ms = std::max(clock->NowMillis(), last_write_ms);
  Result<std::int64_t> seq = SelectInt(*writer, "SELECT IFNULL(MAX(seq), 0) FROM version");
  if (!seq.ok()) return seq.status();
  Result<std::int64_t> rid = SelectInt(*writer, "SELECT IFNULL(MAX(rid), 0) FROM resource");
  if (!rid.ok()) return rid.status();
  state.next_seq = seq.value() + 1;
  state.next_rid = rid.value() + 1;

  ports::TransactionResult out;
  out.results.reserve(ops.size());
  for (std::size_t i = 0; i < ops.size(); ++i) {
    GW_RETURN_IF_ERROR(await(i));
    Result<ports::WriteResult> r = Apply(ops[i], state);
    if (!r.ok()) return r.status();
    const bool failed = ports::IsFailure(r.value().outcome);
    out.results.push_back(std::move(r).value());
    if (failed) {
      out.failed_index = i;
      return out;  // ~WriteTransaction rolls back
    }
  }
  GW_RETURN_IF_ERROR(tx.Commit());
  last_write_ms = state.now_ms;
  out.committed = true;
  return out;
}

Result<std::optional<CurrentRow>> SqliteResourceStore::Impl::FindCurrent(SqliteConnection& c,
                                                                         std::string_view type,
                                                                         std::string_view id) {
  Result<StatementRef> st = c.Prepare(
      "SELECT rid, version, last_updated, deleted FROM resource "
      "WHERE res_type = ?1 AND res_id = ?2");
  if (!st.ok()) return st.status();
  st.value()->Bind(1, type);
  st.value()->Bind(2, id);
  Result<bool> row = st.value()->Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return std::optional<CurrentRow>();
  CurrentRow r;
  r.rid = st.value()->Int(0);
  r.version = st.value()->Int(1);
  r.last_updated = st.value()->Int(2);
  r.deleted = st.value()->Int(3) != 0;
  return std::optional<CurrentRow>(r);
}

Result<ports::WriteResult> SqliteResourceStore::Impl::Apply(PreparedWrite& op, WriteState& state) {
  ports::WriteResult result;
  if (op.kind == PreparedWrite::Kind::kCreate && op.if_none_exist != nullptr) {
    search::SearchQuery q = *op.if_none_exist;
    q.sort.clear();
    Result<SearchStatements> st =
        sql->Page(q, std::nullopt, std::numeric_limits<std::int64_t>::max(), 2);
    if (!st.ok()) return st.status();
    Result<std::vector<PageRow>> rows = RunPage(*writer, st.value(), q.resource_type);
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
  Result<std::optional<CurrentRow>> current = FindCurrent(*writer, op.type, op.id);
  if (!current.ok()) return current.status();
  const std::optional<CurrentRow>& cur = current.value();
  switch (op.kind) {
    case PreparedWrite::Kind::kCreate:
      if (cur) {
        result.outcome = WriteOutcome::kIdTaken;
        result.version = Meta(op.type, op.id, *cur);
        return result;
      }
      result.outcome = WriteOutcome::kCreated;
      break;
    case PreparedWrite::Kind::kUpdate:
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
    case PreparedWrite::Kind::kDelete:
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
      WriteVersion(op, cur, op.kind == PreparedWrite::Kind::kDelete, state, &result.version));
  return result;
}

Status SqliteResourceStore::Impl::WriteVersion(const PreparedWrite& op,
                                               const std::optional<CurrentRow>& current,
                                               bool deleted, WriteState& state,
                                               ports::ResourceVersion* out) {
  const std::int64_t seq = state.next_seq++;
  const std::int64_t rid = current ? current->rid : state.next_rid++;
  out->resource_type = op.type;
  out->id = op.id;
  out->version_id = current ? current->version + 1 : 1;
  out->last_updated_ms = state.now_ms;
  out->deleted = deleted;
  out->json = deleted ? std::string()
                      : store::StampResource(*op.resource, op.id, out->version_id, state.now_ms);

  Result<StatementRef> v = writer->Prepare(
      "INSERT INTO version (seq, rid, version, last_updated, deleted, json) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!v.ok()) return v.status();
  v.value()->Bind(1, seq);
  v.value()->Bind(2, rid);
  v.value()->Bind(3, out->version_id);
  v.value()->Bind(4, state.now_ms);
  v.value()->Bind(5, std::int64_t{deleted ? 1 : 0});
  if (deleted) {
    v.value()->BindNull(6);
  } else {
    v.value()->BindStatic(6, std::string_view(out->json));
  }
  GW_RETURN_IF_ERROR(v.value()->Run());

  if (!current) {
    Result<StatementRef> r = writer->Prepare(
        "INSERT INTO resource (rid, res_type, res_id, version, seq, created_seq, last_updated, "
        "deleted) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, 0)");
    if (!r.ok()) return r.status();
    r.value()->Bind(1, rid);
    r.value()->Bind(2, std::string_view(op.type));
    r.value()->Bind(3, std::string_view(op.id));
    r.value()->Bind(4, out->version_id);
    r.value()->Bind(5, seq);
    r.value()->Bind(6, state.now_ms);
    GW_RETURN_IF_ERROR(r.value()->Run());
  } else {
    Result<StatementRef> r = writer->Prepare(
        "UPDATE resource SET version = ?1, seq = ?2, last_updated = ?3, deleted = ?4, "
        "created_seq = CASE WHEN deleted = 1 THEN ?2 ELSE created_seq END WHERE rid = ?5");
    if (!r.ok()) return r.status();
    r.value()->Bind(1, out->version_id);
    r.value()->Bind(2, seq);
    r.value()->Bind(3, state.now_ms);
    r.value()->Bind(4, std::int64_t{deleted ? 1 : 0});
    r.value()->Bind(5, rid);
    GW_RETURN_IF_ERROR(r.value()->Run());
    if (!current->deleted) GW_RETURN_IF_ERROR(DeleteIndex(rid));
  }
  if (!deleted) GW_RETURN_IF_ERROR(InsertIndex(rid, op.type, op.entries));
  return Status::Ok();
}

Status SqliteResourceStore::Impl::DeleteIndex(std::int64_t rid) {
  for (const char* table : {"idx_token", "idx_string", "idx_reference", "idx_date", "idx_number",
                            "idx_quantity", "idx_uri"}) {
    Result<StatementRef> st =
        writer->Prepare(std::string("DELETE FROM ") + table + " WHERE rid = ?1");
    if (!st.ok()) return st.status();
    st.value()->Bind(1, rid);
    GW_RETURN_IF_ERROR(st.value()->Run());
  }
  return Status::Ok();
}

namespace {

constexpr std::size_t kRowsPerInsert = 16;

// "INSERT INTO table VALUES (?, ...), ..." for `rows` rows of `columns` columns.
std::string MultiRowInsert(std::string_view table, int columns, std::size_t rows) {
  std::string row = "(";
  for (int i = 0; i < columns; ++i) row += i == 0 ? "?" : ",?";
  row += ")";
  std::string sql = "INSERT INTO " + std::string(table) + " VALUES ";
  for (std::size_t r = 0; r < rows; ++r) {
    if (r != 0) sql += ',';
    sql += row;
  }
  return sql;
}

// The statements of one index table for 1..kRowsPerInsert rows, built once.
class InsertTexts {
 public:
  InsertTexts(std::string_view table, int columns) {
    for (std::size_t n = 1; n <= kRowsPerInsert; ++n) {
      texts_.push_back(MultiRowInsert(table, columns, n));
    }
  }
  const std::string& For(std::size_t rows) const { return texts_[rows - 1]; }

 private:
  std::vector<std::string> texts_;
};

// Inserts one row per entry of `entries` (rid, pid, n, then the columns `bind` binds from its
// first parameter index), up to kRowsPerInsert rows per statement.
template <typename Entry, typename BindFn>
Status InsertRows(SqliteConnection& c, const char* table, int extra_columns, std::int64_t rid,
                  std::string_view type, const std::vector<Entry>& entries,
                  const SqliteResourceStore::Impl& impl, BindFn bind) {
  if (entries.empty()) return Status::Ok();
  struct Row {
    const Entry* entry;
    std::int64_t pid;
  };
  std::vector<Row> rows;
  rows.reserve(entries.size());
  for (const Entry& e : entries) {
    if (std::optional<std::int64_t> pid = impl.Pid(type, e.param)) rows.push_back({&e, *pid});
  }
  const int columns = 3 + extra_columns;
  // One per entry type; never destroyed, so a store used by a thread that outlives static
  // destruction at exit still finds it.
  static const InsertTexts& texts = *new InsertTexts(table, columns);
  std::int64_t n = 0;
  for (std::size_t start = 0; start < rows.size(); start += kRowsPerInsert) {
    const std::size_t count = std::min(kRowsPerInsert, rows.size() - start);
    Result<StatementRef> st = c.Prepare(texts.For(count));
    if (!st.ok()) return st.status();
    SqliteStatement& s = *st.value();
    for (std::size_t i = 0; i < count; ++i) {
      const int base = static_cast<int>(i) * columns + 1;
      s.Bind(base, rid);
      s.Bind(base + 1, rows[start + i].pid);
      s.Bind(base + 2, n++);
      bind(s, base + 3, *rows[start + i].entry);
    }
    GW_RETURN_IF_ERROR(s.Run());
  }
  return Status::Ok();
}

}  // namespace

Status SqliteResourceStore::Impl::InsertIndex(std::int64_t rid, std::string_view type,
                                              const search::IndexEntries& e) {
  // Entries outlive each statement's step: strings are bound without copying.
  SqliteConnection& c = *writer;
  using S = SqliteStatement;
  auto sv = [](const std::string& s) { return std::string_view(s); };
  GW_RETURN_IF_ERROR(InsertRows(c, "idx_token", 3, rid, type, e.tokens, *this,
                                [&](S& s, int o, const search::TokenEntry& t) {
                                  s.BindStatic(o, sv(t.system));
                                  s.BindStatic(o + 1, sv(t.code));
                                  s.BindStatic(o + 2, sv(t.text));
                                }));
  GW_RETURN_IF_ERROR(InsertRows(c, "idx_string", 2, rid, type, e.strings, *this,
                                [&](S& s, int o, const search::StringEntry& t) {
                                  s.BindStatic(o, sv(t.normalized));
                                  s.BindStatic(o + 1, sv(t.exact));
                                }));
  GW_RETURN_IF_ERROR(InsertRows(c, "idx_reference", 6, rid, type, e.references, *this,
                                [&](S& s, int o, const search::ReferenceEntry& t) {
                                  s.BindStatic(o, sv(t.target_type));
                                  s.BindStatic(o + 1, sv(t.target_id));
                                  s.BindStatic(o + 2, sv(t.version));
                                  s.BindStatic(o + 3, sv(t.url));
                                  s.BindStatic(o + 4, sv(t.identifier_system));
                                  s.BindStatic(o + 5, sv(t.identifier_value));
                                }));
  GW_RETURN_IF_ERROR(InsertRows(c, "idx_date", 3, rid, type, e.dates, *this,
                                [&](S& s, int o, const search::DateEntry& t) {
                                  s.Bind(o, t.low_ms);
                                  s.Bind(o + 1, t.high_ms);
                                  s.Bind(o + 2, static_cast<std::int64_t>(t.precision));
                                }));
  GW_RETURN_IF_ERROR(InsertRows(c, "idx_number", 2, rid, type, e.numbers, *this,
                                [&](S& s, int o, const search::NumberEntry& t) {
                                  s.BindStatic(o, sv(t.sort_key));
                                  s.BindStatic(o + 1, sv(t.value));
                                }));
  GW_RETURN_IF_ERROR(InsertRows(c, "idx_quantity", 8, rid, type, e.quantities, *this,
                                [&](S& s, int o, const search::QuantityEntry& t) {
                                  s.BindStatic(o, sv(t.sort_key));
                                  s.BindStatic(o + 1, sv(t.value));
                                  s.BindStatic(o + 2, sv(t.system));
                                  s.BindStatic(o + 3, sv(t.code));
                                  s.BindStatic(o + 4, sv(t.unit));
                                  s.BindStatic(o + 5, sv(t.canonical_unit));
                                  s.BindStatic(o + 6, sv(t.canonical_sort_key));
                                  s.BindStatic(o + 7, sv(t.canonical_value));
                                }));
  return InsertRows(c, "idx_uri", 1, rid, type, e.uris, *this,
                    [&](S& s, int o, const search::UriEntry& t) { s.BindStatic(o, sv(t.uri)); });
}

}  // namespace gw::shell
