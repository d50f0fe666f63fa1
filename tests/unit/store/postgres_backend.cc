// The PostgreSQL backend of the store test suite: one private server for the test program
// (pg_test_server.h) and a fresh database per test. Without the PostgreSQL binaries the suite
// reports itself skipped; any other failure to start or open fails the tests (an exception
// from the fixture), so a broken backend is never reported as skipped.
//
// Also the PostgreSQL-specific cases: several stores (several pools, as several gateway
// instances) on one database.
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <deque>
#include <iostream>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "gateway/shell/store/postgres_cursor.h"
#include "gateway/shell/store/postgres_store.h"
#include "pg_test_server.h"
#include "search_fixture.h"
#include "store_backend.h"

namespace gw::store::testing {
namespace {

class PostgresBackend final : public StoreBackend {
 public:
  std::string Name() const override { return "postgres"; }

  Result<std::unique_ptr<ports::ResourceStore>> OpenFresh(
      std::shared_ptr<const search::IndexExtractor> extractor, const ports::Clock& clock,
      const ports::IdGenerator& ids) override {
    Result<std::string> conninfo = NewDatabase();
    if (!conninfo.ok()) return conninfo.status();
    conninfo_ = conninfo.value();
    return Reopen(std::move(extractor), clock, ids);
  }

  Result<std::unique_ptr<ports::ResourceStore>> Reopen(
      std::shared_ptr<const search::IndexExtractor> extractor, const ports::Clock& clock,
      const ports::IdGenerator& ids) override {
    auto s = OpenOn(conninfo_, std::move(extractor), clock, ids);
    if (!s.ok()) throw std::runtime_error("PostgreSQL store: " + s.status().ToString());
    return std::unique_ptr<ports::ResourceStore>(std::move(s).value());
  }

  // The connection string of a new empty database. Errors: kNotFound when PostgreSQL is not
  // installed here (skip); throws on any other failure.
  Result<std::string> NewDatabase() {
    PgTestServer* server = Server();
    if (server == nullptr) return start_status_;
    const std::string name = "store_" + std::to_string(++databases_);
    Status created = server->CreateDatabase(name);
    if (!created.ok()) throw std::runtime_error("PostgreSQL test server: " + created.ToString());
    return server->Conninfo(name);
  }

  Result<std::unique_ptr<shell::PostgresResourceStore>> OpenOn(
      const std::string& conninfo, std::shared_ptr<const search::IndexExtractor> extractor,
      const ports::Clock& clock, const ports::IdGenerator& ids) {
    shell::PostgresStoreOptions options;
    options.conninfo = conninfo;
    options.pool_size = 8;
    return shell::PostgresResourceStore::Open(options, std::move(extractor), clock, ids);
  }

 private:
  PgTestServer* Server() {
    std::call_once(started_, [&] {
      auto s = PgTestServer::Start();
      if (s.ok()) {
        server_ = std::move(s).value();
      } else {
        start_status_ = s.status();
      }
    });
    if (server_ == nullptr && start_status_.code() != StatusCode::kNotFound) {
      throw std::runtime_error("PostgreSQL test server: " + start_status_.ToString());
    }
    return server_.get();
  }

  std::once_flag started_;
  std::unique_ptr<PgTestServer> server_;
  Status start_status_;
  std::atomic<int> databases_{0};
  std::string conninfo_;
};

PostgresBackend& Postgres() {
  static PostgresBackend backend;
  return backend;
}

// --- several stores on one database ----------------------------------------------------------

class FixedClock final : public ports::Clock {
 public:
  std::int64_t NowMillis() const override { return 1'700'000'000'000; }
};

class PrefixIds final : public ports::IdGenerator {
 public:
  explicit PrefixIds(std::string prefix) : prefix_(std::move(prefix)) {}
  std::string NewId() const override { return prefix_ + std::to_string(++n_); }

 private:
  std::string prefix_;
  mutable std::atomic<int> n_{0};
};

struct TwoStores {
  TwoStores() {
    auto registry = search::testing::BaseRegistry();
    if (registry == nullptr) {
      skip = "R4 definitions absent";
      return;
    }
    extractor = std::make_shared<search::IndexExtractor>(registry);
    Result<std::string> db = Postgres().NewDatabase();
    if (!db.ok()) {
      skip = db.status().ToString();
      return;
    }
    conninfo = db.value();
    // Both open together on the empty database: the schema is made once.
    Status sa, sb;
    std::thread ta([&] { sa = Open(&a, ids_a); });
    std::thread tb([&] { sb = Open(&b, ids_b); });
    ta.join();
    tb.join();
    BOOST_REQUIRE_MESSAGE(sa.ok(), sa.ToString());
    BOOST_REQUIRE_MESSAGE(sb.ok(), sb.ToString());
  }

  Status Open(std::unique_ptr<shell::PostgresResourceStore>* out, const ports::IdGenerator& ids) {
    auto s = Postgres().OpenOn(conninfo, extractor, clock, ids);
    if (!s.ok()) return s.status();
    *out = std::move(s).value();
    return Status::Ok();
  }

  json::Value Patient(std::string_view mrn) {
    return search::testing::ParseJson(
        R"({"resourceType":"Patient","identifier":[{"system":"http://hospital/mrn","value":")" +
        std::string(mrn) + R"("}],"name":[{"family":"Shared"}]})");
  }

  std::string skip;
  std::string conninfo;
  FixedClock clock;
  PrefixIds ids_a{"a-"}, ids_b{"b-"};
  std::shared_ptr<const search::IndexExtractor> extractor;
  std::unique_ptr<shell::PostgresResourceStore> a, b;
};

#define REQUIRE_TWO_STORES()                                          \
  if (!skip.empty()) {                                                \
    std::cout << "GW_SKIPPED: postgres unavailable " << skip << "\n"; \
    return;                                                           \
  }

search::SearchQuery ByMrn(std::string mrn) {
  search::SearchQuery q;
  q.resource_type = "Patient";
  search::SearchClause c;
  c.param = "identifier";
  c.any_of.push_back(search::TokenPredicate{"http://hospital/mrn", std::move(mrn), std::nullopt});
  q.clauses.push_back(std::move(c));
  return q;
}

BOOST_AUTO_TEST_SUITE(postgres_store)

BOOST_AUTO_TEST_CASE(cursors_keep_the_snapshot_and_reject_what_postgres_would) {
  shell::pg::PgPageCursor c;
  c.snapshot = "100:120:103,110";
  c.keyset.last_rid = 42;
  c.keyset.sort_values = {std::int64_t{7}, std::string("b\xC3\xA9")};
  const std::string text = shell::pg::EncodePgCursor(c);
  BOOST_TEST(text.find(':') == std::string::npos);
  BOOST_TEST(text.find(',') == std::string::npos);
  auto back = shell::pg::DecodePgCursor(text);
  BOOST_REQUIRE(back.ok());
  BOOST_TEST(back->snapshot == c.snapshot);
  BOOST_TEST(back->keyset.last_rid == 42);
  BOOST_TEST((back->keyset.sort_values == c.keyset.sort_values));
  c.snapshot = "5:5:";
  back = shell::pg::DecodePgCursor(shell::pg::EncodePgCursor(c));
  BOOST_REQUIRE(back.ok());
  BOOST_TEST(back->snapshot == "5:5:");
  for (const char* bad : {"", "p1", "p1.5-5", "p1.0-5.c1.0.1", "p1.6-5.c1.0.1", "p1.5-9-9.c1.0.1",
                          "p1.5-9-4.c1.0.1", "p1.5-9-7_6.c1.0.1", "p1.5-9-6_6.c1.0.1",
                          "p1.5-9-.c1.0.1", "p1.5-x.c1.0.1", "p1.5-9.c1.3.1", "p1.5-9.garbage",
                          "c1.0.1", "p1.+5-9.c1.0.1", "p1.5-99999999999999999999.c1.0.1"}) {
    BOOST_TEST((shell::pg::DecodePgCursor(bad).status().code() == StatusCode::kInvalidArgument),
               bad);
  }
}

BOOST_FIXTURE_TEST_CASE(conditional_creates_from_two_stores_make_one_resource, TwoStores) {
  REQUIRE_TWO_STORES();
  constexpr int kRounds = 5;
  constexpr int kThreadsPerStore = 6;
  for (int round = 0; round < kRounds; ++round) {
    const std::string mrn = "SHARED-" + std::to_string(round);
    const json::Value body = Patient(mrn);
    const search::SearchQuery criteria = ByMrn(mrn);
    std::atomic<int> created{0}, existing{0}, other{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < 2 * kThreadsPerStore; ++i) {
      shell::PostgresResourceStore* store = i % 2 == 0 ? a.get() : b.get();
      threads.emplace_back([&, store] {
        while (!go.load()) std::this_thread::yield();
        auto out = store->Create(ports::CreateRequest{&body, "", criteria});
        if (!out.ok()) {
          ++other;
        } else if (out->outcome == ports::WriteOutcome::kCreated) {
          ++created;
        } else if (out->outcome == ports::WriteOutcome::kExisting) {
          ++existing;
        } else {
          ++other;
        }
      });
    }
    go = true;
    for (auto& t : threads) t.join();
    BOOST_TEST(created.load() == 1);
    BOOST_TEST(existing.load() == 2 * kThreadsPerStore - 1);
    BOOST_TEST(other.load() == 0);
    for (auto* store : {a.get(), b.get()}) {
      auto page = store->Search(criteria);
      BOOST_REQUIRE(page.ok());
      BOOST_TEST(page->resources.size() == 1u);
    }
  }
}

BOOST_FIXTURE_TEST_CASE(if_match_across_stores_one_wins, TwoStores) {
  REQUIRE_TWO_STORES();
  const json::Value body = search::testing::ParseJson(R"({"resourceType":"Patient","id":"p1"})");
  auto c = a->Update({&body, "Patient", "p1", std::nullopt, true});
  BOOST_REQUIRE(c.ok());
  for (std::int64_t version = 1; version <= 5; ++version) {
    std::atomic<int> updated{0}, conflicts{0};
    std::thread ta([&] {
      auto r = a->Update({&body, "Patient", "p1", version, true});
      if (r.ok() && r->outcome == ports::WriteOutcome::kUpdated) ++updated;
      if (r.ok() && r->outcome == ports::WriteOutcome::kVersionConflict) ++conflicts;
    });
    std::thread tb([&] {
      auto r = b->Update({&body, "Patient", "p1", version, true});
      if (r.ok() && r->outcome == ports::WriteOutcome::kUpdated) ++updated;
      if (r.ok() && r->outcome == ports::WriteOutcome::kVersionConflict) ++conflicts;
    });
    ta.join();
    tb.join();
    BOOST_TEST(updated.load() == 1);
    BOOST_TEST(conflicts.load() == 1);
  }
  auto r = b->Read("Patient", "p1");
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->version_id == 6);
}

BOOST_FIXTURE_TEST_CASE(a_cursor_from_one_store_pages_on_another, TwoStores) {
  REQUIRE_TWO_STORES();
  for (int i = 0; i < 5; ++i) {
    json::Value p = Patient("PAGE-" + std::to_string(i));
    BOOST_REQUIRE(a->Create({&p, "", std::nullopt}).ok());
  }
  search::SearchQuery q;
  q.resource_type = "Patient";
  q.count = 2;
  q.total = true;
  auto first = a->Search(q);
  BOOST_REQUIRE(first.ok());
  BOOST_TEST(first->total.value_or(-1) == 5);
  json::Value later = Patient("LATER");
  BOOST_REQUIRE(b->Create({&later, "", std::nullopt}).ok());  // after the snapshot
  std::vector<std::string> seen;
  for (const auto& r : first->resources) seen.push_back(r.id);
  q.cursor = first->next_cursor;
  while (!q.cursor.empty()) {
    auto page = b->Search(q);
    BOOST_REQUIRE(page.ok());
    BOOST_TEST(page->total.value_or(-1) == 5);
    for (const auto& r : page->resources) seen.push_back(r.id);
    q.cursor = page->next_cursor;
  }
  BOOST_TEST(seen.size() == 5u);
  for (const std::string& id : seen) BOOST_TEST(id.rfind("a-", 0) == 0u);
  // A tampered snapshot is a malformed cursor, never a database error.
  q.cursor = "p1.9-3.c1.0.1";
  BOOST_TEST((a->Search(q).status().code() == StatusCode::kInvalidArgument));
}

BOOST_FIXTURE_TEST_CASE(errors_do_not_reveal_the_connection_string_or_sql, TwoStores) {
  REQUIRE_TWO_STORES();
  shell::PostgresStoreOptions options;
  options.conninfo = "host=127.0.0.1 port=1 user=secretuser password=secretpw connect_timeout=2";
  auto s = shell::PostgresResourceStore::Open(options, extractor, clock, ids_a);
  BOOST_REQUIRE(!s.ok());
  BOOST_TEST((s.status().code() == StatusCode::kIo));
  BOOST_TEST(s.status().message().find("secret") == std::string::npos);
  BOOST_TEST(s.status().message().find("127.0.0.1") == std::string::npos);
  // A search value PostgreSQL refuses (not UTF-8) is the caller's error, without SQL text.
  search::SearchQuery q = ByMrn("\xff\xfe");
  auto r = a->Search(q);
  BOOST_TEST((r.status().code() == StatusCode::kInvalidArgument));
  BOOST_TEST(r.status().message().find("SELECT") == std::string::npos);
  BOOST_TEST(r.status().message().find("\xff") == std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(bulk_and_small_transactions_from_two_stores, TwoStores) {
  REQUIRE_TWO_STORES();
  // 300 ops: more than the store locks one by one, so the bulk transactions run alone while
  // single updates of the same resources keep coming from the other store.
  std::deque<json::Value> bodies;
  std::vector<ports::WriteOp> bulk;
  for (int i = 0; i < 300; ++i) {
    const std::string id = "bulk-" + std::to_string(i);
    bodies.push_back(search::testing::ParseJson(R"({"resourceType":"Patient","id":")" + id +
                                                R"(","name":[{"family":"Bulk"}]})"));
    bulk.push_back(ports::UpdateRequest{&bodies.back(), "Patient", id, std::nullopt, true});
  }
  std::atomic<bool> done{false};
  std::atomic<int> single_ok{0}, single_failed{0};
  std::thread single([&] {
    for (int i = 0; !done.load() || i < 20; ++i) {
      const std::string id = "bulk-" + std::to_string(i % 300);
      json::Value body = search::testing::ParseJson(R"({"resourceType":"Patient","id":")" + id +
                                                    R"(","name":[{"family":"Single"}]})");
      auto r = b->Update({&body, "Patient", id, std::nullopt, true});
      (r.ok() ? single_ok : single_failed)++;
    }
  });
  for (int round = 0; round < 3; ++round) {
    auto t = a->Transaction(bulk);
    BOOST_REQUIRE_MESSAGE(t.ok(), t.status().ToString());
    BOOST_TEST(t->committed);
  }
  done = true;
  single.join();
  BOOST_TEST(single_failed.load() == 0);
  // Every write made exactly one version: 3 bulk rounds plus the single updates.
  ports::HistoryQuery h;
  h.resource_type = "Patient";
  h.count = 0;
  auto all = b->History(h);
  BOOST_REQUIRE(all.ok());
  BOOST_TEST(all->total.value_or(-1) == 3 * 300 + single_ok.load());
}

BOOST_FIXTURE_TEST_CASE(prefix_searches_ending_in_any_character, TwoStores) {
  REQUIRE_TWO_STORES();
  // U+4E3F ends in the byte 0xBF: the bound of a prefix range is the next character (U+4E40),
  // never an invalid byte sequence the database would refuse.
  const std::string pie = "\xE4\xB8\xBF", next = "\xE4\xB9\x80";
  for (const std::string& family : {pie + "a", pie, next + "b", std::string("zz")}) {
    json::Value p = search::testing::ParseJson(R"({"resourceType":"Patient","name":[{"family":")" +
                                               family + R"("}]})");
    BOOST_REQUIRE(a->Create({&p, "", std::nullopt}).ok());
  }
  search::SearchQuery q;
  q.resource_type = "Patient";
  search::SearchClause c;
  c.param = "family";
  c.any_of.push_back(search::StringPredicate{search::StringPredicate::Mode::kStartsWith, pie});
  q.clauses.push_back(c);
  auto page = a->Search(q);
  BOOST_REQUIRE_MESSAGE(page.ok(), page.status().ToString());
  BOOST_TEST(page->resources.size() == 2u);
  // The last possible character has no successor: the range is open above.
  q.clauses[0].any_of[0] =
      search::StringPredicate{search::StringPredicate::Mode::kStartsWith, "\xF4\x8F\xBF\xBF"};
  page = a->Search(q);
  BOOST_REQUIRE_MESSAGE(page.ok(), page.status().ToString());
  BOOST_TEST(page->resources.empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace

StoreBackend& Backend() { return Postgres(); }

}  // namespace gw::store::testing
