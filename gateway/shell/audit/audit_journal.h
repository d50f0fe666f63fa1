// AuditJournal: the durable, append-only journal of audit records. Answering a request waits for
// its record to be here, not for the AuditEvent resource: appending is one row of a small SQLite
// table (its own database file, WAL, synchronous=FULL) and the records of every request waiting at
// that moment share one commit and one fsync (group commit). The AuditIndexer turns journal
// entries into AuditEvent resources in the ResourceStore later and trims them.
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

struct JournalEntry {
  std::int64_t seq = 0;
  std::string record;
};

class AuditJournal {
 public:
  using Done = std::function<void(Status)>;

  // Opens or creates the journal file. `max_batch`: records per commit at most.
  static Result<std::unique_ptr<AuditJournal>> Open(const std::string& path,
                                                    std::size_t max_batch = 1024);
  ~AuditJournal();
  AuditJournal(const AuditJournal&) = delete;
  AuditJournal& operator=(const AuditJournal&) = delete;

  void Append(std::string record, Done done);
  // Append() and wait for its outcome.
  Status AppendAndWait(std::string record);
  void Stop();

  // The oldest entries still in the journal, in seq order, at most `max`.
  Result<std::vector<JournalEntry>> ReadOldest(std::size_t max);
  // Removes the entries with seq <= up_to.
  Status Trim(std::int64_t up_to);
  // Entries in the journal now (appended and not trimmed).
  Result<std::int64_t> Backlog();
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
               std::string identity, std::size_t max_batch);
  void Run();
  Status CommitBatch(const std::vector<Pending>& batch);

  std::unique_ptr<SqliteConnection> writer_;  // the writer thread's
  std::mutex reader_mu_;
  std::unique_ptr<SqliteConnection> reader_;  // ReadOldest/Trim/Backlog, under reader_mu_
  std::string identity_;
  std::size_t max_batch_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  std::uint64_t committed_ = 0;
  std::uint64_t commits_ = 0;
  std::thread thread_;
};

}  // namespace gw::shell
