// NdjsonOutputSink: the IngestSink of `fhir-gateway map` — writes into an output folder
//   <ResourceType>.ndjson  one resource per line, opened on the first resource of the type;
//   rejects.ndjson         one line per rejected record: {"file","line","key","outcome"} with
//                          the OperationOutcome of its issues;
//   warnings.ndjson        one line per dropped optional field: {"file","line","field","code"}
//                          (no values, so no PHI).
// Open() creates the folder (and truncates earlier outputs). Errors: kIo naming the path.
// Close() flushes and reports a write failure. Thread safety: one thread.
#pragma once

#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "gateway/core/ingest/ingest_sink.h"

namespace gw::app {

class NdjsonOutputSink final : public ingest::IngestSink {
 public:
  static Result<std::unique_ptr<NdjsonOutputSink>> Open(const std::string& dir);
  ~NdjsonOutputSink() override;

  Status Accept(std::string_view file, std::uint32_t line,
                std::span<const mapping::MappedResource> resources) override;
  Status Reject(const ingest::RejectedRecord& record) override;
  Status Dropped(const ingest::DroppedField& field) override;
  Status Close();

 private:
  explicit NdjsonOutputSink(std::string dir) : dir_(std::move(dir)) {}
  Result<std::FILE*> FileFor(const std::string& name);
  // Writes `text` and a line end; `text` may end with '\n' already (then nothing is added).
  Status WriteLine(const std::string& name, std::string_view text);

  std::string dir_;
  std::map<std::string, std::FILE*> files_;
  // Reused for every resource line: its file name and its text.
  std::string name_;
  std::string line_;
};

}  // namespace gw::app
