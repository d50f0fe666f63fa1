// The audit journal and its indexer on real SQLite files: group commit under concurrent appends,
// durability across reopen, indexing into searchable AuditEvents, trims handed to the writer,
// checkpoints off the commit path, and the crash cases (an entry indexed but not trimmed; every
// entry trimmed before a restart, also in a file of the older AUTOINCREMENT schema; a corrupt
// row).
#define BOOST_TEST_MODULE audit_journal
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "gateway/core/audit/audit_event.h"
#include "gateway/core/audit/audit_record_codec.h"
#include "gateway/core/search/index_extractor.h"
#include "gateway/shell/audit/audit_indexer.h"
#include "gateway/shell/audit/audit_journal.h"
#include "gateway/shell/store/sqlite_db.h"
#include "gateway/shell/store/sqlite_store.h"
#include "gateway/shell/sys/random_id_generator.h"
#include "gateway/shell/sys/system_clock.h"
#include "search_fixture.h"

namespace gw::shell {
namespace {

struct Folder {
  Folder() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "gw-journal-XXXXXX").string();
    path = mkdtemp(tmpl.data()) != nullptr ? tmpl : std::string();
  }
  ~Folder() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string path;
};

std::string Record(const std::string& patient) {
  audit::AuditRecord r;
  r.interaction = auth::Interaction::kRead;
  r.recorded = "2026-12-03T10:00:00.000Z";
  r.client_id = "ehr-1";
  r.resource_type = "Patient";
  r.resource_id = patient;
  r.patient_ids = {patient};
  return audit::EncodeAuditRecord(r);
}

struct Store {
  explicit Store(const std::string& dir) {
    auto extractor = std::make_shared<search::IndexExtractor>(search::testing::BaseRegistry());
    SqliteStoreOptions options;
    options.path = dir + "/store.db";
    options.synchronous_full = false;
    auto s = SqliteResourceStore::Open(options, extractor, clock, ids);
    BOOST_TEST_REQUIRE(s.ok(), s.status().message());
    store = std::move(s).value();
  }
  std::int64_t Count(const std::string& patient = "") {
    search::SearchQuery q;
    q.resource_type = "AuditEvent";
    q.count = 1000;
    q.total = true;
    if (!patient.empty()) {
      search::ReferencePredicate ref;
      ref.type = "Patient";
      ref.id = patient;
      q.clauses.push_back({"patient", {ref}, false, std::nullopt});
    }
    auto page = store->Search(q);
    BOOST_TEST_REQUIRE(page.ok(), page.status().message());
    return page->total.value_or(-1);
  }
  SystemClock clock;
  RandomIdGenerator ids;
  std::unique_ptr<SqliteResourceStore> store;
};

BOOST_AUTO_TEST_CASE(concurrent_appends_share_commits_and_survive_reopen) {
  Folder dir;
  std::string path = dir.path + "/journal.db";
  std::string first_id;
  {
    auto journal = AuditJournal::Open(path);
    BOOST_TEST_REQUIRE(journal.ok(), journal.status().message());
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < 125; ++i) {
          if ((*journal)->AppendAndWait(Record("p" + std::to_string(t))).ok()) ++ok;
        }
      });
    }
    for (auto& th : threads) th.join();
    BOOST_TEST(ok.load() == 1000);
    BOOST_TEST((*journal)->committed() == 1000u);
    BOOST_TEST((*journal)->commits() < 1000u);  // waiting appends shared commits
    BOOST_TEST(*(*journal)->Backlog() == 1000);
    first_id = (*journal)->EventId(1);
  }
  auto reopened = AuditJournal::Open(path);
  BOOST_TEST_REQUIRE(reopened.ok());
  BOOST_TEST(*(*reopened)->Backlog() == 1000);
  BOOST_TEST((*reopened)->EventId(1) == first_id);  // the identity is kept in the file
  auto oldest = (*reopened)->ReadOldest(3);
  BOOST_TEST_REQUIRE(oldest.ok());
  BOOST_TEST(oldest->size() == 3u);
  BOOST_TEST(oldest->front().seq == 1);
  BOOST_TEST(audit::DecodeAuditRecord(oldest->front().record).ok());
}

BOOST_AUTO_TEST_CASE(the_indexer_makes_searchable_audit_events_and_trims) {
  Folder dir;
  Store s(dir.path);
  auto journal = AuditJournal::Open(dir.path + "/journal.db");
  BOOST_TEST_REQUIRE(journal.ok());
  for (int i = 0; i < 700; ++i) {
    BOOST_TEST_REQUIRE((*journal)->AppendAndWait(Record(i % 7 == 0 ? "a" : "b")).ok());
  }
  AuditIndexerOptions options;
  options.batch = 256;
  AuditIndexer indexer(**journal, *s.store, options);
  auto n = indexer.IndexAvailable();
  BOOST_TEST_REQUIRE(n.ok(), n.status().message());
  BOOST_TEST(*n == 700u);
  BOOST_TEST(*(*journal)->Backlog() == 0);
  BOOST_TEST(s.Count() == 700);
  BOOST_TEST(s.Count("a") == 100);
  auto read = s.store->Read("AuditEvent", (*journal)->EventId(1));
  BOOST_TEST_REQUIRE(read.ok());
  BOOST_TEST(read->json.find("\"ehr-1\"") != std::string::npos);
}

// A folder with a store and an open journal, for the cases that run the indexer's thread.
struct StoreAndJournal {
  StoreAndJournal() : s(dir.path) {
    auto opened = AuditJournal::Open(dir.path + "/journal.db");
    BOOST_TEST_REQUIRE(opened.ok(), opened.status().message());
    journal = std::move(opened).value();
  }
  Folder dir;
  Store s;
  std::unique_ptr<AuditJournal> journal;
};

// Waits up to `max_ms` for the indexer's thread to have indexed `n` entries.
void WaitForIndexed(const AuditIndexer& indexer, std::uint64_t n, int max_ms) {
  for (int waited = 0; waited < max_ms && indexer.indexed() < n; waited += 10) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

BOOST_AUTO_TEST_CASE(the_indexer_thread_catches_up_on_its_own) {
  StoreAndJournal f;
  Store& s = f.s;
  AuditIndexerOptions options;
  options.idle_ms = 10;
  AuditIndexer indexer(*f.journal, *s.store, options);
  indexer.Start();
  for (int i = 0; i < 50; ++i) BOOST_TEST_REQUIRE(f.journal->AppendAndWait(Record("c")).ok());
  WaitForIndexed(indexer, 50, 5000);
  indexer.Stop();
  BOOST_TEST(indexer.indexed() == 50u);
  BOOST_TEST(s.Count("c") == 50);
}

// Appends from 4 threads for `ms` milliseconds; returns how many were made.
int Burst(AuditJournal& journal, int ms) {
  std::atomic<int> made{0};
  auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      while (std::chrono::steady_clock::now() < end) {
        if (journal.AppendAndWait(Record("y")).ok()) ++made;
      }
    });
  }
  for (auto& th : threads) th.join();
  return made.load();
}

BOOST_AUTO_TEST_CASE(the_indexer_stands_aside_during_a_burst_and_catches_up) {
  StoreAndJournal f;
  Store& s = f.s;
  AuditIndexerOptions options;
  options.idle_ms = 20;
  options.defer_above_per_second = 50;  // any burst of this test is far above
  AuditIndexer indexer(*f.journal, *s.store, options);
  indexer.Start();
  int made = Burst(*f.journal, 1000);
  std::uint64_t during = indexer.indexed();
  BOOST_TEST_MESSAGE("appended " << made << ", indexed during the burst " << during);
  BOOST_TEST_REQUIRE(made > 200);
  // Only the first window (before the rate is known) may index.
  BOOST_TEST(during < static_cast<std::uint64_t>(made) / 2);
  WaitForIndexed(indexer, static_cast<std::uint64_t>(made), 60000);
  indexer.Stop();
  BOOST_TEST(indexer.indexed() == static_cast<std::uint64_t>(made));
  BOOST_TEST(s.Count("y") == made);
}

BOOST_AUTO_TEST_CASE(a_long_backlog_is_indexed_during_a_burst) {
  StoreAndJournal f;
  AuditIndexerOptions options;
  options.idle_ms = 20;
  options.defer_above_per_second = 50;
  options.defer_until_backlog = 1;  // every backlog is long
  AuditIndexer indexer(*f.journal, *f.s.store, options);
  indexer.Start();
  int made = Burst(*f.journal, 1000);
  std::uint64_t during = indexer.indexed();
  indexer.Stop();
  BOOST_TEST_MESSAGE("appended " << made << ", indexed during the burst " << during);
  BOOST_TEST_REQUIRE(made > 200);
  BOOST_TEST(during >= 100u);  // deferring, it indexed none
}

BOOST_AUTO_TEST_CASE(an_entry_indexed_before_a_crash_is_not_indexed_twice) {
  Folder dir;
  Store s(dir.path);
  auto journal = AuditJournal::Open(dir.path + "/journal.db");
  BOOST_TEST_REQUIRE(journal.ok());
  for (int i = 0; i < 10; ++i) BOOST_TEST_REQUIRE((*journal)->AppendAndWait(Record("d")).ok());
  // A previous run created the AuditEvents of entries 1-6 and stopped before trimming them.
  auto entries = (*journal)->ReadOldest(6);
  BOOST_TEST_REQUIRE(entries.ok());
  for (const JournalEntry& e : *entries) {
    json::Value event = audit::MakeAuditEvent(*audit::DecodeAuditRecord(e.record));
    ports::CreateRequest c;
    c.resource = &event;
    c.id = (*journal)->EventId(e.seq);
    BOOST_TEST_REQUIRE(s.store->Create(c).ok());
  }
  AuditIndexer indexer(**journal, *s.store, {});
  auto n = indexer.IndexAvailable();
  BOOST_TEST_REQUIRE(n.ok(), n.status().message());
  BOOST_TEST(*n == 4u);
  BOOST_TEST(s.Count("d") == 10);
  BOOST_TEST(*(*journal)->Backlog() == 0);
}

BOOST_AUTO_TEST_CASE(sequence_numbers_are_never_reused_after_a_full_trim) {
  Folder dir;
  std::string path = dir.path + "/journal.db";
  std::string first;
  {
    auto journal = AuditJournal::Open(path);
    BOOST_TEST_REQUIRE((*journal)->AppendAndWait(Record("e")).ok());
    auto entries = (*journal)->ReadOldest(10);
    first = (*journal)->EventId(entries->back().seq);
    BOOST_TEST_REQUIRE((*journal)->Trim(entries->back().seq).ok());
  }
  auto journal = AuditJournal::Open(path);
  BOOST_TEST_REQUIRE((*journal)->AppendAndWait(Record("e")).ok());
  auto entries = (*journal)->ReadOldest(10);
  BOOST_TEST_REQUIRE(entries->size() == 1u);
  BOOST_TEST((*journal)->EventId(entries->front().seq) != first);
}

// Rows in the journal file, through a connection of its own.
std::int64_t RowsInFile(const std::string& path) {
  auto db = SqliteConnection::Open(path, {});
  BOOST_TEST_REQUIRE(db.ok());
  auto count = (*db)->Prepare("SELECT count(*) FROM journal");
  BOOST_TEST_REQUIRE(count.ok());
  BOOST_TEST_REQUIRE(*(*count)->Step());
  return (*count)->Int(0);
}

BOOST_AUTO_TEST_CASE(trims_reach_the_file_in_runs_and_at_stop) {
  Folder dir;
  std::string path = dir.path + "/journal.db";
  {
    auto journal = AuditJournal::Open(path, {.restart_pages = 65536, .trim_batch = 10});
    BOOST_TEST_REQUIRE(journal.ok());
    for (int i = 0; i < 25; ++i) BOOST_TEST_REQUIRE((*journal)->AppendAndWait(Record("t")).ok());
    BOOST_TEST_REQUIRE((*journal)->Trim(5).ok());
    // At once for readers; the file keeps the rows until 10 wait.
    BOOST_TEST(*(*journal)->Backlog() == 20);
    auto oldest = (*journal)->ReadOldest(2);
    BOOST_TEST_REQUIRE(oldest->size() == 2u);
    BOOST_TEST(oldest->front().seq == 6);
    BOOST_TEST(RowsInFile(path) == 25);
    BOOST_TEST_REQUIRE((*journal)->Trim(15).ok());  // 15 wait: the idle writer deletes them
    for (int i = 0; i < 500 && RowsInFile(path) != 10; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    BOOST_TEST(RowsInFile(path) == 10);
    BOOST_TEST_REQUIRE((*journal)->Trim(20).ok());  // 5 wait: they go at Stop
    (*journal)->Stop();
    Status late = (*journal)->Trim(25);
    BOOST_TEST((late.code() == StatusCode::kFailedPrecondition));
  }
  BOOST_TEST(RowsInFile(path) == 5);
  auto reopened = AuditJournal::Open(path);
  BOOST_TEST_REQUIRE(reopened.ok());
  BOOST_TEST(*(*reopened)->Backlog() == 5);
  BOOST_TEST((*reopened)->ReadOldest(1)->front().seq == 21);
}

BOOST_AUTO_TEST_CASE(a_trim_never_passes_what_is_committed) {
  Folder dir;
  auto journal = AuditJournal::Open(dir.path + "/journal.db");
  for (int i = 0; i < 3; ++i) BOOST_TEST_REQUIRE((*journal)->AppendAndWait(Record("u")).ok());
  BOOST_TEST_REQUIRE((*journal)->Trim(1000).ok());
  BOOST_TEST(*(*journal)->Backlog() == 0);
  BOOST_TEST_REQUIRE((*journal)->AppendAndWait(Record("u")).ok());
  BOOST_TEST(*(*journal)->Backlog() == 1);
  auto oldest = (*journal)->ReadOldest(10);
  BOOST_TEST_REQUIRE(oldest->size() == 1u);
  BOOST_TEST(oldest->front().seq == 4);
}

BOOST_AUTO_TEST_CASE(a_file_of_the_autoincrement_schema_keeps_its_high_mark) {
  Folder dir;
  std::string path = dir.path + "/journal.db";
  {
    auto db = SqliteConnection::Open(path, {});
    BOOST_TEST_REQUIRE(db.ok());
    BOOST_TEST_REQUIRE((*db)->Exec(
        "CREATE TABLE journal_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "INSERT INTO journal_meta VALUES('identity', '0123456789abcdef0123456789abcdef');"
        "CREATE TABLE journal(seq INTEGER PRIMARY KEY AUTOINCREMENT, record TEXT NOT NULL);"
        "INSERT INTO journal(record) VALUES('a'), ('b'), ('c');"
        "DELETE FROM journal;").ok());
  }
  auto journal = AuditJournal::Open(path);
  BOOST_TEST_REQUIRE(journal.ok(), journal.status().message());
  BOOST_TEST_REQUIRE((*journal)->AppendAndWait(Record("v")).ok());
  auto oldest = (*journal)->ReadOldest(10);
  BOOST_TEST_REQUIRE(oldest->size() == 1u);
  BOOST_TEST(oldest->front().seq == 4);
  BOOST_TEST((*journal)->EventId(4) == "0123456789abcdef0123456789abcdef-4");
}

BOOST_AUTO_TEST_CASE(a_checkpoint_copies_the_wal_when_enough_waits) {
  Folder dir;
  auto journal = AuditJournal::Open(dir.path + "/journal.db");
  for (int i = 0; i < 50; ++i) BOOST_TEST_REQUIRE((*journal)->AppendAndWait(Record("w")).ok());
  auto none = (*journal)->Checkpoint(1'000'000);
  BOOST_TEST_REQUIRE(none.ok());
  BOOST_TEST(*none == 0);
  auto copied = (*journal)->Checkpoint(1);
  BOOST_TEST_REQUIRE(copied.ok());
  BOOST_TEST(*copied > 0);
  auto again = (*journal)->Checkpoint(1);
  BOOST_TEST_REQUIRE(again.ok());
  BOOST_TEST(*again == 0);  // nothing new since
  BOOST_TEST_REQUIRE((*journal)->AppendAndWait(Record("w")).ok());
  BOOST_TEST(*(*journal)->Checkpoint(1) > 0);
  BOOST_TEST(*(*journal)->Backlog() == 51);
}

BOOST_AUTO_TEST_CASE(the_wal_starts_over_instead_of_growing) {
  Folder dir;
  std::string path = dir.path + "/journal.db";
  auto journal = AuditJournal::Open(path, {.restart_pages = 64});
  BOOST_TEST_REQUIRE(journal.ok());
  for (int i = 0; i < 1000; ++i) BOOST_TEST_REQUIRE((*journal)->AppendAndWait(Record("x")).ok());
  // Each commit adds a few frames: without restarts the WAL would hold thousands of pages.
  BOOST_TEST(std::filesystem::file_size(path + "-wal") < 128u * 4200u);
  BOOST_TEST(*(*journal)->Backlog() == 1000);
}

BOOST_AUTO_TEST_CASE(a_corrupt_entry_is_reported_and_does_not_block_the_others) {
  Folder dir;
  Store s(dir.path);
  auto journal = AuditJournal::Open(dir.path + "/journal.db");
  BOOST_TEST_REQUIRE((*journal)->AppendAndWait(Record("f")).ok());
  BOOST_TEST_REQUIRE((*journal)->AppendAndWait("not a record").ok());
  BOOST_TEST_REQUIRE((*journal)->AppendAndWait(Record("f")).ok());
  std::vector<std::string> warnings;
  AuditIndexerOptions options;
  options.warn = [&](std::string_view w) { warnings.emplace_back(w); };
  AuditIndexer indexer(**journal, *s.store, options);
  auto n = indexer.IndexAvailable();
  BOOST_TEST_REQUIRE(n.ok());
  BOOST_TEST(*n == 2u);
  BOOST_TEST(warnings.size() == 1u);
  BOOST_TEST(warnings.front().find("not a record") == std::string::npos);  // no contents
  BOOST_TEST(*(*journal)->Backlog() == 0);
}

BOOST_AUTO_TEST_CASE(append_after_stop_fails_at_once) {
  Folder dir;
  auto journal = AuditJournal::Open(dir.path + "/journal.db");
  (*journal)->Stop();
  Status st = (*journal)->AppendAndWait(Record("g"));
  BOOST_TEST(!st.ok());
  BOOST_TEST((st.code() == StatusCode::kFailedPrecondition));
}

}  // namespace
}  // namespace gw::shell
