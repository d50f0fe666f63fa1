#include "gateway/shell/audit/audit_journal.h"

#include <future>
#include <random>
#include <utility>

#include "gateway/shell/store/sqlite_db.h"
#include "gateway/shell/sys/thread_name.h"

namespace gw::shell {
namespace {

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS journal_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    // AUTOINCREMENT: a seq is never reused, even after every entry was trimmed, so no two
    // entries ever share an AuditEvent id.
    "CREATE TABLE IF NOT EXISTS journal("
    "  seq INTEGER PRIMARY KEY AUTOINCREMENT, record TEXT NOT NULL);";

std::string RandomIdentity() {
  std::random_device rd;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 4; ++i) {
    std::uint32_t v = rd();
    for (int j = 0; j < 8; ++j) {
      out.push_back(kHex[v & 0xf]);
      v >>= 4;
    }
  }
  return out;
}

Result<std::string> LoadIdentity(SqliteConnection& db) {
  GW_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  auto fail = [&](Status s) {
    (void)db.Exec("ROLLBACK");
    return s;
  };
  auto select = db.Prepare("SELECT value FROM journal_meta WHERE key = 'identity'");
  if (!select.ok()) return fail(select.status());
  auto row = (*select)->Step();
  if (!row.ok()) return fail(row.status());
  std::string identity;
  if (*row) {
    identity = std::string((*select)->Text(0));
  } else {
    identity = RandomIdentity();
    auto insert = db.Prepare("INSERT INTO journal_meta(key, value) VALUES('identity', ?)");
    if (!insert.ok()) return fail(insert.status());
    (*insert)->Bind(1, std::string_view(identity));
    if (Status s = (*insert)->Run(); !s.ok()) return fail(s);
  }
  GW_RETURN_IF_ERROR(db.Exec("COMMIT"));
  return identity;
}

}  // namespace

Result<std::unique_ptr<AuditJournal>> AuditJournal::Open(const std::string& path,
                                                         std::size_t max_batch) {
  SqliteOpenOptions options;
  options.synchronous_full = true;
  options.cache_kib = 4096;
  options.max_cached_statements = 16;
  auto writer_or = SqliteConnection::Open(path, options);
  if (!writer_or.ok()) return writer_or.status();
  auto writer = std::move(writer_or).value();
  GW_RETURN_IF_ERROR(writer->Exec(kSchema));
  auto identity_or = LoadIdentity(*writer);
  if (!identity_or.ok()) return identity_or.status();
  std::string identity = std::move(identity_or).value();
  auto reader_or = SqliteConnection::Open(path, options);
  if (!reader_or.ok()) return reader_or.status();
  auto reader = std::move(reader_or).value();
  return std::unique_ptr<AuditJournal>(new AuditJournal(
      std::move(writer), std::move(reader), std::move(identity), max_batch == 0 ? 1 : max_batch));
}

AuditJournal::AuditJournal(std::unique_ptr<SqliteConnection> writer,
                           std::unique_ptr<SqliteConnection> reader, std::string identity,
                           std::size_t max_batch)
    : writer_(std::move(writer)),
      reader_(std::move(reader)),
      identity_(std::move(identity)),
      max_batch_(max_batch) {
  thread_ = std::thread([this] { Run(); });
}

AuditJournal::~AuditJournal() { Stop(); }

void AuditJournal::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void AuditJournal::Append(std::string record, Done done) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!stopping_) {
      queue_.push_back({std::move(record), std::move(done)});
      if (queue_.size() == 1) wake_.notify_one();
      return;
    }
  }
  done(Status(StatusCode::kFailedPrecondition, "the audit journal has stopped"));
}

Status AuditJournal::AppendAndWait(std::string record) {
  std::promise<Status> promise;
  std::future<Status> outcome = promise.get_future();
  Append(std::move(record), [&promise](Status s) { promise.set_value(std::move(s)); });
  return outcome.get();
}

Status AuditJournal::CommitBatch(const std::vector<Pending>& batch) {
  GW_RETURN_IF_ERROR(writer_->Exec("BEGIN IMMEDIATE"));
  Status status = [&]() -> Status {
    auto insert_or = writer_->Prepare("INSERT INTO journal(record) VALUES(?)");
    if (!insert_or.ok()) return insert_or.status();
    StatementRef insert = std::move(insert_or).value();
    for (const Pending& p : batch) {
      insert->Reset();
      insert->BindStatic(1, p.record);
      GW_RETURN_IF_ERROR(insert->Run());
    }
    insert->Reset();
    return writer_->Exec("COMMIT");
  }();
  if (!status.ok()) (void)writer_->Exec("ROLLBACK");
  return status;
}

void AuditJournal::Run() {
  NameThisThread("gw-audit-jrnl");
  std::vector<Pending> batch;
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and everything queued is committed
    batch.clear();
    while (!queue_.empty() && batch.size() < max_batch_) {
      batch.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    lock.unlock();
    Status status = CommitBatch(batch);
    lock.lock();
    if (status.ok()) committed_ += batch.size();
    ++commits_;
    lock.unlock();
    // The counters already count this batch when its callers learn the outcome.
    for (Pending& p : batch) p.done(status);
    lock.lock();
  }
}

Result<std::vector<JournalEntry>> AuditJournal::ReadOldest(std::size_t max) {
  std::lock_guard<std::mutex> lock(reader_mu_);
  auto select_or = reader_->Prepare("SELECT seq, record FROM journal ORDER BY seq LIMIT ?");
  if (!select_or.ok()) return select_or.status();
  StatementRef select = std::move(select_or).value();
  select->Bind(1, static_cast<std::int64_t>(max));
  std::vector<JournalEntry> out;
  while (true) {
    auto row_or = select->Step();
    if (!row_or.ok()) return row_or.status();
    bool row = std::move(row_or).value();
    if (!row) break;
    out.push_back({select->Int(0), std::string(select->Text(1))});
  }
  return out;
}

Status AuditJournal::Trim(std::int64_t up_to) {
  std::lock_guard<std::mutex> lock(reader_mu_);
  auto del_or = reader_->Prepare("DELETE FROM journal WHERE seq <= ?");
  if (!del_or.ok()) return del_or.status();
  StatementRef del = std::move(del_or).value();
  del->Bind(1, up_to);
  return del->Run();
}

Result<std::int64_t> AuditJournal::Backlog() {
  std::lock_guard<std::mutex> lock(reader_mu_);
  // Entries are contiguous in seq (appended in order, trimmed from the oldest), so the range
  // counts them without visiting every row.
  auto count_or =
      reader_->Prepare("SELECT coalesce(max(seq) - min(seq) + 1, 0) FROM journal");
  if (!count_or.ok()) return count_or.status();
  StatementRef count = std::move(count_or).value();
  auto row_or = count->Step();
  if (!row_or.ok()) return row_or.status();
  bool row = std::move(row_or).value();
  return row ? count->Int(0) : 0;
}

std::string AuditJournal::EventId(std::int64_t seq) const {
  return identity_ + "-" + std::to_string(seq);
}

std::uint64_t AuditJournal::committed() const {
  std::lock_guard<std::mutex> lock(mu_);
  return committed_;
}

std::uint64_t AuditJournal::commits() const {
  std::lock_guard<std::mutex> lock(mu_);
  return commits_;
}

}  // namespace gw::shell
