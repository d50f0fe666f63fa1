// CsvReader: a streaming RFC 4180 reader of the plan's CSV feeds, pulling bytes from a
// ChunkSource so that memory stays bounded by FeedLimits whatever the feed's size.
//
// Format: the first line that is not empty is the header (column names; none, an empty name or
// a duplicate name is a feed-level error); comma separator; a field may be quoted with `"`, in
// which case it may hold commas, line breaks and `""` (one quote); records end with LF or CRLF
// (a lone CR is data); the last record may lack its line break; a UTF-8 byte order mark at the
// very start is skipped; empty lines between records are skipped.
//
// Next() returns, one at a time:
//   kRecord  record() holds the next record (its physical start line, one field per column);
//   kError   error() describes a record that was skipped (codes in issue_codes.h: field count,
//            invalid UTF-8, quote in an unquoted field, text after a closing quote, unterminated
//            quote at end of input, record or field over the limits). The reader resumes at the
//            next record boundary, as the quoting rules define it, so no later record is lost;
//            each skipped record yields exactly one error, its first problem;
//   kEnd     the feed is over (and stays over).
// A non-OK Status is either the source's failure or a feed-level problem of the header
// (kInvalidArgument, message "CODE at line L: ...", and error() holds the same facts); it is
// returned again by every later call.
// Line numbers count LF bytes: a quoted field holding line breaks makes its record span several
// lines, and the next record's number counts them.
// Memory: the reader holds one record (at most max_record_bytes of field bytes) and never
// copies a chunk; buffered_high_water() is the largest number of field bytes it ever held.
// The source must outlive the reader. record() and error() stay valid until the next Next().
// Thread safety: one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "gateway/core/base/status.h"
#include "gateway/core/feeds/chunk_source.h"
#include "gateway/core/feeds/csv_record.h"
#include "gateway/core/feeds/feed_error.h"
#include "gateway/core/feeds/feed_limits.h"
#include "gateway/core/feeds/read_step.h"

namespace gw::feeds {

class CsvReader {
 public:
  explicit CsvReader(ChunkSource& source, FeedLimits limits = {});

  Result<ReadStep> Next();

  const CsvRecord& record() const { return record_; }
  const FeedError& error() const { return error_; }
  // The header once read (after the first Next() that did not fail); nullptr before.
  const CsvHeader* header() const { return header_.get(); }
  std::size_t buffered_high_water() const { return high_water_; }

 private:
  enum class State : std::uint8_t { kRecordStart, kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted };
  enum class Produced : std::uint8_t { kNothing, kRecord, kError };

  void ProcessBytes(std::string_view* bytes);
  void SkipByteOrderMark();
  void FinishInput();
  void BeginRecord();
  void Append(const char* p, std::size_t n);
  void EndField();
  void EndRecord();
  void FinishHeader();
  void Fail(std::string_view code, std::size_t column);
  void FailFeed(std::string_view code, std::string column, std::string detail);
  std::size_t field_begin() const { return record_.ends_.empty() ? 0 : record_.ends_.back(); }

  ChunkSource& source_;
  FeedLimits limits_;
  std::shared_ptr<const CsvHeader> header_;
  CsvRecord record_;
  FeedError error_;
  Status status_;
  std::string_view chunk_;
  State state_ = State::kRecordStart;
  Produced produced_ = Produced::kNothing;
  bool cr_pending_ = false;  // a CR was read where it may end the record
  bool failed_ = false;      // the current record has a problem (error_ holds it)
  bool at_end_ = false;      // the source is exhausted and the last record finished
  int bom_matched_ = 0;      // bytes of a leading byte order mark seen so far
  bool bom_done_ = false;
  std::uint32_t line_ = 1;         // physical line of the next byte
  std::uint32_t record_line_ = 1;  // line where the current record started
  std::size_t field_count_ = 0;    // fields ended in the current record
  unsigned char field_bits_ = 0;   // OR of the current field's bytes (0x80: not ASCII)
  std::size_t column_limit_ = 0;   // fields allowed: the header's count, or max_fields for it
  std::size_t high_water_ = 0;
};

}  // namespace gw::feeds
