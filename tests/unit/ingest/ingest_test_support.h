// Shared by the ingest test programs: where the sample feeds, packages and mappings are, the
// IngestOptions of a test run, temporary folders and an editable copy of the sample feeds.
#pragma once

#include <string>
#include <string_view>

#include "gateway/app/ingest_runner.h"
#include "gateway/core/json/value.h"

namespace gw::app::testing {

extern const std::string kSample;    // ../shared/internal-feeds/sample
extern const std::string kUsCore;    // the US Core 6.1.0 package
extern const std::string kPas;       // the Da Vinci PAS 2.2.1 package
extern const char kTestNamespace[];  // the id namespace of the tests

// True (after printing "GW_SKIPPED: ...", which CTest reports as skipped) when the ../shared
// corpora, the sample feeds or the R4 definitions are absent.
bool IngestInputsAbsent();

// The options of a run over `feeds` with the project's mappings and the plan's packages.
IngestOptions TestIngestOptions(const std::string& feeds);

// A new empty temporary folder "gw-ingest-NAME-XXXXXX" (the test fails when it cannot be made).
std::string TempDir(const std::string& name);

// A new temporary folder holding a writable copy of the sample feeds.
std::string CopyOfSample(const std::string& name);

// The text of a string or number member of a JSON object; empty when absent or of another kind.
std::string Str(const json::Value& v, std::string_view key);

}  // namespace gw::app::testing
