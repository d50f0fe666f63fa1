#include "gateway/core/feeds/csv_reader.h"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_set>
#include <utility>

#include "gateway/core/feeds/issue_codes.h"
#include "gateway/core/base/utf8.h"

namespace gw::feeds {
namespace {

constexpr char kByteOrderMark[] = "\xEF\xBB\xBF";

// Bytes that end a run of ordinary bytes inside an unquoted field.
constexpr std::array<bool, 256> MakeUnquotedStops() {
  std::array<bool, 256> t{};
  t[static_cast<unsigned char>(',')] = true;
  t[static_cast<unsigned char>('\n')] = true;
  t[static_cast<unsigned char>('\r')] = true;
  t[static_cast<unsigned char>('"')] = true;
  return t;
}
constexpr std::array<bool, 256> kUnquotedStops = MakeUnquotedStops();

// The scans OR every byte they pass into `bits`, so that a field with no byte above 0x7F is
// known to be valid UTF-8 without a second look.
const char* ScanUnquoted(const char* p, const char* end, unsigned char* bits) {
  unsigned char acc = 0;
  while (p < end && !kUnquotedStops[static_cast<unsigned char>(*p)]) {
    acc |= static_cast<unsigned char>(*p++);
  }
  *bits |= acc;
  return p;
}

const char* ScanQuoted(const char* p, const char* end, unsigned char* bits) {
  unsigned char acc = 0;
  while (p < end && *p != '"' && *p != '\n') acc |= static_cast<unsigned char>(*p++);
  *bits |= acc;
  return p;
}

}  // namespace

CsvReader::CsvReader(ChunkSource& source, FeedLimits limits)
    : source_(source), limits_(limits), column_limit_(limits.max_fields) {}

Result<ReadStep> CsvReader::Next() {
  produced_ = Produced::kNothing;
  while (status_.ok()) {
    if (at_end_) return ReadStep::kEnd;
    if (chunk_.empty()) {
      Result<std::string_view> next = source_.Next();
      if (!next.ok()) {
        status_ = next.status();
        break;
      }
      chunk_ = *next;
      if (chunk_.empty()) {
        FinishInput();
      }
    } else {
      if (!bom_done_) SkipByteOrderMark();
      ProcessBytes(&chunk_);
    }
    if (produced_ == Produced::kRecord) return ReadStep::kRecord;
    if (produced_ == Produced::kError) return ReadStep::kError;
  }
  return status_;
}

void CsvReader::SkipByteOrderMark() {
  while (!chunk_.empty() && bom_matched_ < 3) {
    if (chunk_.front() != kByteOrderMark[bom_matched_]) break;
    ++bom_matched_;
    chunk_.remove_prefix(1);
  }
  if (bom_matched_ == 3) {
    bom_done_ = true;
  } else if (!chunk_.empty()) {
    // Not a byte order mark after all: its first bytes were data (never a line break, so they
    // cannot complete a record).
    bom_done_ = true;
    std::string_view replay(kByteOrderMark, static_cast<std::size_t>(bom_matched_));
    ProcessBytes(&replay);
  }
}

void CsvReader::FinishInput() {
  at_end_ = true;
  if (!bom_done_ && bom_matched_ > 0) {
    bom_done_ = true;
    std::string_view replay(kByteOrderMark, static_cast<std::size_t>(bom_matched_));
    ProcessBytes(&replay);
  }
  // A CR right before the end of input ends the record as a line break would.
  cr_pending_ = false;
  if (state_ != State::kRecordStart) {
    if (state_ == State::kQuoted) Fail(codes::kCsvUnterminatedQuote, field_count_);
    EndRecord();
  }
  if (header_ == nullptr && status_.ok()) {
    FailFeed(codes::kCsvNoHeader, "", "the feed has no header row");
  }
}

void CsvReader::BeginRecord() {
  record_line_ = line_;
  record_.data_.clear();
  record_.ends_.clear();
  field_count_ = 0;
  field_bits_ = 0;
  failed_ = false;
  state_ = State::kFieldStart;
}

void CsvReader::Append(const char* p, std::size_t n) {
  if (failed_ || n == 0) return;
  const std::size_t size = record_.data_.size();
  if (size - field_begin() + n > limits_.max_field_bytes) {
    high_water_ = std::max(high_water_, size);
    Fail(codes::kCsvFieldTooLarge, field_count_);
    return;
  }
  if (size + n > limits_.max_record_bytes) {
    high_water_ = std::max(high_water_, size);
    Fail(codes::kCsvRecordTooLarge, field_count_);
    return;
  }
  record_.data_.append(p, n);
}

void CsvReader::EndField() {
  if (!failed_) {
    const std::size_t begin = field_begin();
    const std::size_t size = record_.data_.size();
    high_water_ = std::max(high_water_, size);
    if ((field_bits_ & 0x80) != 0 && !IsValidUtf8(std::string_view(record_.data_).substr(begin))) {
      Fail(codes::kCsvInvalidUtf8, field_count_);
    } else {
      record_.ends_.push_back(static_cast<std::uint32_t>(size));
    }
  }
  field_bits_ = 0;
  ++field_count_;
  if (!failed_ && field_count_ > column_limit_) {
    Fail(header_ ? codes::kCsvFieldCount : codes::kCsvHeaderTooManyColumns, field_count_);
  }
}

void CsvReader::EndRecord() {
  EndField();
  state_ = State::kRecordStart;
  if (header_ == nullptr) {
    FinishHeader();
    return;
  }
  if (!failed_ && field_count_ < column_limit_) Fail(codes::kCsvFieldCount, field_count_);
  if (failed_) {
    produced_ = Produced::kError;
    return;
  }
  record_.line_ = record_line_;
  produced_ = Produced::kRecord;
}

void CsvReader::FinishHeader() {
  if (failed_) {
    std::string_view code = error_.code == codes::kCsvHeaderTooManyColumns
                                ? codes::kCsvHeaderTooManyColumns
                                : codes::kCsvHeaderMalformed;
    FailFeed(code, "", "header: " + std::string(error_.code) + " " + error_.detail);
    return;
  }
  auto header = std::make_shared<CsvHeader>();
  header->names.reserve(record_.ends_.size());
  std::unordered_set<std::string_view> seen;
  for (std::size_t i = 0; i < record_.ends_.size(); ++i) {
    std::string_view name = record_.field(i);
    if (name.empty()) {
      FailFeed(codes::kCsvHeaderEmptyName, "", "column " + std::to_string(i + 1) + " has no name");
      return;
    }
    if (!seen.insert(name).second) {
      FailFeed(codes::kCsvHeaderDuplicateName, std::string(name),
               "column " + std::to_string(i + 1) + " repeats an earlier name");
      return;
    }
    header->names.emplace_back(name);
  }
  column_limit_ = header->names.size();
  header_ = std::move(header);
  record_.header_ = header_;
}

void CsvReader::Fail(std::string_view code, std::size_t column) {
  if (failed_) return;
  failed_ = true;
  error_.code = code;
  error_.line = record_line_;
  error_.cause.clear();
  error_.column.clear();
  if (header_ != nullptr && column < header_->names.size() && code != codes::kCsvFieldCount) {
    error_.column = header_->names[column];
  }
  if (code == codes::kCsvFieldCount) {
    if (header_ != nullptr && field_count_ < header_->names.size()) {
      error_.column = header_->names[field_count_];  // the first missing column
      error_.detail = std::to_string(field_count_) + " fields where the header has " +
                      std::to_string(header_->names.size());
    } else {
      error_.detail = "more fields than the header's " + std::to_string(column_limit_);
    }
  } else if (code == codes::kCsvHeaderTooManyColumns) {
    error_.detail = "more than " + std::to_string(limits_.max_fields) + " columns";
  } else if (code == codes::kCsvFieldTooLarge) {
    error_.detail = "field " + std::to_string(column + 1) + " is over " +
                    std::to_string(limits_.max_field_bytes) + " bytes";
  } else if (code == codes::kCsvRecordTooLarge) {
    error_.detail = "record is over " + std::to_string(limits_.max_record_bytes) + " bytes";
  } else {
    error_.detail = "field " + std::to_string(column + 1) + " at line " + std::to_string(line_);
  }
}

void CsvReader::FailFeed(std::string_view code, std::string column, std::string detail) {
  error_.code = code;
  error_.line = record_line_;
  error_.column = std::move(column);
  error_.cause.clear();
  error_.detail = std::move(detail);
  status_ = InvalidArgument(std::string(code) + " at line " + std::to_string(record_line_) + ": " +
                            error_.detail);
}

void CsvReader::ProcessBytes(std::string_view* bytes) {
  const char* p = bytes->data();
  const char* const end = p + bytes->size();
  while (p < end && produced_ == Produced::kNothing && status_.ok()) {
    if (cr_pending_) {
      cr_pending_ = false;
      if (*p == '\n') {
        ++p;
        ++line_;
        if (state_ != State::kRecordStart) EndRecord();  // else an empty CRLF line
        continue;
      }
      // A lone CR is data.
      if (state_ == State::kRecordStart) BeginRecord();
      if (state_ == State::kQuoteInQuoted) Fail(codes::kCsvTextAfterQuote, field_count_);
      state_ = State::kUnquoted;
      Append("\r", 1);
    }
    switch (state_) {
      case State::kRecordStart:
        if (*p == '\n') {  // an empty line
          ++p;
          ++line_;
          break;
        }
        if (*p == '\r') {
          cr_pending_ = true;
          ++p;
          break;
        }
        BeginRecord();
        break;
      case State::kFieldStart:
        if (*p == '"') {
          state_ = State::kQuoted;
          ++p;
          break;
        }
        if (*p == ',') {
          EndField();
          ++p;
          break;
        }
        if (*p == '\n') {
          ++p;
          ++line_;
          EndRecord();
          break;
        }
        if (*p == '\r') {
          cr_pending_ = true;
          ++p;
          break;
        }
        state_ = State::kUnquoted;
        [[fallthrough]];
      case State::kUnquoted: {
        const char* q = ScanUnquoted(p, end, &field_bits_);
        Append(p, static_cast<std::size_t>(q - p));
        p = q;
        if (p == end) break;
        const char c = *p++;
        if (c == ',') {
          EndField();
          state_ = State::kFieldStart;
        } else if (c == '\n') {
          ++line_;
          EndRecord();
        } else if (c == '\r') {
          cr_pending_ = true;
        } else {  // a quote
          Fail(codes::kCsvQuoteInUnquotedField, field_count_);
        }
        break;
      }
      case State::kQuoted: {
        const char* q = ScanQuoted(p, end, &field_bits_);
        Append(p, static_cast<std::size_t>(q - p));
        p = q;
        if (p == end) break;
        if (*p == '\n') {
          ++line_;
          Append(p, 1);
        } else {
          state_ = State::kQuoteInQuoted;
        }
        ++p;
        break;
      }
      case State::kQuoteInQuoted: {
        const char c = *p;
        if (c == '"') {
          Append(p, 1);
          state_ = State::kQuoted;
          ++p;
        } else if (c == ',') {
          EndField();
          state_ = State::kFieldStart;
          ++p;
        } else if (c == '\n') {
          ++line_;
          ++p;
          EndRecord();
        } else if (c == '\r') {
          cr_pending_ = true;
          ++p;
        } else {  // the byte is read again as data of an unquoted field
          Fail(codes::kCsvTextAfterQuote, field_count_);
          state_ = State::kUnquoted;
        }
        break;
      }
    }
  }
  bytes->remove_prefix(static_cast<std::size_t>(p - bytes->data()));
}

}  // namespace gw::feeds
