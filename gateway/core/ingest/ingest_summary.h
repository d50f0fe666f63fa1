// IngestSummary: the counts of one pipeline run. Per feed file: records read (every record and
// every record the reader skipped), mapped, rejected (read = mapped + rejected always holds),
// optional fields dropped; per resource type: resources written; rejects by first issue code;
// dropped fields by "file:column:code". ToJson() gives the summary.json document (keys sorted,
// no PHI). Plain value; thread-compatible.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "gateway/core/json/value.h"

namespace gw::ingest {

struct FeedCounts {
  std::uint64_t read = 0;
  std::uint64_t mapped = 0;
  std::uint64_t rejected = 0;
  std::uint64_t warnings = 0;
  bool balanced() const { return read == mapped + rejected; }
};

struct IngestSummary {
  std::map<std::string, FeedCounts> feeds;           // by feed file name
  std::map<std::string, std::uint64_t> written;      // by resource type
  std::map<std::string, std::uint64_t> reject_codes;  // by the reject's first issue code
  std::map<std::string, std::uint64_t> dropped;      // "members.csv:medicare_mbi:ingest-invalid-mbi"

  std::uint64_t records_read() const;
  json::Value ToJson() const;
};

}  // namespace gw::ingest
