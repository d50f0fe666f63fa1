// NdjsonReader: a streaming reader of the plan's NDJSON feeds (one JSON object per line),
// pulling bytes from a ChunkSource so that memory stays bounded by FeedLimits whatever the
// feed's size.
//
// Each line (LF or CRLF ended; the last one may lack its line break) is parsed by gw::json::Parse
// under the given ParseLimits, its max_bytes lowered to FeedLimits::max_record_bytes. Lines of
// only spaces, tabs or CR are skipped.
// Next() returns, one at a time:
//   kRecord  record() holds the next object and its 1-based line number (values inside the tree
//            carry lines relative to their own line, which is line 1 there);
//   kError   error() describes a skipped line (codes in issue_codes.h): ndjson-not-json (cause:
//            the parser's code, column: its JSON pointer), ndjson-not-object,
//            ndjson-line-too-long (the line is skipped up to its line break without being
//            buffered), ndjson-truncated-line (the last line has no line break and does not
//            parse). The reader goes on with the next line;
//   kEnd     the feed is over (and stays over).
// A non-OK Status is the source's failure; it is returned again by every later call.
// Memory: a line that fits in one chunk is parsed where it lies; only lines that straddle chunks
// are copied, up to max_record_bytes. buffered_high_water() is the most bytes ever copied.
// The source must outlive the reader. record() and error() stay valid until the next Next();
// the value may be moved out of record().
// Thread safety: one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "gateway/core/base/status.h"
#include "gateway/core/feeds/chunk_source.h"
#include "gateway/core/feeds/feed_error.h"
#include "gateway/core/feeds/feed_limits.h"
#include "gateway/core/feeds/read_step.h"
#include "gateway/core/json/parse.h"
#include "gateway/core/json/value.h"

namespace gw::feeds {

struct NdjsonRecord {
  std::uint32_t line = 0;
  json::Value value;  // always an object
};

class NdjsonReader {
 public:
  explicit NdjsonReader(ChunkSource& source, FeedLimits limits = {},
                        json::ParseLimits json_limits = {});

  Result<ReadStep> Next();

  NdjsonRecord& record() { return record_; }
  const NdjsonRecord& record() const { return record_; }
  const FeedError& error() const { return error_; }
  std::size_t buffered_high_water() const { return high_water_; }

 private:
  enum class Produced : std::uint8_t { kNothing, kRecord, kError };

  void ProcessChunk();
  void FinishInput();
  void HandleLine(std::string_view text, std::uint32_t line, bool has_line_break);
  void Fail(std::string_view code, std::uint32_t line, std::string detail);

  ChunkSource& source_;
  FeedLimits limits_;
  json::ParseLimits json_limits_;
  NdjsonRecord record_;
  FeedError error_;
  Status status_;
  std::string_view chunk_;
  std::string line_buffer_;  // the start of a line that straddles chunks
  Produced produced_ = Produced::kNothing;
  bool skipping_ = false;  // the current line is over the limit: drop it up to its line break
  bool at_end_ = false;
  std::uint32_t line_ = 1;  // line of the next byte
  std::size_t high_water_ = 0;
};

}  // namespace gw::feeds
