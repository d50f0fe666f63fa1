// AuditIndexer: turns audit journal entries into AuditEvent resources in the ResourceStore, where
// they are searchable (AuditEvent?patient=..., ?date=...), then trims them from the journal.
//
// Each round reads the oldest entries (up to `batch`), decodes them (audit_record_codec.h),
// builds the BALP AuditEvents (audit_event.h) with the ids the journal assigns (EventId) and
// creates them in one store transaction; then trims the journal up to the last entry of the round.
// An entry whose AuditEvent already exists (indexed before a crash that came before the trim)
// is skipped, so an entry never makes two resources. An entry that cannot be decoded is
// reported through `warn` (by seq) and trimmed with its round, so one corrupt row cannot stop
// indexing.
// The thread runs at the lowest CPU priority (nice +`nice`, 19 by default): it uses what the
// request threads leave, so under a burst the journal grows and the indexer catches up when the
// burst is over; the journal keeps every record durably meanwhile. Its transactions are small
// (`batch`) because a request that writes to the store waits for the one in progress, which at
// that priority can take a while on a saturated machine. (Not SCHED_IDLE: a thread of that class
// can wait indefinitely on a saturated machine while it holds the store's write lock.) When the backlog passes
// `warn_backlog` entries it says so through `warn` (at most once a minute): the machine is short
// of CPU for its load and the AuditEvent search lags behind. (A niceness cannot be lowered again
// without privileges, so the thread does not speed itself up.)
// During a burst it stands aside: while appends arrive faster than `defer_above_per_second`
// (measured over windows of `idle_ms`) it does not index, so that the request threads have the
// machine (measured: indexing alongside a saturating read load cost the requests 15-28% of
// their throughput), and it catches up when the rate falls. The journal keeps every record
// durably meanwhile; AuditEvent search lags behind for the length of the burst. Once
// `defer_until_backlog` entries wait it indexes during bursts as well, which bounds the journal.
// Between rounds the thread also checkpoints the journal's WAL once `checkpoint_pages` pages wait
// (AuditJournal::Checkpoint), so appends never pay for it.
// Start() begins with whatever a previous run left in the journal.
// `warn` receives one line per failed round or skipped entry: counts, seqs and status codes,
// never record contents (which are PHI).
// Thread safety: Start/Stop/IndexAvailable from one controlling thread; counters from any.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string_view>
#include <thread>

#include "gateway/core/base/status.h"
#include "gateway/ports/resource_store.h"
#include "gateway/shell/audit/audit_journal.h"

namespace gw::shell {

struct AuditIndexerOptions {
  std::size_t batch = 32;       // entries per store transaction
  std::uint32_t idle_ms = 200;  // wait between rounds when the journal is empty
  int nice = 19;                // added niceness of the indexer thread (Linux)
  std::int64_t warn_backlog = 1'000'000;
  int checkpoint_pages = 512;    // journal WAL pages that make the thread checkpoint
  double defer_above_per_second = 1000;  // 0: never defer
  std::int64_t defer_until_backlog = 5'000'000;
  std::function<void(std::string_view)> warn;
};

class AuditIndexer {
 public:
  AuditIndexer(AuditJournal& journal, ports::ResourceStore& store, AuditIndexerOptions options);
  ~AuditIndexer();
  AuditIndexer(const AuditIndexer&) = delete;
  AuditIndexer& operator=(const AuditIndexer&) = delete;

  void Start();
  // Ends the thread after its current round; what is left stays in the journal.
  void Stop();
  // Indexes on the calling thread until the journal is empty (tests, shutdown drains).
  // Returns the number of AuditEvents created.
  Result<std::uint64_t> IndexAvailable();

  std::uint64_t indexed() const { return indexed_.load(); }

 private:
  // One round: Result = entries consumed (0 when the journal is empty).
  Result<std::size_t> IndexRound();
  void Run();

  AuditJournal& journal_;
  ports::ResourceStore& store_;
  AuditIndexerOptions options_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::atomic<std::uint64_t> indexed_{0};
  std::thread thread_;
};

}  // namespace gw::shell
