// Golden cases of the plan's mapping files (mappings/golden/<feed>/<case>.input.json →
// <case>.expected.json, compared field by field), the sample feeds of ../shared, and the
// engine's speed on the sample member record.
// Set GW_MAPPING_REGENERATE=1 to (re)write the expected files from the current output; review
// every change before committing it.
#define BOOST_TEST_MODULE mapping
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <ctime>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "gateway/core/json/write.h"
#include "tests/unit/mapping/mapping_test_support.h"

namespace fs = std::filesystem;
using namespace gw;
using namespace gw::mapping;
using namespace gw::mapping::testing;

namespace {

const char* const kFeeds[] = {"members", "eligibility", "providers", "care_management",
                              "prior_auth"};

int RunGoldenFeed(const std::string& feed) {
  auto plan = LoadFeedPlan(feed);
  fs::path dir = fs::path(MappingsDir()) / "golden" / feed;
  std::vector<fs::path> inputs;
  for (const auto& f : fs::directory_iterator(dir)) {
    std::string name = f.path().filename().string();
    if (name.size() > 11 && name.substr(name.size() - 11) == ".input.json") inputs.push_back(f.path());
  }
  std::sort(inputs.begin(), inputs.end());
  bool regenerate = std::getenv("GW_MAPPING_REGENERATE") != nullptr;
  for (const fs::path& in : inputs) {
    std::string name = in.filename().string();
    std::string base = name.substr(0, name.size() - 11);
    fs::path expected_path = dir / (base + ".expected.json");
    json::Value record = ParseJson(*ReadFile(in.string()));
    json::Value actual = ResultJson(plan->Map(record));
    if (regenerate) {
      std::ofstream(expected_path) << json::Write(actual, {.pretty = true}) << "\n";
      continue;
    }
    auto expected_text = ReadFile(expected_path.string());
    BOOST_TEST_REQUIRE(expected_text.has_value(), expected_path.string());
    auto diff = Diff(ParseJson(*expected_text), actual);
    std::ostringstream msg;
    for (const std::string& d : diff) msg << "\n  " << d;
    BOOST_TEST(diff.empty(), feed << "/" << base << ":" << msg.str());
  }
  return static_cast<int>(inputs.size());
}

std::string SampleDir() { return std::string(GW_SHARED_DIR) + "/internal-feeds/sample"; }

// Maps every record of a sample file; returns how many mapped, checking each maps without issues.
int MapSample(const std::string& feed, const std::string& file) {
  auto plan = LoadFeedPlan(feed);
  auto text = ReadFile(SampleDir() + "/" + file);
  BOOST_TEST_REQUIRE(text.has_value(), file);
  std::istringstream lines(*text);
  std::string line;
  std::vector<std::string> header;
  int n = 0;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    json::Value record;
    if (plan->format() == "csv") {
      if (header.empty()) {
        header = SplitCsvRow(line);
        continue;
      }
      record = CsvRecord(header, SplitCsvRow(line));
    } else {
      record = ParseJson(line);
    }
    MapResult r = plan->Map(record);
    std::ostringstream msg;
    for (const MappingIssue& i : r.issues) msg << " " << i.issue.code << "@" << i.issue.location << "(" << i.field << ")";
    BOOST_TEST(r.ok(), file << " record " << n << ":" << msg.str());
    BOOST_TEST(!r.resources.empty());
    ++n;
  }
  return n;
}

}  // namespace

BOOST_AUTO_TEST_CASE(golden_cases_map_as_expected) {
  int total = 0;
  for (const char* feed : kFeeds) {
    int n = RunGoldenFeed(feed);
    BOOST_TEST(n > 0, feed);
    total += n;
  }
  BOOST_TEST_MESSAGE("golden cases: " << total);
}

BOOST_AUTO_TEST_CASE(sample_feeds_map_without_issues) {
  if (!fs::exists(SampleDir())) {
    std::cout << "GW_SKIPPED: " << SampleDir() << " not found\n";
    return;
  }
  BOOST_TEST(MapSample("members", "members.csv") == 5);
  BOOST_TEST(MapSample("eligibility", "eligibility.csv") == 6);
  BOOST_TEST(MapSample("providers", "providers.csv") == 6);
  BOOST_TEST(MapSample("care_management", "care_management.ndjson") == 3);
  BOOST_TEST(MapSample("prior_auth", "prior_auth.ndjson") == 4);
}

BOOST_AUTO_TEST_CASE(mapping_speed_on_the_sample_member_record) {
  auto plan = LoadFeedPlan("members");
  auto input = ReadFile(MappingsDir() + "/golden/members/two-surnames-zip9.input.json");
  BOOST_TEST_REQUIRE(input.has_value());
  json::Value record = ParseJson(*input);
  constexpr int kWarm = 200;
  for (int i = 0; i < kWarm; ++i) BOOST_TEST_REQUIRE(plan->Map(record).ok());
  const char* env = std::getenv("GW_MAPPING_BENCH_RECORDS");
  int n = env != nullptr ? std::atoi(env) : 20000;
  // CPU time as well as wall time: the build machine is shared, so wall time varies with load.
  auto start = std::chrono::steady_clock::now();
  std::clock_t cpu_start = std::clock();
  std::size_t resources = 0;
  for (int i = 0; i < n; ++i) resources += plan->Map(record).resources.size();
  double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST(resources == static_cast<std::size_t>(n));
  std::cout << "mapping benchmark: " << n << " member records, wall " << secs << " s ("
            << static_cast<long>(n / secs) << " records/s), CPU " << cpu << " s ("
            << static_cast<long>(n / cpu) << " records/s per core)\n";
}

BOOST_AUTO_TEST_CASE(one_plan_serves_several_threads) {
  auto plan = LoadFeedPlan("prior_auth");
  json::Value record = ParseJson(*ReadFile(MappingsDir() + "/golden/prior_auth/partially-approved-modified.input.json"));
  std::string expected = json::Write(ResultJson(plan->Map(record)));
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 300; ++i) {
        if (json::Write(ResultJson(plan->Map(record))) != expected) ++mismatches;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  BOOST_TEST(mismatches.load() == 0);
}
