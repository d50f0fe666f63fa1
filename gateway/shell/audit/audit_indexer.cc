#include "gateway/shell/audit/audit_indexer.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "gateway/core/audit/audit_event.h"
#include "gateway/core/audit/audit_record_codec.h"
#include "gateway/shell/sys/thread_name.h"

namespace gw::shell {

AuditIndexer::AuditIndexer(AuditJournal& journal, ports::ResourceStore& store,
                           AuditIndexerOptions options)
    : journal_(journal), store_(store), options_(std::move(options)) {
  if (options_.batch == 0) options_.batch = 1;
}

AuditIndexer::~AuditIndexer() { Stop(); }

void AuditIndexer::Start() {
  if (thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { Run(); });
}

void AuditIndexer::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Result<std::size_t> AuditIndexer::IndexRound() {
  auto entries_or = journal_.ReadOldest(options_.batch);
  if (!entries_or.ok()) return entries_or.status();
  std::vector<JournalEntry> entries = std::move(entries_or).value();
  if (entries.empty()) return std::size_t{0};

  std::vector<json::Value> events;
  std::vector<std::string> ids;
  events.reserve(entries.size());
  ids.reserve(entries.size());
  for (const JournalEntry& e : entries) {
    auto record = audit::DecodeAuditRecord(e.record);
    if (!record.ok()) {
      if (options_.warn) {
        options_.warn("audit journal entry " + std::to_string(e.seq) +
                      " cannot be decoded; it is dropped from the journal");
      }
      continue;
    }
    events.push_back(audit::MakeAuditEvent(*record));
    ids.push_back(journal_.EventId(e.seq));
  }
  std::vector<ports::WriteOp> ops;
  ops.reserve(events.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    ports::CreateRequest c;
    c.resource = &events[i];
    c.id = ids[i];
    ops.emplace_back(std::move(c));
  }
  std::size_t created = 0;
  while (!ops.empty()) {
    auto r = store_.Transaction(ops);
    if (!r.ok()) return r.status();
    if (r->committed) {
      created = ops.size();
      break;
    }
    // Only an AuditEvent that exists already (an entry indexed before a crash) can fail a
    // create with a fresh journal id: leave it out and write the others.
    if (r->failed_index >= ops.size() || r->results.size() <= r->failed_index ||
        r->results[r->failed_index].outcome != ports::WriteOutcome::kIdTaken) {
      return Internal("the audit index transaction failed");
    }
    ops.erase(ops.begin() + static_cast<std::ptrdiff_t>(r->failed_index));
  }
  GW_RETURN_IF_ERROR(journal_.Trim(entries.back().seq));
  indexed_ += created;
  return entries.size();
}

Result<std::uint64_t> AuditIndexer::IndexAvailable() {
  std::uint64_t before = indexed_.load();
  while (true) {
    auto n = IndexRound();
    if (!n.ok()) return n.status();
    if (*n == 0) break;
  }
  return indexed_.load() - before;
}

void AuditIndexer::Run() {
  NameThisThread("gw-audit-index");
  if (options_.nice != 0) {
    // Linux: the niceness of this thread only.
    (void)setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), options_.nice);
  }

  std::uint32_t wait_ms = 0;
  auto next_backlog_check = std::chrono::steady_clock::now();
  // The append rate over the last window, and whether it makes a burst to stand aside for.
  auto window_start = std::chrono::steady_clock::now();
  std::uint64_t window_committed = journal_.committed();
  bool deferring = false;
  auto window = std::chrono::milliseconds(std::max<std::uint32_t>(options_.idle_ms, 10));
  while (true) {
    if (options_.warn && std::chrono::steady_clock::now() >= next_backlog_check) {
      next_backlog_check = std::chrono::steady_clock::now() + std::chrono::seconds(10);
      auto backlog = journal_.Backlog();
      if (backlog.ok() && *backlog > options_.warn_backlog) {
        options_.warn("audit indexing lags: " + std::to_string(*backlog) +
                      " journal entries wait to become AuditEvent resources");
        next_backlog_check = std::chrono::steady_clock::now() + std::chrono::minutes(1);
      }
    }
    {
      std::unique_lock<std::mutex> lock(mu_);
      if (wait_ms != 0) {
        wake_.wait_for(lock, std::chrono::milliseconds(wait_ms), [&] { return stopping_; });
      }
      if (stopping_) return;
    }
    if (auto now = std::chrono::steady_clock::now(); now - window_start >= window) {
      std::uint64_t committed = journal_.committed();
      double seconds = std::chrono::duration<double>(now - window_start).count();
      double rate = static_cast<double>(committed - window_committed) / seconds;
      deferring = options_.defer_above_per_second > 0 && rate > options_.defer_above_per_second;
      if (deferring) {
        auto backlog = journal_.Backlog();
        if (!backlog.ok() || *backlog >= options_.defer_until_backlog) deferring = false;
      }
      window_start = now;
      window_committed = committed;
    }
    if (deferring) {
      if (auto copied = journal_.Checkpoint(options_.checkpoint_pages);
          !copied.ok() && options_.warn) {
        options_.warn("audit journal checkpoint failed; it is retried after the next round");
      }
      wait_ms = options_.idle_ms;
      continue;
    }
    auto n = IndexRound();
    if (auto copied = journal_.Checkpoint(options_.checkpoint_pages);
        !copied.ok() && options_.warn) {
      options_.warn("audit journal checkpoint failed; it is retried after the next round");
    }
    if (!n.ok()) {
      if (options_.warn) {
        options_.warn(std::string("audit indexing failed (") +
                      std::string(StatusCodeName(n.status().code())) +
                      "); the entries stay in the journal and are retried");
      }
      wait_ms = 1000;
    } else {
      wait_ms = *n == 0 ? options_.idle_ms : 0;
    }
  }
}

}  // namespace gw::shell
