// fhir-gateway load: the internal feeds → the resource store (embedded SQLite in --data, or
// PostgreSQL), through the same pipeline as `map`, in transaction batches; idempotent.
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "gateway/app/commands.h"
#include "gateway/app/ingest_runner.h"
#include "gateway/app/ndjson_output_sink.h"
#include "gateway/app/store_ingest_sink.h"
#include "gateway/core/json/write.h"
#include "gateway/core/search/index_extractor.h"
#include "gateway/core/search/search_param_registry.h"
#include "gateway/shell/store/postgres_store.h"
#include "gateway/shell/store/sqlite_store.h"
#include "gateway/shell/sys/random_id_generator.h"
#include "gateway/shell/sys/system_clock.h"

namespace gw::app {
namespace {

constexpr char kHelp[] =
    "usage: fhir-gateway load --feeds DIR [--data DIR] [--store-postgres CONNINFO] [OPTIONS]\n\n"
    "Maps and validates the plan's internal feeds like `map` and writes the resources into\n"
    "the store in transaction batches. Loading the same feeds again writes nothing; a changed\n"
    "row makes one new version of each resource it changes. Prints a summary (JSON) on stdout.\n\n"
    "Options:\n"
    "  --data DIR               the embedded store's folder (default: build/dev-data)\n"
    "  --store-postgres CONNINFO  a PostgreSQL store instead of the embedded one\n"
    "  --out DIR                also write rejects.ndjson and warnings.ndjson there\n";

int Fail(const std::string& reason) {
  std::cerr << "fhir-gateway load: " << reason << "\n";
  return 2;
}

}  // namespace

int RunLoadCommand(int argc, char** argv) {
  IngestOptions options;
  options.progress = true;
  std::string data_dir = "build/dev-data", postgres, out;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    std::string error;
    if (a == "--help" || a == "-h") {
      std::cout << kHelp << kIngestOptionsHelp;
      return 0;
    } else if ((a == "--data" || a == "--store-postgres" || a == "--out") && i + 1 < argc) {
      (a == "--data" ? data_dir : a == "--out" ? out : postgres) = argv[++i];
    } else if (ParseIngestOption(argc, argv, &i, &options, &error)) {
      if (!error.empty()) return Fail(error + " (see --help)");
    } else {
      return Fail("unknown or incomplete argument " + a + " (see --help)");
    }
  }
  if (!options.validate) return Fail("load always validates (--no-validation is for map)");
  auto setup = PrepareIngest(options, "load");
  if (!setup.ok()) return Fail(setup.status().message());
  auto params = search::SearchParamRegistry::FromStore(*(*setup)->definitions.store,
                                                       (*setup)->definitions.model);
  if (!params.ok()) return Fail("search parameters: " + params.status().message());
  auto extractor = std::make_shared<search::IndexExtractor>(*params);
  shell::SystemClock clock;
  shell::RandomIdGenerator ids;
  std::unique_ptr<ports::ResourceStore> store;
  if (!postgres.empty()) {
    shell::PostgresStoreOptions po;
    po.conninfo = postgres;
    po.pool_size = 2;
    auto pg = shell::PostgresResourceStore::Open(po, extractor, clock, ids);
    if (!pg.ok()) return Fail("store-postgres: " + pg.status().message());
    store = std::move(pg).value();
  } else {
    std::error_code ec;
    std::filesystem::create_directories(data_dir, ec);
    if (ec) return Fail("--data " + data_dir + ": cannot create it");
    shell::SqliteStoreOptions so;
    so.path = data_dir + "/gateway.db";
    auto sqlite = shell::SqliteResourceStore::Open(so, extractor, clock, ids);
    if (!sqlite.ok()) return Fail(so.path + ": " + sqlite.status().message());
    store = std::move(sqlite).value();
  }
  std::unique_ptr<NdjsonOutputSink> rejects;
  if (!out.empty()) {
    auto r = NdjsonOutputSink::Open(out);
    if (!r.ok()) return Fail(r.status().message());
    rejects = std::move(r).value();
  }
  StoreIngestSink sink(*store, rejects.get());
  ingest::IngestSummary summary;
  Status status = RunIngest(**setup, options, sink, &summary);
  if (status.ok()) status = sink.Flush();
  if (status.ok() && rejects) status = rejects->Close();
  if (!status.ok()) return Fail(status.message());
  auto count = [](std::uint64_t n) { return json::Value::Number(std::to_string(n)); };
  json::Value report = json::Value::Object(
      {{"summary", summary.ToJson()},
       {"store", json::Value::Object({{"created", count(sink.counts().created)},
                                      {"updated", count(sink.counts().updated)},
                                      {"unchanged", count(sink.counts().unchanged)},
                                      {"transactions", count(sink.counts().transactions)}})}});
  std::cout << json::Write(report) << "\n";
  return 0;
}

}  // namespace gw::app
