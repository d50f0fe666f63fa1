// AuditJournal: the durable, append-only journal of audit records. Answering a request waits for
// its record to be here, not for the AuditEvent resource: appending is one row of a small SQLite
// table (its own database file, WAL, synchronous=FULL) and the records of every request waiting at
// that moment share one commit and one fsync (group commit). The AuditIndexer turns journal
// entries into AuditEvent resources in the ResourceStore later and trims them.
//
// Only the writer thread writes the file, so an append never waits for another connection's
// lock: Trim() hands the writer a bound that it deletes up to with an append's commit once
// `trim_batch` entries wait (or alone when nothing is being appended), and the WAL is copied
// into the database file by Checkpoint(), called from a background thread (the indexer), never
// on the commit path. (The writer finishes a checkpoint itself once the WAL holds
// `restart_pages`.)
//
// Entries: seq (1, 2, ... in append order, never reused) and the record text
// (audit_record_codec.h). The journal is created with a random identity (32 hex digits, kept in
// the file) from which EventId() derives each entry's AuditEvent id, so an entry indexed twice
// (after a crash between indexing and trimming) names the same resource.
//
// Append() queues a record and returns at once; `done` runs on the journal's writer thread once
// the record is durable (Status OK) or its commit failed (the caller then answers 503: nothing is
// served without its audit record). A `done` must be short and must not call Append/Stop.
// Stop() (also the destructor) commits what is queued, runs its callbacks and ends the writer
// thread; Append() after Stop() fails at once (callback with kFailedPrecondition).
// Thread safety: every method may be called from any thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "gateway/core/base/status.h"

namespace gw::shell {

class SqliteConnection;
struct JournalWalWatch;

struct JournalEntry {
  std::int64_t seq = 0;
  std::string record;
};

struct AuditJournalOptions {
  std::size_t max_batch = 1024;  // records per commit at most
  // The writer finishes a checkpoint itself (the WAL then starts over) once it holds this many
  // pages.
  int restart_pages = 2048;
  // Trimmed entries are deleted from the file once this many wait (and at Stop).
  std::size_t trim_batch = 4096;
};

class AuditJournal {
 public:
  using Done = std::function<void(Status)>;

  // Opens or creates the journal file.
  static Result<std::unique_ptr<AuditJournal>> Open(const std::string& path,
                                                    const AuditJournalOptions& options = {});
  ~AuditJournal();
  AuditJournal(const AuditJournal&) = delete;
  AuditJournal& operator=(const AuditJournal&) = delete;

  void Append(std::string record, Done done);
  // Append() and wait for its outcome.
  Status AppendAndWait(std::string record);
  void Stop();

  // The oldest entries still in the journal (appended, not trimmed), in seq order, at most `max`.
  Result<std::vector<JournalEntry>> ReadOldest(std::size_t max);
  // Removes the entries with seq <= up_to: at once for ReadOldest/Backlog, in the file with a
  // later commit of the writer (see `trim_batch`). A trim that a crash loses leaves entries that are read again (the
  // indexer skips what it indexed already). After Stop(): kFailedPrecondition, nothing trimmed.
  Status Trim(std::int64_t up_to);
  // Entries in the journal now (appended and not trimmed).
  Result<std::int64_t> Backlog();
  // Copies what the WAL holds into the database file without blocking appends (a passive
  // checkpoint), when at least `min_pages` pages wait; the WAL then starts over from its
  // beginning. Returns the pages copied (0 when fewer than `min_pages` waited).
  Result<int> Checkpoint(int min_pages);
  // The AuditEvent id of the entry with this seq: "<journal identity>-<seq>".
  std::string EventId(std::int64_t seq) const;

  std::uint64_t committed() const;  // records made durable since Open
  std::uint64_t commits() const;    // commits since Open

 private:
  struct Pending {
    std::string record;
    Done done;
  };
  AuditJournal(std::unique_ptr<SqliteConnection> writer, std::unique_ptr<SqliteConnection> reader,
               std::string identity, std::int64_t next_seq, std::int64_t trimmed_to,
               const AuditJournalOptions& options);
  bool TrimDue() const;  // under mu_
  void Run();
  // One transaction: the batch's records (seqs from next_seq_) and the trim up to `trim_to`
  // when it is past what the file has trimmed.
  Status CommitBatch(const std::vector<Pending>& batch, std::int64_t trim_to);

  std::int64_t TrimmedTo() const;

  std::unique_ptr<SqliteConnection> writer_;  // the writer thread's
  std::mutex reader_mu_;
  std::unique_ptr<SqliteConnection> reader_;  // ReadOldest/Backlog/Checkpoint, under reader_mu_
  int checkpointed_frames_ = 0;               // under reader_mu_: the last checkpoint's
  std::atomic<int> wal_frames_{0};            // frames in the WAL after the last commit
  std::unique_ptr<JournalWalWatch> wal_watch_;
  std::string identity_;
  std::size_t max_batch_;
  std::size_t trim_batch_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<Pending> queue_;
  std::int64_t next_seq_;         // the writer thread's
  std::int64_t file_trimmed_to_;  // the writer thread's: trimmed in the file
  std::int64_t trim_to_;          // under mu_: asked for by Trim()
  std::int64_t last_committed_seq_;  // under mu_
  bool stopping_ = false;
  bool stopped_ = false;  // the writer thread has ended
  std::uint64_t committed_ = 0;
  std::uint64_t commits_ = 0;
  std::thread thread_;
};

}  // namespace gw::shell
