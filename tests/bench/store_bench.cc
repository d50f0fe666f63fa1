// Store write throughput: every resource of the Synthea bundles (urn:uuid references rewritten
// to Type/id, as a transaction stores them) created with server-assigned ids in a fresh SQLite
// store, in transactions
// of --batch resources (default 1000). Prints the indexing cost alone, then creates per second
// end to end (index extraction + stamping + SQLite, durable commits), then a few searches.
//
// Usage: store_bench [--batch N] [--rounds R] [--normal] [--dir DIR] [--skip-extract] [--keep]
//   --keep: leave the last round's database file for inspection.
//   --normal: PRAGMA synchronous=NORMAL instead of FULL (no fsync per commit).
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "gateway/shell/store/sqlite_store.h"
#include "gateway/shell/sys/random_id_generator.h"
#include "gateway/shell/sys/system_clock.h"
#include "search_fixture.h"

namespace {

using Clock = std::chrono::steady_clock;

double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t batch = 1000;
  int rounds = 3;
  bool normal = false;
  bool skip_extract = false;
  bool keep = false;
  std::string dir = std::filesystem::temp_directory_path().string();
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--batch") && i + 1 < argc)
      batch = std::stoul(argv[++i]);
    else if (!std::strcmp(argv[i], "--rounds") && i + 1 < argc)
      rounds = std::stoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--normal"))
      normal = true;
    else if (!std::strcmp(argv[i], "--skip-extract"))
      skip_extract = true;
    else if (!std::strcmp(argv[i], "--keep"))
      keep = true;
    else if (!std::strcmp(argv[i], "--dir") && i + 1 < argc)
      dir = argv[++i];
  }
  auto t0 = Clock::now();
  auto registry = gw::search::testing::BaseRegistry();
  if (registry == nullptr) {
    std::fprintf(stderr, "R4 definitions not found\n");
    return 2;
  }
  std::printf("registry: %.2f s (%zu resource types)\n", Seconds(t0),
              registry->ResourceTypes().size());
  t0 = Clock::now();
  auto bundles = gw::search::testing::SyntheaBundles(0);
  std::vector<const gw::json::Value*> resources;
  for (const auto& b : bundles) {
    for (const auto& r : b) resources.push_back(&r);
  }
  if (resources.empty()) {
    std::fprintf(stderr, "Synthea corpus not found\n");
    return 2;
  }
  std::printf("corpus: %zu resources in %zu bundles, parsed in %.2f s\n", resources.size(),
              bundles.size(), Seconds(t0));

  auto extractor = std::make_shared<gw::search::IndexExtractor>(registry);
  t0 = Clock::now();
  std::size_t rows = 0;
  if (!skip_extract) {
    for (const auto* r : resources) rows += extractor->Extract(*r).size();
  }
  double extract_s = Seconds(t0);
  std::printf("index extraction alone: %.0f resources/s (%zu index rows, %.1f per resource)\n",
              resources.size() / extract_s, rows, double(rows) / resources.size());

  gw::shell::SystemClock clock;
  gw::shell::RandomIdGenerator ids;
  std::vector<double> rates;
  for (int round = 0; round < rounds; ++round) {
    std::string path = dir + "/gw-store-bench-" + std::to_string(getpid()) + ".db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    gw::shell::SqliteStoreOptions options;
    options.path = path;
    options.synchronous_full = !normal;
    auto store = gw::shell::SqliteResourceStore::Open(options, extractor, clock, ids);
    if (!store.ok()) {
      std::fprintf(stderr, "open: %s\n", store.status().ToString().c_str());
      return 1;
    }
    std::string stored_patient;  // a Patient's server-assigned id
    t0 = Clock::now();
    const double cpu0 = CpuSeconds();
    for (std::size_t start = 0; start < resources.size(); start += batch) {
      std::vector<gw::ports::WriteOp> ops;
      for (std::size_t i = start; i < std::min(resources.size(), start + batch); ++i) {
        const gw::json::Value* r = resources[i];
        // Server-assigned ids, as the bundles' POST entries ask (70 Organizations and
        // Practitioners appear in several bundles and become distinct resources).
        ops.push_back(gw::ports::CreateRequest{r, "", std::nullopt});
      }
      auto t = store.value()->Transaction(ops);
      if (!t.ok() || !t->committed) {
        std::fprintf(stderr, "transaction failed: %s\n",
                     t.ok() ? "not committed" : t.status().ToString().c_str());
        return 1;
      }
      for (const auto& w : t->results) {
        if (stored_patient.empty() && w.version.resource_type == "Patient") {
          stored_patient = w.version.id;
        }
      }
    }
    double s = Seconds(t0);
    double cpu = CpuSeconds() - cpu0;
    rates.push_back(resources.size() / s);
    std::printf(
        "round %d: %zu creates in %.2f s = %.0f resources/s (CPU %.2f s; batches of %zu, %s)\n",
        round + 1, resources.size(), s, resources.size() / s, cpu, batch,
        normal ? "synchronous=NORMAL" : "synchronous=FULL");

    if (round == rounds - 1) {
      // A few searches on the loaded store.
      std::string patient;
      for (const auto* r : resources) {
        if (r->Find("resourceType")->string_value() == "Patient") {
          patient = std::string(r->Find("id")->string_value());
          break;
        }
      }
      gw::search::SearchQuery q;
      q.resource_type = "Observation";
      gw::search::SearchClause c;
      c.param = "patient";
      gw::search::ReferencePredicate ref;
      ref.type = "Patient";
      ref.id = patient;
      c.any_of = {ref};
      q.clauses = {c};
      q.count = 50;
      q.total = true;
      const int n = 200;
      t0 = Clock::now();
      std::int64_t total = 0;
      for (int i = 0; i < n; ++i) total = store.value()->Search(q)->total.value_or(-1);
      std::printf(
          "search Observation?patient=…&_count=50&_total=accurate: %.2f ms (%lld matches)\n",
          Seconds(t0) * 1000 / n, static_cast<long long>(total));
      t0 = Clock::now();
      for (int i = 0; i < 2000; ++i) (void)store.value()->Read("Patient", stored_patient);
      std::printf("read Patient (by id): %.1f us\n", Seconds(t0) * 1e6 / 2000);
      std::printf("database file: %.1f MB\n", std::filesystem::file_size(path) / 1048576.0);
    }
    store.value().reset();
    if (keep && round == rounds - 1) {
      std::printf("kept %s\n", path.c_str());
    } else {
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    }
  }
  std::sort(rates.begin(), rates.end());
  std::printf("creates: median %.0f resources/s\n", rates[rates.size() / 2]);
  return 0;
}
