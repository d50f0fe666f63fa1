// fhir-gateway map: the internal feeds → FHIR R4 NDJSON files, every resource validated against
// its plan profile; rejects with their OperationOutcome and a summary beside them.
#include <iostream>
#include <string>

#include "gateway/app/commands.h"
#include "gateway/app/ingest_runner.h"
#include "gateway/app/ndjson_output_sink.h"
#include "gateway/core/json/write.h"
#include "gateway/shell/fs/file.h"

namespace gw::app {
namespace {

constexpr char kHelp[] =
    "usage: fhir-gateway map --feeds DIR --out DIR [OPTIONS]\n\n"
    "Maps the plan's internal feeds to FHIR R4 (mappings/), validates every resource against\n"
    "its plan profile and writes OUT/<ResourceType>.ndjson, OUT/rejects.ndjson (feed file,\n"
    "line, key and OperationOutcome of each rejected record), OUT/warnings.ndjson (optional\n"
    "fields dropped as malformed) and OUT/summary.json (per feed: read, mapped, rejected).\n\n"
    "Options:\n"
    "  --out DIR            the output folder (created; earlier outputs replaced)\n";

int Fail(const std::string& reason) {
  std::cerr << "fhir-gateway map: " << reason << "\n";
  return 2;
}

}  // namespace

int RunMapCommand(int argc, char** argv) {
  IngestOptions options;
  options.progress = true;
  std::string out;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    std::string error;
    if (a == "--help" || a == "-h") {
      std::cout << kHelp << kIngestOptionsHelp;
      return 0;
    } else if (a == "--out") {
      if (i + 1 >= argc) return Fail("--out needs a folder (see --help)");
      out = argv[++i];
    } else if (ParseIngestOption(argc, argv, &i, &options, &error)) {
      if (!error.empty()) return Fail(error + " (see --help)");
    } else {
      return Fail("unknown argument " + a + " (see --help)");
    }
  }
  if (out.empty()) return Fail("--out is required (see --help)");
  auto setup = PrepareIngest(options, "map");
  if (!setup.ok()) return Fail(setup.status().message());
  auto sink = NdjsonOutputSink::Open(out);
  if (!sink.ok()) return Fail(sink.status().message());
  ingest::IngestSummary summary;
  Status status = RunIngest(**setup, options, **sink, &summary);
  Status closed = (*sink)->Close();
  if (!status.ok()) return Fail(status.message());
  if (!closed.ok()) return Fail(closed.message());
  Status written = shell::WriteFile(out + "/summary.json", json::Write(summary.ToJson()) + "\n");
  if (!written.ok()) return Fail(written.message());
  return 0;
}

}  // namespace gw::app
