// The ResourceStore test suite, written once against the port and run against every backend
// (see store_backend.h): versions and history, If-Match, create-on-update, deletes,
// transactions, conditional creates under contention, paging under concurrent writes, every
// predicate type, and exact decimals.
#define BOOST_TEST_MODULE store_suite
#include <algorithm>
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <deque>
#include <iostream>
#include <mutex>
#include <set>
#include <thread>

#include "gateway/core/json/parse.h"
#include "gateway/core/search/instant.h"
#include "search_fixture.h"
#include "store_backend.h"

namespace gw::store::testing {
namespace {

using ports::WriteOutcome;
using search::Prefix;

class FakeClock final : public ports::Clock {
 public:
  std::int64_t NowMillis() const override { return now_.load(); }
  void Advance(std::int64_t ms) { now_ += ms; }
  void Set(std::int64_t ms) { now_ = ms; }

 private:
  std::atomic<std::int64_t> now_{1'700'000'000'000};  // 2023-11-14T22:13:20Z
};

class FakeIdGenerator final : public ports::IdGenerator {
 public:
  std::string NewId() const override { return "gen-" + std::to_string(++n_); }

 private:
  mutable std::atomic<int> n_{0};
};

struct StoreFixture {
  StoreFixture() {
    auto registry = search::testing::BaseRegistry();
    if (registry == nullptr) return;
    extractor = std::make_shared<search::IndexExtractor>(registry);
    auto s = Backend().OpenFresh(extractor, clock, ids);
    if (s.ok()) {
      store = std::move(s).value();
    } else {
      skip_reason = s.status().ToString();
    }
  }

  const json::Value* Keep(std::string_view text) {
    std::lock_guard<std::recursive_mutex> lock(trees_mu);
    trees.push_back(search::testing::ParseJson(text));
    return &trees.back();
  }

  ports::WriteResult Create(std::string_view text, std::string id = "") {
    ports::CreateRequest r;
    r.resource = Keep(text);
    r.id = std::move(id);
    auto out = store->Create(r);
    BOOST_REQUIRE_MESSAGE(out.ok(), out.status().ToString());
    return std::move(out).value();
  }

  ports::WriteResult Update(std::string_view type, std::string_view id, std::string_view text,
                            std::optional<std::int64_t> if_match = std::nullopt,
                            bool allow_create = true) {
    ports::UpdateRequest r;
    r.resource = Keep(text);
    r.resource_type = std::string(type);
    r.id = std::string(id);
    r.if_match = if_match;
    r.allow_create = allow_create;
    auto out = store->Update(r);
    BOOST_REQUIRE_MESSAGE(out.ok(), out.status().ToString());
    return std::move(out).value();
  }

  ports::WriteResult Delete(std::string_view type, std::string_view id,
                            std::optional<std::int64_t> if_match = std::nullopt) {
    auto out = store->Delete({std::string(type), std::string(id), if_match});
    BOOST_REQUIRE_MESSAGE(out.ok(), out.status().ToString());
    return std::move(out).value();
  }

  // Ids of every match, following the pages (sorted unless the query sorts).
  std::vector<std::string> Find(search::SearchQuery q, std::size_t page_size = 100) {
    q.count = page_size;
    std::vector<std::string> out;
    for (int guard = 0; guard < 1000; ++guard) {
      auto page = store->Search(q);
      BOOST_REQUIRE_MESSAGE(page.ok(), page.status().ToString());
      for (const auto& r : page->resources) {
        out.push_back(r.id);
        // A page carries the current version of each match, its text included.
        auto current = store->Read(r.resource_type, r.id);
        BOOST_REQUIRE(current.ok());
        BOOST_TEST(r.json == current->json);
        BOOST_TEST(r.version_id == current->version_id);
        BOOST_TEST(r.last_updated_ms == current->last_updated_ms);
        BOOST_TEST(!r.deleted);
      }
      if (page->next_cursor.empty()) break;
      q.cursor = page->next_cursor;
    }
    if (q.sort.empty()) std::sort(out.begin(), out.end());
    return out;
  }

  FakeClock clock;
  FakeIdGenerator ids;
  std::shared_ptr<const search::IndexExtractor> extractor;
  std::unique_ptr<ports::ResourceStore> store;
  std::string skip_reason;
  std::deque<json::Value> trees;
  std::recursive_mutex trees_mu;
};

#define REQUIRE_STORE()                                                              \
  if (store == nullptr) {                                                            \
    std::cout << "GW_SKIPPED: store backend " << Backend().Name() << " unavailable " \
              << skip_reason << "\n";                                                \
    return;                                                                          \
  }

using Ids = std::vector<std::string>;

search::SearchQuery Query(std::string type, std::vector<search::SearchClause> clauses = {}) {
  search::SearchQuery q;
  q.resource_type = std::move(type);
  q.clauses = std::move(clauses);
  return q;
}

search::SearchClause Clause(std::string param, std::vector<search::Predicate> any_of) {
  search::SearchClause c;
  c.param = std::move(param);
  c.any_of = std::move(any_of);
  return c;
}

search::TokenPredicate Token(std::optional<std::string> system, std::optional<std::string> code) {
  return {std::move(system), std::move(code), std::nullopt};
}

search::DatePredicate Date(Prefix prefix, std::string_view value) {
  auto r = search::RangeOfText(value);
  BOOST_REQUIRE(r.has_value());
  return {prefix, r->low_ms, r->high_ms};
}

fhirpath::Decimal Dec(std::string_view s) { return *fhirpath::Decimal::Parse(s); }

std::string PatientJson(std::string_view id, std::string_view family, std::string_view birth,
                        std::string_view identifier = "") {
  std::string out = R"({"resourceType":"Patient","id":")" + std::string(id) +
                    R"(","name":[{"family":")" + std::string(family) + R"("}])";
  if (!birth.empty()) out += R"(,"birthDate":")" + std::string(birth) + "\"";
  if (!identifier.empty()) {
    out += R"(,"identifier":[{"system":"http://hospital/mrn","value":")" + std::string(identifier) +
           "\"}]";
  }
  return out + "}";
}

// --- versions, history, If-Match, deletes -------------------------------------------------

BOOST_FIXTURE_TEST_CASE(create_stamps_id_and_meta_and_keeps_decimals, StoreFixture) {
  REQUIRE_STORE();
  auto c = Create(R"({"resourceType":"Observation","id":"ignored","status":"final",
    "meta":{"versionId":"99","profile":["http://x/p"]},
    "code":{"text":"x"},"valueQuantity":{"value":1.50,"unit":"mg"},
    "component":[{"code":{"text":"y"},"valueQuantity":{"value":1e2}},
                 {"code":{"text":"z"},"valueQuantity":{"value":-0.10}}]})");
  BOOST_TEST((c.outcome == WriteOutcome::kCreated));
  BOOST_TEST(c.version.id == "gen-1");
  BOOST_TEST(c.version.version_id == 1);
  BOOST_TEST(c.version.last_updated_ms == clock.NowMillis());
  auto r = store->Read("Observation", "gen-1");
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->json == c.version.json);
  BOOST_TEST(r->json.find("\"value\":1.50,") != std::string::npos);
  BOOST_TEST(r->json.find("\"value\":1e2") != std::string::npos);
  BOOST_TEST(r->json.find("\"value\":-0.10") != std::string::npos);
  BOOST_TEST(r->json.starts_with(
      R"({"resourceType":"Observation","id":"gen-1","meta":{"versionId":"1","lastUpdated":"2023-11-14T22:13:20.000Z","profile":["http://x/p"]},)"));
  // The stored text parses back to the same decimal text.
  auto tree = json::Parse(r->json);
  BOOST_REQUIRE(tree.ok());
  BOOST_TEST(tree->Find("valueQuantity")->Find("value")->number_text() == "1.50");
}

BOOST_FIXTURE_TEST_CASE(updates_make_versions_and_history, StoreFixture) {
  REQUIRE_STORE();
  Create(PatientJson("p1", "One", "1970"), "p1");
  clock.Advance(1000);
  auto u = Update("Patient", "p1", PatientJson("p1", "Two", "1970"));
  BOOST_TEST((u.outcome == WriteOutcome::kUpdated));
  BOOST_TEST(u.version.version_id == 2);
  clock.Advance(1000);
  Update("Patient", "p1", PatientJson("p1", "Three", "1970"));
  Create(PatientJson("x", "Other", "1980"), "p2");

  auto r = store->Read("Patient", "p1");
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->version_id == 3);
  BOOST_TEST(r->json.find("Three") != std::string::npos);
  auto v1 = store->VRead("Patient", "p1", 1);
  BOOST_REQUIRE(v1.ok());
  BOOST_TEST(v1->json.find("One") != std::string::npos);
  BOOST_TEST(v1->last_updated_ms == 1'700'000'000'000);
  BOOST_TEST((store->VRead("Patient", "p1", 4).status().code() == StatusCode::kNotFound));
  BOOST_TEST((store->Read("Patient", "nope").status().code() == StatusCode::kNotFound));

  ports::HistoryQuery hq;
  hq.resource_type = "Patient";
  hq.id = "p1";
  auto h = store->History(hq);
  BOOST_REQUIRE(h.ok());
  BOOST_TEST(h->versions.size() == 3u);
  BOOST_TEST(h->versions[0].version_id == 3);  // newest first
  BOOST_TEST(h->versions[2].version_id == 1);
  BOOST_TEST(h->total.value_or(-1) == 3);

  hq.since_ms = 1'700'000'001'000;
  h = store->History(hq);
  BOOST_TEST(h->versions.size() == 2u);

  // Paged type history: 4 versions of Patients, 3 pages of 2 then 1... with count 3.
  ports::HistoryQuery type_h;
  type_h.resource_type = "Patient";
  type_h.count = 3;
  auto p1 = store->History(type_h);
  BOOST_REQUIRE(p1.ok());
  BOOST_TEST(p1->versions.size() == 3u);
  BOOST_TEST(!p1->next_cursor.empty());
  Update("Patient", "p2", PatientJson("p2", "Later", "1980"));  // newer: not on later pages
  type_h.cursor = p1->next_cursor;
  auto p2 = store->History(type_h);
  BOOST_REQUIRE(p2.ok());
  BOOST_TEST(p2->versions.size() == 1u);
  BOOST_TEST(p2->next_cursor.empty());
  BOOST_TEST(p2->versions[0].id == "p1");
  BOOST_TEST(p2->versions[0].version_id == 1);

  ports::HistoryQuery system_h;
  auto all = store->History(system_h);
  BOOST_TEST(all->versions.size() == 5u);
  ports::HistoryQuery missing;
  missing.resource_type = "Patient";
  missing.id = "nope";
  BOOST_TEST((store->History(missing).status().code() == StatusCode::kNotFound));
}

BOOST_FIXTURE_TEST_CASE(if_match_conflicts, StoreFixture) {
  REQUIRE_STORE();
  Create(PatientJson("p1", "A", ""), "p1");
  Update("Patient", "p1", PatientJson("p1", "B", ""));
  auto stale = Update("Patient", "p1", PatientJson("p1", "C", ""), 1);
  BOOST_TEST((stale.outcome == WriteOutcome::kVersionConflict));
  BOOST_TEST(stale.version.version_id == 2);
  auto ok = Update("Patient", "p1", PatientJson("p1", "C", ""), 2);
  BOOST_TEST((ok.outcome == WriteOutcome::kUpdated));
  BOOST_TEST(ok.version.version_id == 3);
  BOOST_TEST((Delete("Patient", "p1", 2).outcome == WriteOutcome::kVersionConflict));
  BOOST_TEST((Update("Patient", "new", PatientJson("new", "N", ""), 1).outcome ==
              WriteOutcome::kVersionConflict));
  BOOST_TEST((store->Read("Patient", "new").status().code() == StatusCode::kNotFound));
}

BOOST_FIXTURE_TEST_CASE(two_if_match_writers_one_conflict, StoreFixture) {
  REQUIRE_STORE();
  Create(PatientJson("p1", "A", ""), "p1");
  std::atomic<int> updated{0}, conflicts{0};
  std::vector<std::thread> threads;
  const json::Value* body = Keep(PatientJson("p1", "B", ""));
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back([&] {
      ports::UpdateRequest r{body, "Patient", "p1", 1, true};
      auto out = store->Update(r);
      if (!out.ok()) return;
      if (out->outcome == WriteOutcome::kUpdated) ++updated;
      if (out->outcome == WriteOutcome::kVersionConflict) ++conflicts;
    });
  }
  for (auto& t : threads) t.join();
  BOOST_TEST(updated.load() == 1);
  BOOST_TEST(conflicts.load() == 1);
}

BOOST_FIXTURE_TEST_CASE(create_on_update_and_taken_ids, StoreFixture) {
  REQUIRE_STORE();
  auto c = Update("Patient", "client-1", PatientJson("client-1", "A", ""));
  BOOST_TEST((c.outcome == WriteOutcome::kCreated));
  BOOST_TEST(c.version.version_id == 1);
  BOOST_TEST((Update("Patient", "client-2", PatientJson("client-2", "A", ""), std::nullopt, false)
                  .outcome == WriteOutcome::kNotFound));
  BOOST_TEST((Create(PatientJson("x", "B", ""), "client-1").outcome == WriteOutcome::kIdTaken));
  // A body id that differs from the target is an invalid request.
  ports::UpdateRequest bad{Keep(PatientJson("other", "A", "")), "Patient", "client-1", std::nullopt,
                           true};
  BOOST_TEST((store->Update(bad).status().code() == StatusCode::kInvalidArgument));
  ports::CreateRequest not_resource{Keep(R"({"foo":1})"), "", std::nullopt};
  BOOST_TEST((store->Create(not_resource).status().code() == StatusCode::kInvalidArgument));
  ports::CreateRequest bad_id{Keep(PatientJson("x", "A", "")), "bad id!", std::nullopt};
  BOOST_TEST((store->Create(bad_id).status().code() == StatusCode::kInvalidArgument));
}

BOOST_FIXTURE_TEST_CASE(delete_then_read_vread_and_resurrect, StoreFixture) {
  REQUIRE_STORE();
  Create(PatientJson("p1", "Gone", "1970", "MRN-1"), "p1");
  auto by_mrn = Query("Patient", {Clause("identifier", {Token("http://hospital/mrn", "MRN-1")})});
  BOOST_TEST(Find(by_mrn) == Ids{"p1"});
  auto d = Delete("Patient", "p1");
  BOOST_TEST((d.outcome == WriteOutcome::kDeleted));
  BOOST_TEST(d.version.version_id == 2);
  auto r = store->Read("Patient", "p1");
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->deleted);
  BOOST_TEST(r->version_id == 2);
  BOOST_TEST(r->json.empty());
  auto v1 = store->VRead("Patient", "p1", 1);
  BOOST_REQUIRE(v1.ok());
  BOOST_TEST(!v1->deleted);
  BOOST_TEST(v1->json.find("Gone") != std::string::npos);
  BOOST_TEST(Find(by_mrn).empty());
  BOOST_TEST(Find(Query("Patient")).empty());
  BOOST_TEST((Delete("Patient", "p1").outcome == WriteOutcome::kAlreadyDeleted));
  BOOST_TEST((Delete("Patient", "never").outcome == WriteOutcome::kAlreadyDeleted));
  ports::HistoryQuery hq{"Patient", "p1", std::nullopt, 50, ""};
  auto h = store->History(hq);
  BOOST_TEST(h->versions.size() == 2u);
  BOOST_TEST(h->versions[0].deleted);

  auto back = Update("Patient", "p1", PatientJson("p1", "Back", "1970", "MRN-1"));
  BOOST_TEST((back.outcome == WriteOutcome::kCreated));
  BOOST_TEST(back.version.version_id == 3);
  BOOST_TEST(Find(by_mrn) == Ids{"p1"});
}

// --- transactions ---------------------------------------------------------------------------

BOOST_FIXTURE_TEST_CASE(failing_transaction_leaves_nothing, StoreFixture) {
  REQUIRE_STORE();
  Create(PatientJson("p0", "Zero", ""), "p0");
  std::vector<ports::WriteOp> ops;
  ops.push_back(ports::CreateRequest{Keep(PatientJson("a", "A", "")), "a", std::nullopt});
  ops.push_back(ports::UpdateRequest{Keep(PatientJson("p0", "Changed", "")), "Patient", "p0",
                                     std::nullopt, true});
  ops.push_back(ports::DeleteRequest{"Patient", "p0", std::nullopt});
  ops.push_back(ports::UpdateRequest{Keep(PatientJson("b", "B", "")), "Patient", "b", 7, true});
  auto t = store->Transaction(ops);
  BOOST_REQUIRE(t.ok());
  BOOST_TEST(!t->committed);
  BOOST_TEST(t->failed_index == 3u);
  BOOST_TEST((t->results.back().outcome == WriteOutcome::kVersionConflict));
  BOOST_TEST((store->Read("Patient", "a").status().code() == StatusCode::kNotFound));
  auto p0 = store->Read("Patient", "p0");
  BOOST_TEST(p0->version_id == 1);
  BOOST_TEST(!p0->deleted);
  BOOST_TEST(Find(Query("Patient")) == Ids{"p0"});

  // An invalid op fails the whole call before anything is written.
  std::vector<ports::WriteOp> bad;
  bad.push_back(ports::CreateRequest{Keep(PatientJson("c", "C", "")), "c", std::nullopt});
  bad.push_back(ports::CreateRequest{Keep(R"({"resourceType":"NotAType"})"), "", std::nullopt});
  BOOST_TEST(!store->Transaction(bad).ok());
  BOOST_TEST((store->Read("Patient", "c").status().code() == StatusCode::kNotFound));
}

BOOST_FIXTURE_TEST_CASE(transaction_ops_see_earlier_ops, StoreFixture) {
  REQUIRE_STORE();
  std::vector<ports::WriteOp> ops;
  ops.push_back(ports::CreateRequest{Keep(PatientJson("x", "A", "")), "t1", std::nullopt});
  ops.push_back(ports::UpdateRequest{Keep(PatientJson("t1", "B", "")), "Patient", "t1", 1, true});
  ops.push_back(ports::CreateRequest{
      Keep(R"({"resourceType":"Observation","status":"final","code":{"text":"c"},
               "subject":{"reference":"Patient/t1"}})"),
      "o1", std::nullopt});
  auto t = store->Transaction(ops);
  BOOST_REQUIRE(t.ok());
  BOOST_TEST(t->committed);
  BOOST_TEST(t->results.size() == 3u);
  BOOST_TEST(t->results[1].version.version_id == 2);
  // One instant for the whole transaction.
  BOOST_TEST(t->results[0].version.last_updated_ms == t->results[2].version.last_updated_ms);
  search::ReferencePredicate ref;
  ref.type = "Patient";
  ref.id = "t1";
  BOOST_TEST(Find(Query("Observation", {Clause("patient", {ref})})) == Ids{"o1"});
}

BOOST_FIXTURE_TEST_CASE(large_transactions_are_atomic_too, StoreFixture) {
  REQUIRE_STORE();
  Create(PatientJson("taken", "T", ""), "taken");
  auto batch = [&](std::size_t bad_at, const std::string& bad_kind) {
    std::vector<ports::WriteOp> ops;
    for (std::size_t i = 0; i < 150; ++i) {
      std::string id = "big-" + bad_kind + "-" + std::to_string(i);
      if (i == bad_at && bad_kind == "taken") id = "taken";
      const json::Value* body = i == bad_at && bad_kind == "invalid"
                                    ? Keep(R"({"resourceType":"NotAType"})")
                                    : Keep(PatientJson(id, "Big", "1990"));
      ops.push_back(ports::CreateRequest{body, id, std::nullopt});
    }
    return store->Transaction(ops);
  };
  auto taken = batch(120, "taken");
  BOOST_REQUIRE(taken.ok());
  BOOST_TEST(!taken->committed);
  BOOST_TEST(taken->failed_index == 120u);
  BOOST_TEST((store->Read("Patient", "big-taken-0").status().code() == StatusCode::kNotFound));
  auto invalid = batch(100, "invalid");
  BOOST_TEST((invalid.status().code() == StatusCode::kInvalidArgument));
  BOOST_TEST((store->Read("Patient", "big-invalid-0").status().code() == StatusCode::kNotFound));
  auto good = batch(1000, "good");
  BOOST_REQUIRE(good.ok());
  BOOST_TEST(good->committed);
  BOOST_TEST(good->results.size() == 150u);
  BOOST_TEST(Find(Query("Patient")).size() == 151u);
}

// --- conditional create ------------------------------------------------------------------------

BOOST_FIXTURE_TEST_CASE(conditional_create_races_make_one_resource, StoreFixture) {
  REQUIRE_STORE();
  const json::Value* body = Keep(PatientJson("x", "Race", "", "RACE-1"));
  search::SearchQuery criteria =
      Query("Patient", {Clause("identifier", {Token("http://hospital/mrn", "RACE-1")})});
  constexpr int kThreads = 8;
  std::atomic<int> created{0}, existing{0}, errors{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      while (!go.load()) std::this_thread::yield();
      ports::CreateRequest r{body, "", criteria};
      auto out = store->Create(r);
      if (!out.ok()) {
        ++errors;
      } else if (out->outcome == WriteOutcome::kCreated) {
        ++created;
      } else if (out->outcome == WriteOutcome::kExisting) {
        ++existing;
      }
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  BOOST_TEST(errors.load() == 0);
  BOOST_TEST(created.load() == 1);
  BOOST_TEST(existing.load() == kThreads - 1);
  BOOST_TEST(Find(criteria).size() == 1u);

  // Two matches: the conditional create is refused.
  Create(PatientJson("y", "Twin", "", "RACE-1"));
  ports::CreateRequest again{body, "", criteria};
  auto out = store->Create(again);
  BOOST_REQUIRE(out.ok());
  BOOST_TEST((out->outcome == WriteOutcome::kMultipleMatches));
}

// --- paging -----------------------------------------------------------------------------------

BOOST_FIXTURE_TEST_CASE(paging_is_stable_under_concurrent_writes, StoreFixture) {
  REQUIRE_STORE();
  std::vector<ports::WriteOp> ops;
  Ids expected;
  for (int i = 0; i < 60; ++i) {
    std::string id = "p" + std::to_string(100 + i);
    expected.push_back(id);
    ops.push_back(ports::CreateRequest{
        Keep(PatientJson(id, "Fam" + std::to_string(i % 7), "19" + std::to_string(40 + i % 30))),
        id, std::nullopt});
  }
  BOOST_REQUIRE(store->Transaction(ops)->committed);

  for (bool sorted : {false, true}) {
    search::SearchQuery q = Query("Patient");
    q.count = 7;
    q.total = true;
    if (sorted) q.sort = {{"birthdate", true}, {"family", false}};
    std::atomic<bool> stop{false};
    std::atomic<int> inserted{0};
    const std::string later = sorted ? "news" : "newu";
    auto insert_one = [&] {
      std::string id = later + std::to_string(inserted++);
      ports::CreateRequest r{Keep(PatientJson(id, "Fam0", "1955")), id, std::nullopt};
      (void)store->Create(r);
    };
    Ids seen;
    std::optional<std::int64_t> first_total;
    std::thread writer;
    for (int guard = 0; guard < 100; ++guard) {
      auto page = store->Search(q);
      BOOST_REQUIRE_MESSAGE(page.ok(), page.status().ToString());
      if (!first_total) {
        first_total = page->total;
        // From now on another thread keeps creating resources that sort among these.
        writer = std::thread([&] {
          while (!stop.load()) {
            insert_one();
            std::this_thread::yield();
          }
        });
      }
      // Later creates are outside the snapshot; deletes may lower the count.
      BOOST_TEST(page->total.value_or(-1) <= first_total.value_or(-1));
      for (const auto& r : page->resources) seen.push_back(r.id);
      if (page->next_cursor.empty()) break;
      q.cursor = page->next_cursor;
      insert_one();  // at least one create between any two pages
      // Deleting a resource already seen or not yet reached shifts nothing.
      if (guard == 2) Delete("Patient", seen.front());
    }
    stop = true;
    writer.join();
    BOOST_TEST(inserted.load() > 0);
    std::set<std::string> unique(seen.begin(), seen.end());
    BOOST_TEST(unique.size() == seen.size());                                // no duplicates
    for (const std::string& id : seen) BOOST_TEST(id.rfind(later, 0) != 0);  // none created later
    // Every resource of the snapshot that was not deleted is seen.
    std::set<std::string> want(expected.begin(), expected.end());
    for (const std::string& id : expected) {
      auto r = store->Read("Patient", id);
      if (r.ok() && r->deleted && !unique.count(id)) want.erase(id);
    }
    for (const std::string& id : want) BOOST_TEST(unique.count(id) == 1u, id);
    if (sorted) {  // order: birthdate descending
      std::string prev = "9999";
      for (const std::string& id : seen) {
        auto r = store->Read("Patient", id);
        if (r->deleted) continue;
        auto tree = json::Parse(r->json);
        std::string year(tree->Find("birthDate")->string_value());
        BOOST_TEST(year <= prev);
        prev = year;
      }
    }
    expected.erase(std::remove(expected.begin(), expected.end(), seen.front()), expected.end());
  }
  BOOST_TEST((store
                  ->Search([] {
                    search::SearchQuery q;
                    q.resource_type = "Patient";
                    q.cursor = "garbage";
                    return q;
                  }())
                  .status()
                  .code() == StatusCode::kInvalidArgument));
}

BOOST_FIXTURE_TEST_CASE(summary_count_and_total, StoreFixture) {
  REQUIRE_STORE();
  for (int i = 0; i < 5; ++i) Create(PatientJson("x", "F", "2000"));
  search::SearchQuery q = Query("Patient");
  q.count = 0;
  q.total = true;
  auto page = store->Search(q);
  BOOST_REQUIRE(page.ok());
  BOOST_TEST(page->resources.empty());
  BOOST_TEST(page->total.value_or(-1) == 5);
  BOOST_TEST(page->next_cursor.empty());
}

// --- predicates --------------------------------------------------------------------------------

BOOST_FIXTURE_TEST_CASE(token_predicates, StoreFixture) {
  REQUIRE_STORE();
  Create(R"({"resourceType":"Patient","gender":"female","active":true,
    "identifier":[{"system":"http://a","value":"1"},{"value":"NOSYS"}]})",
         "t1");
  Create(R"({"resourceType":"Patient","gender":"male",
    "identifier":[{"system":"http://b","value":"1",
                   "type":{"text":"Driver's License"}}]})",
         "t2");
  Create(R"({"resourceType":"Patient"})", "t3");
  auto q = [](std::string param, std::vector<search::Predicate> p, bool negate = false) {
    auto c = Clause(std::move(param), std::move(p));
    c.negate = negate;
    return Query("Patient", {c});
  };
  BOOST_TEST(Find(q("identifier", {Token("http://a", "1")})) == Ids{"t1"});
  BOOST_TEST(Find(q("identifier", {Token(std::nullopt, "1")})) == (Ids{"t1", "t2"}));
  BOOST_TEST(Find(q("identifier", {Token("", "NOSYS")})) == Ids{"t1"});
  BOOST_TEST(Find(q("identifier", {Token("", "1")})).empty());
  BOOST_TEST(Find(q("identifier", {Token("http://b", std::nullopt)})) == Ids{"t2"});
  BOOST_TEST(Find(q("gender", {Token(std::nullopt, "female"), Token(std::nullopt, "male")})) ==
             (Ids{"t1", "t2"}));
  BOOST_TEST(Find(q("gender", {Token(std::nullopt, "male")}, true)) == (Ids{"t1", "t3"}));
  BOOST_TEST(Find(q("active", {Token(std::nullopt, "true")})) == Ids{"t1"});
  search::TokenPredicate text;
  text.text = "driver";
  BOOST_TEST(Find(q("identifier", {text})) == Ids{"t2"});
  BOOST_TEST(Find(q("_id", {Token(std::nullopt, "t3"), Token(std::nullopt, "t1")})) ==
             (Ids{"t1", "t3"}));
  search::SearchClause missing;
  missing.param = "gender";
  missing.missing = true;
  BOOST_TEST(Find(Query("Patient", {missing})) == Ids{"t3"});
  missing.missing = false;
  BOOST_TEST(Find(Query("Patient", {missing})) == (Ids{"t1", "t2"}));
  // AND of clauses.
  BOOST_TEST(Find(Query("Patient", {Clause("identifier", {Token(std::nullopt, "1")}),
                                    Clause("gender", {Token(std::nullopt, "male")})})) ==
             Ids{"t2"});
  // Unknown and unsupported parameters are errors.
  BOOST_TEST((store->Search(q("nope", {Token(std::nullopt, "x")})).status().code() ==
              StatusCode::kInvalidArgument));
  BOOST_TEST((store->Search(q("gender", {search::StringPredicate{}})).status().code() ==
              StatusCode::kInvalidArgument));
}

BOOST_FIXTURE_TEST_CASE(string_predicates, StoreFixture) {
  REQUIRE_STORE();
  Create(PatientJson("x", "Müller", ""), "s1");
  Create(PatientJson("x", "Mullerson", ""), "s2");
  Create(PatientJson("x", "Smith", ""), "s3");
  using Mode = search::StringPredicate::Mode;
  auto q = [](Mode m, std::string v) {
    return Query("Patient", {Clause("family", {search::StringPredicate{m, std::move(v)}})});
  };
  BOOST_TEST(Find(q(Mode::kStartsWith, "muller")) == (Ids{"s1", "s2"}));
  BOOST_TEST(Find(q(Mode::kStartsWith, "MÜL")) == (Ids{"s1", "s2"}));
  BOOST_TEST(Find(q(Mode::kExact, "Müller")) == Ids{"s1"});
  BOOST_TEST(Find(q(Mode::kExact, "muller")).empty());
  BOOST_TEST(Find(q(Mode::kContains, "LERS")) == Ids{"s2"});
  BOOST_TEST(Find(q(Mode::kContains, "%")).empty());
  BOOST_TEST(Find(Query("Patient",
                        {Clause("name", {search::StringPredicate{Mode::kStartsWith, "smi"}})})) ==
             Ids{"s3"});
}

BOOST_FIXTURE_TEST_CASE(date_predicates, StoreFixture) {
  REQUIRE_STORE();
  Create(PatientJson("x", "A", "1970"), "y1970");
  Create(PatientJson("x", "B", "1970-06-15"), "d1970");
  Create(PatientJson("x", "C", "1985-02"), "m1985");
  Create(R"({"resourceType":"Encounter","status":"finished","class":{"code":"AMB"},
    "period":{"start":"2020-01-10T08:00:00Z"}})",
         "open");
  Create(R"({"resourceType":"Encounter","status":"finished","class":{"code":"AMB"},
    "period":{"start":"2020-01-01","end":"2020-01-05"}})",
         "closed");
  auto q = [](Prefix p, std::string_view v) {
    return Query("Patient", {Clause("birthdate", {Date(p, v)})});
  };
  BOOST_TEST(Find(q(Prefix::kEq, "1970")) == (Ids{"d1970", "y1970"}));
  BOOST_TEST(Find(q(Prefix::kEq, "1970-06")) == Ids{"d1970"});  // 1970 is not inside June
  BOOST_TEST(Find(q(Prefix::kNe, "1970")) == Ids{"m1985"});
  BOOST_TEST(Find(q(Prefix::kLt, "1970-06-15")) == Ids{"y1970"});
  BOOST_TEST(Find(q(Prefix::kGt, "1970-06-15")) == (Ids{"m1985", "y1970"}));
  BOOST_TEST(Find(q(Prefix::kGe, "1985-02-20")) == Ids{"m1985"});
  BOOST_TEST(Find(q(Prefix::kLe, "1970-01")) == Ids{"y1970"});
  BOOST_TEST(Find(q(Prefix::kSa, "1980")) == Ids{"m1985"});
  BOOST_TEST(Find(q(Prefix::kEb, "1980")) == (Ids{"d1970", "y1970"}));
  BOOST_TEST(Find(q(Prefix::kAp, "1985-02-10")) == Ids{"m1985"});
  auto e = [](Prefix p, std::string_view v) {
    return Query("Encounter", {Clause("date", {Date(p, v)})});
  };
  BOOST_TEST(Find(e(Prefix::kGt, "2030")) == Ids{"open"});  // no end: still going
  BOOST_TEST(Find(e(Prefix::kEq, "2020-01")) == Ids{"closed"});
  BOOST_TEST(Find(e(Prefix::kAp, "2020-01-03")) == Ids{"closed"});
  BOOST_TEST(Find(e(Prefix::kSa, "2020-01-06")) == Ids{"open"});
  // _lastUpdated is the store's clock.
  clock.Advance(60'000);
  Create(PatientJson("x", "Late", ""), "late");
  search::DatePredicate lu{Prefix::kGe, clock.NowMillis(), clock.NowMillis()};
  BOOST_TEST(Find(Query("Patient", {Clause("_lastUpdated", {lu})})) == Ids{"late"});
}

BOOST_FIXTURE_TEST_CASE(reference_predicates_and_chaining, StoreFixture) {
  REQUIRE_STORE();
  Create(PatientJson("x", "Peter", ""), "pa");
  Create(PatientJson("x", "Paul", ""), "pb");
  Create(R"({"resourceType":"Group","type":"person","actual":true})", "g1");
  auto obs = [&](std::string id, std::string subject) {
    Create(R"({"resourceType":"Observation","status":"final","code":{"text":"x"},
      "subject":{"reference":")" +
               subject + R"("}})",
           std::move(id));
  };
  obs("o1", "Patient/pa");
  obs("o2", "Patient/pb");
  obs("o3", "Group/g1");
  obs("o4", "https://elsewhere.org/fhir/Patient/pa");
  obs("o5", "urn:uuid:0b7e3f8e-0000-4000-8000-000000000001");
  search::ReferencePredicate r;
  r.id = "pa";
  BOOST_TEST(Find(Query("Observation", {Clause("subject", {r})})) == Ids{"o1"});
  r.type = "Patient";
  BOOST_TEST(Find(Query("Observation", {Clause("patient", {r})})) == Ids{"o1"});
  r.type = "Group";
  BOOST_TEST(Find(Query("Observation", {Clause("subject", {r})})).empty());
  search::ReferencePredicate group;
  group.id = "g1";
  BOOST_TEST(Find(Query("Observation", {Clause("subject", {group})})) == Ids{"o3"});
  BOOST_TEST(Find(Query("Observation", {Clause("patient", {group})})).empty());
  search::ReferencePredicate abs;
  abs.url = "https://elsewhere.org/fhir/Patient/pa";
  BOOST_TEST(Find(Query("Observation", {Clause("subject", {abs})})) == Ids{"o4"});
  search::ReferencePredicate urn;
  urn.url = "urn:uuid:0b7e3f8e-0000-4000-8000-000000000001";
  BOOST_TEST(Find(Query("Observation", {Clause("subject", {urn})})) == Ids{"o5"});
  // subject:Patient.name=peter
  auto chain = std::make_shared<search::SearchQuery>(Query(
      "Patient", {Clause("name", {search::StringPredicate{
                                     search::StringPredicate::Mode::kStartsWith, "peter"}})}));
  search::ReferencePredicate chained;
  chained.chain = chain;
  BOOST_TEST(Find(Query("Observation", {Clause("subject", {chained})})) == Ids{"o1"});
  // Reference.identifier (the :identifier modifier).
  Create(R"({"resourceType":"Encounter","status":"finished","class":{"code":"AMB"},
    "serviceProvider":{"identifier":{"system":"http://npi","value":"42"}}})",
         "e1");
  search::ReferencePredicate ident;
  ident.identifier = Token("http://npi", "42");
  BOOST_TEST(Find(Query("Encounter", {Clause("service-provider", {ident})})) == Ids{"e1"});
}

BOOST_FIXTURE_TEST_CASE(number_and_quantity_predicates, StoreFixture) {
  REQUIRE_STORE();
  auto risk = [&](std::string id, std::string p) {
    Create(R"({"resourceType":"RiskAssessment","status":"final","subject":{"reference":"Patient/x"},
      "prediction":[{"probabilityDecimal":)" +
               p + "}]}",
           std::move(id));
  };
  risk("r1", "0.5");
  risk("r2", "0.55");
  risk("r3", "0.95");
  auto num = [](Prefix p, std::string_view v) {
    return Query("RiskAssessment", {Clause("probability", {search::NumberPredicate{p, Dec(v)}})});
  };
  BOOST_TEST(Find(num(Prefix::kEq, "0.5")) == Ids{"r1"});  // [0.45, 0.55)
  BOOST_TEST(Find(num(Prefix::kEq, "0.6")) == Ids{"r2"});  // [0.55, 0.65)
  BOOST_TEST(Find(num(Prefix::kEq, "0.50")) == Ids{"r1"});
  BOOST_TEST(Find(num(Prefix::kGt, "0.5")) == (Ids{"r2", "r3"}));
  BOOST_TEST(Find(num(Prefix::kLe, "0.55")) == (Ids{"r1", "r2"}));
  BOOST_TEST(Find(num(Prefix::kNe, "0.50")) == (Ids{"r2", "r3"}));
  BOOST_TEST(Find(num(Prefix::kAp, "1")) == Ids{"r3"});

  auto obs = [&](std::string id, std::string quantity) {
    Create(R"({"resourceType":"Observation","status":"final","code":{"text":"g"},
      "valueQuantity":)" +
               quantity + "}",
           std::move(id));
  };
  obs("q1", R"({"value":5,"unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"})");
  obs("q2", R"({"value":0.05,"unit":"g/L","system":"http://unitsofmeasure.org","code":"g/L"})");
  obs("q3", R"({"value":5,"unit":"mmol/L","system":"http://unitsofmeasure.org","code":"mmol/L"})");
  obs("q4", R"({"value":5.0,"unit":"widgets"})");
  const std::string ucum = "http://unitsofmeasure.org";
  auto qty = [](Prefix p, std::string_view v, std::optional<std::string> sys, std::string code) {
    return Query("Observation",
                 {Clause("value-quantity",
                         {search::QuantityPredicate{p, Dec(v), std::move(sys), std::move(code)}})});
  };
  BOOST_TEST(Find(qty(Prefix::kEq, "5", ucum, "mg/dL")) == (Ids{"q1", "q2"}));  // 0.05 g/L
  BOOST_TEST(Find(qty(Prefix::kEq, "50", ucum, "mg/L")) == (Ids{"q1", "q2"}));
  BOOST_TEST(Find(qty(Prefix::kGt, "4", ucum, "mmol/L")) == Ids{"q3"});
  BOOST_TEST(Find(qty(Prefix::kEq, "5", std::nullopt, "widgets")) == Ids{"q4"});
  BOOST_TEST(Find(qty(Prefix::kEq, "5", std::nullopt, "")) == (Ids{"q1", "q3", "q4"}));
  BOOST_TEST(Find(qty(Prefix::kLt, "1", std::nullopt, "")) == Ids{"q2"});
}

BOOST_FIXTURE_TEST_CASE(uri_predicates, StoreFixture) {
  REQUIRE_STORE();
  Create(R"({"resourceType":"ValueSet","status":"active","url":"http://x.org/fhir/ValueSet/a"})",
         "v1");
  Create(R"({"resourceType":"ValueSet","status":"active","url":"http://x.org/fhir/ValueSet/b"})",
         "v2");
  Create(R"({"resourceType":"ValueSet","status":"active","url":"http://y.org/vs"})", "v3");
  using Mode = search::UriPredicate::Mode;
  auto q = [](Mode m, std::string u) {
    return Query("ValueSet", {Clause("url", {search::UriPredicate{m, std::move(u)}})});
  };
  BOOST_TEST(Find(q(Mode::kExact, "http://x.org/fhir/ValueSet/a")) == Ids{"v1"});
  BOOST_TEST(Find(q(Mode::kBelow, "http://x.org/fhir")) == (Ids{"v1", "v2"}));
  BOOST_TEST(Find(q(Mode::kAbove, "http://y.org/vs/sub/1")) == Ids{"v3"});
}

BOOST_FIXTURE_TEST_CASE(sorting, StoreFixture) {
  REQUIRE_STORE();
  Create(PatientJson("x", "Charlie", "1990"), "c");
  clock.Advance(10);
  Create(PatientJson("x", "Alpha", "2000"), "a");
  clock.Advance(10);
  Create(PatientJson("x", "Bravo", ""), "b");
  auto sorted = [&](std::string param, bool desc) {
    search::SearchQuery q = Query("Patient");
    q.sort = {{std::move(param), desc}};
    return Find(q, 2);
  };
  BOOST_TEST(sorted("family", false) == (Ids{"a", "b", "c"}));
  BOOST_TEST(sorted("family", true) == (Ids{"c", "b", "a"}));
  BOOST_TEST(sorted("birthdate", false) == (Ids{"c", "a", "b"}));  // missing last
  BOOST_TEST(sorted("birthdate", true) == (Ids{"a", "c", "b"}));
  BOOST_TEST(sorted("_lastUpdated", true) == (Ids{"b", "a", "c"}));
  BOOST_TEST(sorted("_id", false) == (Ids{"a", "b", "c"}));
}

BOOST_FIXTURE_TEST_CASE(reopen_keeps_everything, StoreFixture) {
  REQUIRE_STORE();
  Create(PatientJson("x", "Kept", "1999", "K-1"), "k1");
  Update("Patient", "k1", PatientJson("k1", "Kept2", "1999", "K-1"));
  store.reset();
  auto s = Backend().Reopen(extractor, clock, ids);
  BOOST_REQUIRE(s.ok());
  store = std::move(s).value();
  auto r = store->Read("Patient", "k1");
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->version_id == 2);
  BOOST_TEST(Find(Query("Patient", {Clause("identifier", {Token(std::nullopt, "K-1")})})) ==
             Ids{"k1"});
}

BOOST_FIXTURE_TEST_CASE(synthea_bundles_load_and_search, StoreFixture) {
  REQUIRE_STORE();
  auto bundles = search::testing::SyntheaBundles(3);
  if (bundles.empty()) {
    std::cout << "GW_SKIPPED: Synthea corpus absent\n";
    return;
  }
  for (const auto& bundle : bundles) {
    std::vector<ports::WriteOp> ops;
    std::map<std::string, int> observations_by_patient;
    std::string patient;
    for (const json::Value& r : bundle) {
      std::string type(r.Find("resourceType")->string_value());
      std::string id(r.Find("id")->string_value());
      if (type == "Patient") patient = id;
      ops.push_back(ports::UpdateRequest{&r, type, id, std::nullopt, true});
    }
    auto t = store->Transaction(ops);
    BOOST_REQUIRE_MESSAGE(t.ok(), t.status().ToString());
    BOOST_TEST(t->committed);
    int observations = 0;
    for (const json::Value& r : bundle) {
      observations += r.Find("resourceType")->string_value() == "Observation" ? 1 : 0;
    }
    search::ReferencePredicate ref;
    ref.type = "Patient";
    ref.id = patient;
    search::SearchQuery q = Query("Observation", {Clause("patient", {ref})});
    q.total = true;
    q.count = 10;
    auto page = store->Search(q);
    BOOST_REQUIRE(page.ok());
    BOOST_TEST(page->total.value_or(-1) == observations);
    BOOST_TEST(Find(q).size() == static_cast<std::size_t>(observations));
  }
}

}  // namespace
}  // namespace gw::store::testing
