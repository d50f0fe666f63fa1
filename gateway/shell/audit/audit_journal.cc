#include "gateway/shell/audit/audit_journal.h"

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <future>
#include <random>
#include <utility>

#include "gateway/shell/store/sqlite_db.h"
#include "gateway/shell/sys/thread_name.h"

namespace gw::shell {
namespace {

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS journal_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    // A seq is never reused, even after every entry was trimmed, so no two entries ever share
    // an AuditEvent id: the writer numbers entries itself, from past the highest seq the file
    // has held (the last entry, or journal_meta 'trimmed_to' once every entry was trimmed;
    // files made before that key existed kept the high mark in sqlite_sequence).
    "CREATE TABLE IF NOT EXISTS journal(seq INTEGER PRIMARY KEY, record TEXT NOT NULL);";

Result<std::int64_t> QueryInt(SqliteConnection& db, const std::string& sql) {
  auto select = db.Prepare(sql);
  if (!select.ok()) return select.status();
  auto row = (*select)->Step();
  if (!row.ok()) return row.status();
  if (!*row || (*select)->IsNull(0)) return std::int64_t{0};
  std::string_view text = (*select)->Text(0);
  std::int64_t v = 0;
  std::from_chars(text.data(), text.data() + text.size(), v);
  return v;
}

// The highest seq the file has ever held: its last entry, the trim mark once every entry was
// trimmed (`trimmed_to`), or, in files made with the AUTOINCREMENT schema, sqlite_sequence.
Result<std::int64_t> HighestSeq(SqliteConnection& db, std::int64_t trimmed_to) {
  auto last = QueryInt(db, "SELECT max(seq) FROM journal");
  if (!last.ok()) return last.status();
  std::int64_t high = std::max(*last, trimmed_to);
  auto has_sequence = QueryInt(
      db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'");
  if (!has_sequence.ok()) return has_sequence.status();
  if (*has_sequence != 0) {
    auto sequence = QueryInt(db, "SELECT seq FROM sqlite_sequence WHERE name = 'journal'");
    if (!sequence.ok()) return sequence.status();
    high = std::max(high, *sequence);
  }
  return high;
}

}  // namespace

// The WAL frame count after each commit (the writer's wal hook), and the writer's own checkpoint
// once `restart_pages` frames are in the WAL (see the header).
struct JournalWalWatch {
  std::atomic<int>* frames;
  int restart_pages;
};

namespace {

int OnWalCommit(void* arg, sqlite3* db, const char* name, int frames) {
  auto* watch = static_cast<JournalWalWatch*>(arg);
  watch->frames->store(frames, std::memory_order_relaxed);
  if (frames >= watch->restart_pages) {
    sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  }
  return SQLITE_OK;
}

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
                                                         const AuditJournalOptions& opts) {
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
  auto trimmed = QueryInt(*writer, "SELECT value FROM journal_meta WHERE key = 'trimmed_to'");
  if (!trimmed.ok()) return trimmed.status();
  auto high = HighestSeq(*writer, *trimmed);
  if (!high.ok()) return high.status();
  auto reader_or = SqliteConnection::Open(path, options);
  if (!reader_or.ok()) return reader_or.status();
  auto reader = std::move(reader_or).value();
  auto journal = std::unique_ptr<AuditJournal>(
      new AuditJournal(std::move(writer), std::move(reader), std::move(identity), *high + 1,
                       *trimmed, opts));
  journal->wal_watch_ = std::make_unique<JournalWalWatch>(
      JournalWalWatch{&journal->wal_frames_, std::max(opts.restart_pages, 1)});
  sqlite3_wal_hook(journal->writer_->handle(), OnWalCommit, journal->wal_watch_.get());
  journal->thread_ = std::thread([j = journal.get()] { j->Run(); });
  return journal;
}

AuditJournal::AuditJournal(std::unique_ptr<SqliteConnection> writer,
                           std::unique_ptr<SqliteConnection> reader, std::string identity,
                           std::int64_t next_seq, std::int64_t trimmed_to,
                           const AuditJournalOptions& options)
    : writer_(std::move(writer)),
      reader_(std::move(reader)),
      identity_(std::move(identity)),
      max_batch_(std::max<std::size_t>(options.max_batch, 1)),
      trim_batch_(std::max<std::size_t>(options.trim_batch, 1)),

      next_seq_(next_seq),
      file_trimmed_to_(trimmed_to),
      trim_to_(trimmed_to),
      last_committed_seq_(next_seq - 1) {}

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

Status AuditJournal::CommitBatch(const std::vector<Pending>& batch, std::int64_t trim_to) {
  GW_RETURN_IF_ERROR(writer_->Exec("BEGIN IMMEDIATE"));
  Status status = [&]() -> Status {
    if (!batch.empty()) {
      auto insert_or = writer_->Prepare("INSERT INTO journal(seq, record) VALUES(?, ?)");
      if (!insert_or.ok()) return insert_or.status();
      StatementRef insert = std::move(insert_or).value();
      std::int64_t seq = next_seq_;
      for (const Pending& p : batch) {
        insert->Reset();
        insert->Bind(1, seq++);
        insert->BindStatic(2, p.record);
        GW_RETURN_IF_ERROR(insert->Run());
      }
      insert->Reset();
    }
    if (trim_to > file_trimmed_to_) {
      {
        auto del_or = writer_->Prepare("DELETE FROM journal WHERE seq <= ?");
        if (!del_or.ok()) return del_or.status();
        StatementRef del = std::move(del_or).value();
        del->Bind(1, trim_to);
        GW_RETURN_IF_ERROR(del->Run());
      }
      auto mark_or = writer_->Prepare(
          "INSERT OR REPLACE INTO journal_meta(key, value) VALUES('trimmed_to', ?)");
      if (!mark_or.ok()) return mark_or.status();
      StatementRef mark = std::move(mark_or).value();
      mark->Bind(1, std::string_view(std::to_string(trim_to)));
      GW_RETURN_IF_ERROR(mark->Run());
    }
    return writer_->Exec("COMMIT");
  }();
  if (!status.ok()) {
    (void)writer_->Exec("ROLLBACK");
    return status;
  }
  next_seq_ += static_cast<std::int64_t>(batch.size());
  file_trimmed_to_ = std::max(file_trimmed_to_, trim_to);
  return status;
}

void AuditJournal::Run() {
  NameThisThread("gw-audit-jrnl");
  std::vector<Pending> batch;
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    wake_.wait(lock, [&] { return stopping_ || !queue_.empty() || TrimDue(); });
    if (queue_.empty() && !(TrimDue() || (stopping_ && trim_to_ > file_trimmed_to_))) {
      stopped_ = true;  // stopping, and everything queued is committed
      return;
    }
    batch.clear();
    while (!queue_.empty() && batch.size() < max_batch_) {
      batch.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    // Trims go to the file in runs of trim_batch_ entries (or at stop): until then ReadOldest
    // skips them, and a crash only makes the indexer read them again.
    std::int64_t trim_to = TrimDue() || stopping_ ? trim_to_ : file_trimmed_to_;
    lock.unlock();
    Status status = CommitBatch(batch, trim_to);
    lock.lock();
    if (status.ok()) {
      committed_ += batch.size();
      last_committed_seq_ = next_seq_ - 1;
    } else if (batch.empty()) {
      // A trim alone failed: it stays asked for and goes with the next append's commit; it is
      // not retried in a loop.
      if (stopping_ && queue_.empty()) {
        stopped_ = true;
        return;
      }
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      continue;
    }
    ++commits_;
    lock.unlock();
    // The counters already count this batch when its callers learn the outcome.
    for (Pending& p : batch) p.done(status);
    lock.lock();
  }
}

bool AuditJournal::TrimDue() const {
  return trim_to_ - file_trimmed_to_ >= static_cast<std::int64_t>(trim_batch_);
}

std::int64_t AuditJournal::TrimmedTo() const {
  std::lock_guard<std::mutex> lock(mu_);
  return trim_to_;
}

Result<std::vector<JournalEntry>> AuditJournal::ReadOldest(std::size_t max) {
  std::int64_t floor = TrimmedTo();
  std::lock_guard<std::mutex> lock(reader_mu_);
  auto select_or =
      reader_->Prepare("SELECT seq, record FROM journal WHERE seq > ? ORDER BY seq LIMIT ?");
  if (!select_or.ok()) return select_or.status();
  StatementRef select = std::move(select_or).value();
  select->Bind(1, floor);
  select->Bind(2, static_cast<std::int64_t>(max));
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
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopped_) return Status(StatusCode::kFailedPrecondition, "the audit journal has stopped");
    // Never past what is committed: a later append must not land under the bound.
    up_to = std::min(up_to, last_committed_seq_);
    if (up_to <= trim_to_) return Status::Ok();
    trim_to_ = up_to;
    // The writer deletes with its next commit; when it is idle it wakes for the trim alone.
    if (!queue_.empty() || !TrimDue()) return Status::Ok();
  }
  wake_.notify_one();
  return Status::Ok();
}

Result<std::int64_t> AuditJournal::Backlog() {
  std::int64_t floor = TrimmedTo();
  std::lock_guard<std::mutex> lock(reader_mu_);
  // Entries are contiguous in seq (appended in order, trimmed from the oldest), so the range
  // counts them without visiting every row.
  auto count_or = reader_->Prepare(
      "SELECT coalesce((SELECT max(seq) FROM journal) -"
      " (SELECT seq FROM journal WHERE seq > ?1 ORDER BY seq LIMIT 1) + 1, 0)");
  if (!count_or.ok()) return count_or.status();
  StatementRef count = std::move(count_or).value();
  count->Bind(1, floor);
  auto row_or = count->Step();
  if (!row_or.ok()) return row_or.status();
  bool row = std::move(row_or).value();
  return row ? count->Int(0) : 0;
}

Result<int> AuditJournal::Checkpoint(int min_pages) {
  int frames = wal_frames_.load(std::memory_order_relaxed);
  std::lock_guard<std::mutex> lock(reader_mu_);
  // The WAL starts over from its first frame after a complete checkpoint.
  int waiting = frames >= checkpointed_frames_ ? frames - checkpointed_frames_ : frames;
  if (waiting < std::max(min_pages, 1)) return 0;
  int log = 0;
  int copied = 0;
  int rc = sqlite3_wal_checkpoint_v2(reader_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &log,
                                     &copied);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY) return IoError("audit journal checkpoint failed");
  int before = checkpointed_frames_ <= copied ? checkpointed_frames_ : 0;
  checkpointed_frames_ = copied;
  return copied - before;
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
