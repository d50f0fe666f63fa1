// `fhir-gateway load` into PostgreSQL: the command itself (the program built beside this test)
// loads the sample feeds with --store-postgres into a fresh database of a private PostgreSQL
// server (tests/unit/store/pg_test_server.h):
//   - the first load creates every mapped resource (0 rejects, counts balanced), one version
//     each;
//   - a second load of the same feeds creates no resource and no version;
//   - resources read back from the database are the mapped ones (Patient, a dependant's
//     Coverage referencing its subscriber and beneficiary, the plan Organization).
// Without the PostgreSQL 15 binaries (or the corpora) the test prints GW_SKIPPED, which CTest
// reports as skipped; a server that is installed but fails to start fails the test.
#define BOOST_TEST_MODULE ingest_postgres_test
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "gateway/core/base/sha1.h"
#include "gateway/core/json/parse.h"
#include "gateway/core/search/index_extractor.h"
#include "gateway/shell/fs/file.h"
#include "gateway/shell/store/postgres_store.h"
#include "gateway/shell/sys/random_id_generator.h"
#include "gateway/shell/sys/system_clock.h"
#include "ingest_test_support.h"
#include "pg_test_server.h"
#include "search_fixture.h"

namespace gw::app {
namespace {

namespace fs = std::filesystem;
using testing::Str;

std::string Quoted(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

std::uint64_t Num(const json::Value& object, std::string_view key) {
  const std::string text = Str(object, key);
  BOOST_TEST_REQUIRE(!text.empty(), key);
  return std::stoull(text);
}

std::uint64_t Count(const json::Value& report, std::string_view group, std::string_view key) {
  const json::Value* g = report.Find(group);
  BOOST_TEST_REQUIRE(g != nullptr, group);
  return Num(*g, key);
}

// Runs `fhir-gateway load` of `feeds` into the database of `conninfo`; returns its report
// (stdout). The test fails when the command fails.
json::Value RunLoad(const std::string& conninfo, const std::string& feeds,
                    const std::string& work) {
  const IngestOptions o = testing::TestIngestOptions(feeds);
  std::string cmd = Quoted(GW_GATEWAY_BIN) + " load --feeds " + Quoted(o.feeds_dir) +
                    " --mappings " + Quoted(o.mappings_dir) + " --id-namespace " +
                    Quoted(o.id_namespace) + " --store-postgres " + Quoted(conninfo) + " --out " +
                    Quoted(work + "/out");
  for (const std::string& p : o.packages) cmd += " --package " + Quoted(p);
  cmd += " > " + Quoted(work + "/report.json") + " 2> " + Quoted(work + "/stderr.txt");
  const int rc = std::system(cmd.c_str());
  auto err = shell::ReadFile(work + "/stderr.txt");
  BOOST_TEST_REQUIRE(rc == 0, "load failed: " << (err.ok() ? *err : std::string()));
  auto text = shell::ReadFile(work + "/report.json");
  BOOST_TEST_REQUIRE(text.ok());
  auto report = json::Parse(*text);
  BOOST_TEST_REQUIRE(report.ok(), report.status().message());
  return std::move(report).value();
}

// Checks the per-feed counts of a load report: every feed read, balanced, nothing rejected.
void CheckFeeds(const json::Value& report) {
  const json::Value* feeds = report.Find("summary")->Find("feeds");
  BOOST_TEST_REQUIRE(feeds != nullptr);
  BOOST_TEST(feeds->members().size() == 5u);
  for (const json::Member& f : feeds->members()) {
    const std::uint64_t read = Num(f.value, "read");
    BOOST_TEST(read > 0u, f.key);
    BOOST_TEST(read == Num(f.value, "mapped") + Num(f.value, "rejected"), f.key);
    BOOST_TEST(Num(f.value, "rejected") == 0u, f.key);
  }
}

std::int64_t TotalVersions(ports::ResourceStore& store) {
  ports::HistoryQuery q;
  q.count = 1;
  auto page = store.History(q);
  BOOST_TEST_REQUIRE(page.ok(), page.status().message());
  return page->total.value_or(-1);
}

json::Value ReadBack(ports::ResourceStore& store, const std::string& type, const std::string& id,
                     std::int64_t* version) {
  auto current = store.Read(type, id);
  BOOST_TEST_REQUIRE(current.ok(), type << ": " << current.status().message());
  *version = current->version_id;
  auto tree = json::Parse(current->json);
  BOOST_TEST_REQUIRE(tree.ok());
  return std::move(tree).value();
}

std::string RefOf(const json::Value& resource, std::string_view element) {
  const json::Value* e = resource.Find(element);
  return e == nullptr ? std::string() : Str(*e, "reference");
}

BOOST_AUTO_TEST_CASE(load_into_postgres_is_idempotent_and_reads_back) {
  if (testing::IngestInputsAbsent()) return;
  auto registry = search::testing::BaseRegistry();
  if (registry == nullptr) {
    std::cout << "GW_SKIPPED: R4 definitions absent\n";
    return;
  }
  auto server = store::testing::PgTestServer::Start();
  if (!server.ok() && server.status().code() == StatusCode::kNotFound) {
    std::cout << "GW_SKIPPED: postgres unavailable " << server.status().ToString() << "\n";
    return;
  }
  BOOST_TEST_REQUIRE(server.ok(), "PostgreSQL test server: " << server.status().ToString());
  BOOST_TEST_REQUIRE((*server)->CreateDatabase("ingest_load").ok());
  const std::string conninfo = (*server)->Conninfo("ingest_load");
  const std::string work = testing::TempDir("pg-load");

  const json::Value first = RunLoad(conninfo, testing::kSample, work);
  CheckFeeds(first);
  const std::uint64_t created = Count(first, "store", "created");
  BOOST_TEST(created > 0u);
  BOOST_TEST(Count(first, "store", "updated") == 0u);
  BOOST_TEST(Count(first, "store", "unchanged") == 0u);

  shell::SystemClock clock;
  shell::RandomIdGenerator ids;
  shell::PostgresStoreOptions po;
  po.conninfo = conninfo;
  po.pool_size = 1;
  auto opened = shell::PostgresResourceStore::Open(
      po, std::make_shared<search::IndexExtractor>(registry), clock, ids);
  BOOST_TEST_REQUIRE(opened.ok(), opened.status().message());
  std::unique_ptr<shell::PostgresResourceStore> store = std::move(opened).value();
  const std::int64_t versions = TotalVersions(*store);
  BOOST_TEST(versions == static_cast<std::int64_t>(created));

  const json::Value second = RunLoad(conninfo, testing::kSample, work);
  CheckFeeds(second);
  BOOST_TEST(Count(second, "store", "created") == 0u);
  BOOST_TEST(Count(second, "store", "updated") == 0u);
  BOOST_TEST(Count(second, "store", "unchanged") == created);
  BOOST_TEST(Count(second, "store", "transactions") == 0u);
  BOOST_TEST(TotalVersions(*store) == versions);

  const UuidBytes ns = *ParseUuid(testing::kTestNamespace);
  const std::string maria = NameUuidV5(ns, "Patient/MMM00012345601");
  const std::string juan = NameUuidV5(ns, "Patient/MMM00012345602");
  std::int64_t version = 0;
  const json::Value patient = ReadBack(*store, "Patient", maria, &version);
  BOOST_TEST(version == 1);
  BOOST_TEST(Str(patient, "id") == maria);
  BOOST_TEST(Str(patient, "birthDate") == "1948-03-14");
  // The dependant's Coverage: subscriber and beneficiary are Patients that were loaded.
  const json::Value coverage =
      ReadBack(*store, "Coverage", NameUuidV5(ns, "Coverage/EL-7781202"), &version);
  BOOST_TEST(version == 1);
  BOOST_TEST(RefOf(coverage, "subscriber") == "Patient/" + maria);
  BOOST_TEST(RefOf(coverage, "beneficiary") == "Patient/" + juan);
  ReadBack(*store, "Patient", juan, &version);
  BOOST_TEST(version == 1);
  const json::Value plan = ReadBack(*store, "Organization", "plan", &version);
  BOOST_TEST(Str(plan, "resourceType") == "Organization");

  auto rejects = shell::ReadFile(work + "/out/rejects.ndjson");
  BOOST_TEST_REQUIRE(rejects.ok());
  BOOST_TEST(rejects->empty());
  store.reset();
  fs::remove_all(work);
}

}  // namespace
}  // namespace gw::app
