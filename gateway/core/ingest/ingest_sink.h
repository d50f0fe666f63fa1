// IngestSink: where the pipeline sends its results, one record at a time — the resources of an
// accepted record (all of them in one call, so a writer may keep a record's resources in one
// transaction), the rejected record with its issues, and the optional fields that were dropped.
// Implementations live in the shell/app (NDJSON files, the resource store) and tests.
// Errors: a non-OK Status (the output failed) stops the pipeline and is returned by it.
// Thread safety: called from the pipeline's thread only.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/base/issue.h"
#include "gateway/core/base/status.h"
#include "gateway/core/mapping/mapping_plan.h"

namespace gw::ingest {

struct RejectedRecord {
  std::string_view file;    // the feed file ("members.csv")
  std::uint32_t line = 0;   // 1-based physical line where the record starts
  std::string key;          // the record's internal key; empty when the reader could not read it
  std::vector<Issue> issues;  // errors first-cause first; codes are stable
};

struct DroppedField {
  std::string_view file;
  std::uint32_t line = 0;
  std::string_view field;  // column name (never the value: no PHI)
  std::string_view code;   // issue_codes.h warning code
};

class IngestSink {
 public:
  virtual ~IngestSink() = default;
  virtual Status Accept(std::string_view file, std::uint32_t line,
                        std::span<const mapping::MappedResource> resources) = 0;
  virtual Status Reject(const RejectedRecord& record) = 0;
  virtual Status Dropped(const DroppedField&) { return Status::Ok(); }
};

}  // namespace gw::ingest
