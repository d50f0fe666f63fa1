#include "gateway/shell/store/sqlite_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <limits>
#include <optional>
#include <thread>

#include "gateway/shell/store/sqlite_schema.h"
#include "gateway/shell/store/sqlite_store_impl.h"

namespace gw::shell {
namespace {

// Transactions with at least this many ops index their resources on several threads.
constexpr std::size_t kParallelPrepareMin = 64;

// Returns a reader to the pool when it goes out of scope.
class ReaderLease {
 public:
  ReaderLease(SqliteResourceStore::Impl* impl, std::unique_ptr<SqliteConnection> c)
      : impl_(impl), c_(std::move(c)) {}
  ~ReaderLease() {
    if (c_ != nullptr) impl_->ReleaseReader(std::move(c_));
  }
  SqliteConnection& operator*() const { return *c_; }
  SqliteConnection* operator->() const { return c_.get(); }

 private:
  SqliteResourceStore::Impl* impl_;
  std::unique_ptr<SqliteConnection> c_;
};

// A read transaction on a reader connection: every statement inside sees one snapshot.
class ReadTransaction {
 public:
  explicit ReadTransaction(SqliteConnection& c) : c_(c) {}
  Status Begin() {
    Status s = c_.Exec("BEGIN");
    open_ = s.ok();
    return s;
  }
  ~ReadTransaction() {
    if (open_) (void)c_.Exec("COMMIT");
  }

 private:
  SqliteConnection& c_;
  bool open_ = false;
};

ports::ResourceVersion VersionFromRow(const SqliteStatement& st, int first_column,
                                      std::string_view type, std::string_view id) {
  ports::ResourceVersion v;
  v.resource_type = std::string(type);
  v.id = std::string(id);
  v.version_id = st.Int(first_column);
  v.last_updated_ms = st.Int(first_column + 1);
  v.deleted = st.Int(first_column + 2) != 0;
  v.json = std::string(st.Text(first_column + 3));
  return v;
}

}  // namespace

std::optional<std::int64_t> SqliteResourceStore::Impl::Pid(std::string_view type,
                                                           std::string_view code) const {
  auto t = pids.find(type);
  if (t == pids.end()) return std::nullopt;
  auto it = t->second.find(code);
  if (it == t->second.end()) return std::nullopt;
  return it->second;
}

Status SqliteResourceStore::Impl::LoadParams() {
  const search::SearchParamRegistry& reg = extractor->registry();
  GW_RETURN_IF_ERROR(writer->Exec("BEGIN IMMEDIATE"));
  Status s = [&]() -> Status {
    Result<StatementRef> ins =
        writer->Prepare("INSERT OR IGNORE INTO param (res_type, code) VALUES (?1, ?2)");
    if (!ins.ok()) return ins.status();
    for (const std::string& type : reg.ResourceTypes()) {
      for (const search::SearchParam* p : reg.ParamsFor(type)) {
        if (p->storage != search::ParamStorage::kIndex) continue;
        ins.value()->Reset();
        ins.value()->Bind(1, std::string_view(type));
        ins.value()->Bind(2, std::string_view(p->code));
        GW_RETURN_IF_ERROR(ins.value()->Run());
      }
    }
    return Status::Ok();
  }();
  if (!s.ok()) {
    (void)writer->Exec("ROLLBACK");
    return s;
  }
  GW_RETURN_IF_ERROR(writer->Exec("COMMIT"));
  Result<StatementRef> sel = writer->Prepare("SELECT pid, res_type, code FROM param");
  if (!sel.ok()) return sel.status();
  while (true) {
    Result<bool> row = sel.value()->Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    pids[std::string(sel.value()->Text(1))][std::string(sel.value()->Text(2))] =
        sel.value()->Int(0);
  }
  return Status::Ok();
}

Result<std::unique_ptr<SqliteConnection>> SqliteResourceStore::Impl::AcquireReader() {
  {
    std::lock_guard<std::mutex> lock(readers_mu);
    if (!idle_readers.empty()) {
      std::unique_ptr<SqliteConnection> c = std::move(idle_readers.back());
      idle_readers.pop_back();
      return c;
    }
  }
  return SqliteConnection::Open(options.path, open_options);
}

void SqliteResourceStore::Impl::ReleaseReader(std::unique_ptr<SqliteConnection> c) {
  std::lock_guard<std::mutex> lock(readers_mu);
  idle_readers.push_back(std::move(c));
}

Result<std::vector<PageRow>> SqliteResourceStore::Impl::RunPage(SqliteConnection& c,
                                                                const SearchStatements& st,
                                                                std::string_view type) {
  Result<StatementRef> page = c.Prepare(st.page_sql);
  if (!page.ok()) return page.status();
  SqliteStatement& s = *page.value();
  s.BindAll(st.page_params.values);
  std::vector<PageRow> rows;
  while (true) {
    Result<bool> row = s.Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    PageRow r;
    r.rid = s.Int(0);
    // Columns: rid, res_id, version, last_updated, json, sort values (current versions only).
    r.version.resource_type = std::string(type);
    r.version.id = std::string(s.Text(1));
    r.version.version_id = s.Int(2);
    r.version.last_updated_ms = s.Int(3);
    r.version.json = std::string(s.Text(4));
    for (std::size_t i = 0; i < st.sort_columns; ++i) {
      r.sort_values.push_back(s.Value(static_cast<int>(5 + i)));
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

// --- public -------------------------------------------------------------------------------

StoreFileLock::~StoreFileLock() {
  if (fd >= 0) ::close(fd);
}

namespace {

// Takes PATH-lock exclusively (a caching store) or shared (any other), without waiting.
Status LockStoreFile(const std::string& path, bool exclusive, StoreFileLock* lock) {
  std::string lock_path = path + "-lock";
  lock->fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock->fd < 0) return IoError("cannot open " + lock_path + ": " + std::strerror(errno));
  if (::flock(lock->fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) == 0) return Status::Ok();
  if (errno != EWOULDBLOCK) return IoError("cannot lock " + lock_path + ": " + std::strerror(errno));
  return Status(StatusCode::kFailedPrecondition,
                exclusive ? "the store is open in another process (a server keeps it to itself)"
                          : "the store is in use by a running server; stop it first");
}

}  // namespace

SqliteResourceStore::SqliteResourceStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SqliteResourceStore::~SqliteResourceStore() = default;

Result<std::unique_ptr<SqliteResourceStore>> SqliteResourceStore::Open(
    const SqliteStoreOptions& options, std::shared_ptr<const search::IndexExtractor> extractor,
    const ports::Clock& clock, const ports::IdGenerator& ids) {
  if (extractor == nullptr) return InvalidArgument("the SQLite store needs an index extractor");
  auto impl = std::make_unique<Impl>();
  GW_RETURN_IF_ERROR(LockStoreFile(options.path, options.current_cache_bytes > 0, &impl->lock));
  if (options.current_cache_bytes > 0) {
    impl->cache = std::make_unique<CurrentVersionCache>(options.current_cache_bytes);
  }
  impl->options = options;
  impl->extractor = std::move(extractor);
  impl->clock = &clock;
  impl->ids = &ids;
  impl->open_options.busy_timeout_ms = options.busy_timeout_ms;
  impl->open_options.synchronous_full = options.synchronous_full;
  impl->open_options.cache_kib = options.reader_cache_kib;
  SqliteOpenOptions writer_options = impl->open_options;
  writer_options.cache_kib = options.writer_cache_kib;
  Result<std::unique_ptr<SqliteConnection>> writer =
      SqliteConnection::Open(options.path, writer_options);
  if (!writer.ok()) return writer.status();
  impl->writer = std::move(writer).value();
  GW_RETURN_IF_ERROR(MigrateSchema(*impl->writer));
  GW_RETURN_IF_ERROR(impl->LoadParams());
  Impl* raw = impl.get();
  impl->sql = std::make_unique<SearchSql>(
      impl->extractor->registry(),
      [raw](std::string_view type, std::string_view code) { return raw->Pid(type, code); });
  return std::unique_ptr<SqliteResourceStore>(new SqliteResourceStore(std::move(impl)));
}

Result<ports::WriteResult> SqliteResourceStore::Create(const ports::CreateRequest& request) {
  ports::WriteOp op = request;
  Result<ports::TransactionResult> r = Transaction(std::span<const ports::WriteOp>(&op, 1));
  if (!r.ok()) return r.status();
  return std::move(r.value().results.front());
}

Result<ports::WriteResult> SqliteResourceStore::Update(const ports::UpdateRequest& request) {
  ports::WriteOp op = request;
  Result<ports::TransactionResult> r = Transaction(std::span<const ports::WriteOp>(&op, 1));
  if (!r.ok()) return r.status();
  return std::move(r.value().results.front());
}

Result<ports::WriteResult> SqliteResourceStore::Delete(const ports::DeleteRequest& request) {
  ports::WriteOp op = request;
  Result<ports::TransactionResult> r = Transaction(std::span<const ports::WriteOp>(&op, 1));
  if (!r.ok()) return r.status();
  return std::move(r.value().results.front());
}

Result<ports::TransactionResult> SqliteResourceStore::Transaction(
    std::span<const ports::WriteOp> ops) {
  if (ops.empty()) {
    ports::TransactionResult empty;
    empty.committed = true;
    return empty;
  }
  // Checking and indexing need no lock. Small transactions do them first; large ones hand
  // them to worker threads and write each op as soon as it is ready (the writer thread helps
  // with the indexing while it waits), so indexing overlaps the database work.
  const std::size_t n = ops.size();
  std::vector<PreparedWrite> prepared(n);
  std::vector<Status> statuses(n);
  std::vector<std::atomic<bool>> ready(n);
  std::atomic<std::size_t> next{0};
  auto prepare_one = [&]() -> bool {
    const std::size_t i = next.fetch_add(1);
    if (i >= n) return false;
    Result<PreparedWrite> p = impl_->Prepare(ops[i]);
    if (p.ok()) {
      prepared[i] = std::move(p).value();
    } else {
      statuses[i] = p.status();
    }
    ready[i].store(true, std::memory_order_release);
    return true;
  };
  if (n < kParallelPrepareMin) {
    while (prepare_one()) {
    }
    for (const Status& st : statuses) {
      if (!st.ok()) return st;
    }
    Result<ports::TransactionResult> out =
        impl_->Write(prepared, [](std::size_t) { return Status::Ok(); });
    impl_->ForgetWritten(prepared, out);
    return out;
  }
  const std::size_t workers =
      std::clamp<std::size_t>(std::thread::hardware_concurrency(), 2, 4) - 1;
  std::vector<std::thread> threads;
  for (std::size_t w = 0; w < workers; ++w) {
    threads.emplace_back([&] {
      while (prepare_one()) {
      }
    });
  }
  auto await = [&](std::size_t i) -> Status {
    while (!ready[i].load(std::memory_order_acquire)) {
      if (!prepare_one()) std::this_thread::yield();
    }
    return statuses[i];
  };
  Result<ports::TransactionResult> out = impl_->Write(prepared, await);
  next.store(n);  // nothing new starts after a failure
  for (std::thread& t : threads) t.join();
  impl_->ForgetWritten(prepared, out);
  return out;
}

Result<ports::ResourceVersion> SqliteResourceStore::Read(std::string_view resource_type,
                                                         std::string_view id) {
  CurrentVersionCache* cache = impl_->cache.get();
  if (cache == nullptr) return impl_->ReadCurrent(resource_type, id);
  if (std::optional<ports::ResourceVersion> hit = cache->Find(resource_type, id)) return *hit;
  std::uint64_t generation = cache->Generation();
  Result<ports::ResourceVersion> v = impl_->ReadCurrent(resource_type, id);
  if (v.ok()) cache->Offer(generation, v.value());
  return v;
}

void SqliteResourceStore::Impl::ForgetWritten(const std::vector<PreparedWrite>& ops,
                                              const Result<ports::TransactionResult>& out) {
  if (cache == nullptr) return;
  if (!out.ok()) return cache->ForgetAll();  // whether it was written is not known
  cache->ForgetMany([&](auto&& forget) {
    for (const PreparedWrite& op : ops) {
      if (!op.id.empty()) forget(op.type, op.id);
    }
    for (const ports::WriteResult& r : out.value().results) {
      if (!r.version.id.empty()) forget(r.version.resource_type, r.version.id);
    }
  });
}

Result<ports::ResourceVersion> SqliteResourceStore::Impl::ReadCurrent(
    std::string_view resource_type, std::string_view id) {
  Result<std::unique_ptr<SqliteConnection>> c = AcquireReader();
  if (!c.ok()) return c.status();
  ReaderLease lease(this, std::move(c).value());
  Result<StatementRef> st = lease->Prepare(
      "SELECT v.version, v.last_updated, v.deleted, v.json FROM resource r "
      "JOIN version v ON v.seq = r.seq WHERE r.res_type = ?1 AND r.res_id = ?2");
  if (!st.ok()) return st.status();
  st.value()->Bind(1, resource_type);
  st.value()->Bind(2, id);
  Result<bool> row = st.value()->Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return NotFound("no such resource");
  return VersionFromRow(*st.value(), 0, resource_type, id);
}

Result<ports::ResourceVersion> SqliteResourceStore::VRead(std::string_view resource_type,
                                                          std::string_view id,
                                                          std::int64_t version_id) {
  Result<std::unique_ptr<SqliteConnection>> c = impl_->AcquireReader();
  if (!c.ok()) return c.status();
  ReaderLease lease(impl_.get(), std::move(c).value());
  Result<StatementRef> st = lease->Prepare(
      "SELECT v.version, v.last_updated, v.deleted, v.json FROM resource r "
      "JOIN version v ON v.rid = r.rid "
      "WHERE r.res_type = ?1 AND r.res_id = ?2 AND v.version = ?3");
  if (!st.ok()) return st.status();
  st.value()->Bind(1, resource_type);
  st.value()->Bind(2, id);
  st.value()->Bind(3, version_id);
  Result<bool> row = st.value()->Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return NotFound("no such version");
  return VersionFromRow(*st.value(), 0, resource_type, id);
}

Result<ports::HistoryPage> SqliteResourceStore::History(const ports::HistoryQuery& query) {
  std::int64_t before = std::numeric_limits<std::int64_t>::max();
  if (!query.cursor.empty()) {
    Result<PageCursor> c = DecodeCursor(query.cursor);
    if (!c.ok() || !c->sort_values.empty()) return InvalidArgument("malformed history cursor");
    before = c->last_rid;
  }
  if (!query.id.empty() && query.resource_type.empty()) {
    return InvalidArgument("instance history needs a resource type");
  }
  Result<std::unique_ptr<SqliteConnection>> conn = impl_->AcquireReader();
  if (!conn.ok()) return conn.status();
  ReaderLease lease(impl_.get(), std::move(conn).value());
  ReadTransaction tx(*lease);
  GW_RETURN_IF_ERROR(tx.Begin());

  SqlParams p;
  std::string where = "1";
  if (!query.resource_type.empty()) where += " AND r.res_type = " + p.Add(query.resource_type);
  if (!query.id.empty()) where += " AND r.res_id = " + p.Add(query.id);
  if (query.since_ms) where += " AND v.last_updated >= " + p.Add(*query.since_ms);
  const std::string from = " FROM version v JOIN resource r ON r.rid = v.rid WHERE ";

  ports::HistoryPage page;
  if (!query.id.empty()) {
    Result<StatementRef> exists =
        lease->Prepare("SELECT 1 FROM resource WHERE res_type = ?1 AND res_id = ?2");
    if (!exists.ok()) return exists.status();
    exists.value()->Bind(1, std::string_view(query.resource_type));
    exists.value()->Bind(2, std::string_view(query.id));
    Result<bool> found = exists.value()->Step();
    if (!found.ok()) return found.status();
    if (!found.value()) return NotFound("no such resource");
  }
  if (query.cursor.empty()) {
    Result<StatementRef> count = lease->Prepare("SELECT count(*)" + from + where);
    if (!count.ok()) return count.status();
    count.value()->BindAll(p.values);
    Result<bool> row = count.value()->Step();
    if (!row.ok()) return row.status();
    page.total = count.value()->Int(0);
  }
  const std::int64_t limit =
      static_cast<std::int64_t>(std::min(query.count, impl_->options.max_page_size));
  if (limit == 0) return page;
  std::string sql =
      "SELECT v.seq, r.res_type, r.res_id, v.version, v.last_updated, v.deleted, "
      "v.json" +
      from + where + " AND v.seq < " + p.Add(before) + " ORDER BY v.seq DESC LIMIT " +
      p.Add(limit + 1);
  Result<StatementRef> st = lease->Prepare(sql);
  if (!st.ok()) return st.status();
  st.value()->BindAll(p.values);
  std::int64_t last_seq = 0;
  while (true) {
    Result<bool> row = st.value()->Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    if (static_cast<std::int64_t>(page.versions.size()) == limit) {
      PageCursor next;
      next.last_rid = last_seq;
      page.next_cursor = EncodeCursor(next);
      break;
    }
    last_seq = st.value()->Int(0);
    page.versions.push_back(
        VersionFromRow(*st.value(), 3, st.value()->Text(1), st.value()->Text(2)));
  }
  return page;
}

Result<ports::SearchPage> SqliteResourceStore::Search(const search::SearchQuery& query) {
  std::optional<PageCursor> cursor;
  if (!query.cursor.empty()) {
    Result<PageCursor> c = DecodeCursor(query.cursor);
    if (!c.ok()) return c.status();
    cursor = std::move(c).value();
  }
  Result<std::unique_ptr<SqliteConnection>> conn = impl_->AcquireReader();
  if (!conn.ok()) return conn.status();
  ReaderLease lease(impl_.get(), std::move(conn).value());
  ReadTransaction tx(*lease);
  GW_RETURN_IF_ERROR(tx.Begin());

  std::int64_t snapshot = 0;
  if (cursor) {
    snapshot = cursor->snapshot;
  } else {
    Result<StatementRef> max = lease->Prepare("SELECT IFNULL(MAX(seq), 0) FROM version");
    if (!max.ok()) return max.status();
    Result<bool> row = max.value()->Step();
    if (!row.ok()) return row.status();
    snapshot = max.value()->Int(0);
  }
  const std::int64_t limit =
      static_cast<std::int64_t>(std::min(query.count, impl_->options.max_page_size));
  Result<SearchStatements> st = impl_->sql->Page(query, cursor, snapshot, limit + 1);
  if (!st.ok()) return st.status();

  ports::SearchPage page;
  if (query.total) {
    Result<StatementRef> count = lease->Prepare(st->count_sql);
    if (!count.ok()) return count.status();
    count.value()->BindAll(st->count_params.values);
    Result<bool> row = count.value()->Step();
    if (!row.ok()) return row.status();
    page.total = count.value()->Int(0);
  }
  if (limit == 0) return page;
  Result<std::vector<PageRow>> rows = impl_->RunPage(*lease, st.value(), query.resource_type);
  if (!rows.ok()) return rows.status();
  std::vector<PageRow>& r = rows.value();
  if (static_cast<std::int64_t>(r.size()) > limit) {
    PageCursor next;
    next.snapshot = snapshot;
    next.last_rid = r[static_cast<std::size_t>(limit - 1)].rid;
    next.sort_values = r[static_cast<std::size_t>(limit - 1)].sort_values;
    page.next_cursor = EncodeCursor(next);
    r.resize(static_cast<std::size_t>(limit));
  }
  page.resources.reserve(r.size());
  for (PageRow& row : r) page.resources.push_back(std::move(row.version));
  return page;
}

}  // namespace gw::shell
