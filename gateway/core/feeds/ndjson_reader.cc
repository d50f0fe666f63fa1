#include "gateway/core/feeds/ndjson_reader.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "gateway/core/feeds/issue_codes.h"

namespace gw::feeds {
namespace {

bool IsBlank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

}  // namespace

NdjsonReader::NdjsonReader(ChunkSource& source, FeedLimits limits, json::ParseLimits json_limits)
    : source_(source), limits_(limits), json_limits_(json_limits) {
  json_limits_.max_bytes = std::min(json_limits_.max_bytes, limits_.max_record_bytes);
}

Result<ReadStep> NdjsonReader::Next() {
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
      if (chunk_.empty()) FinishInput();
    } else {
      ProcessChunk();
    }
    if (produced_ == Produced::kRecord) return ReadStep::kRecord;
    if (produced_ == Produced::kError) return ReadStep::kError;
  }
  return status_;
}

void NdjsonReader::ProcessChunk() {
  const void* found = std::memchr(chunk_.data(), '\n', chunk_.size());
  if (found == nullptr) {  // the line goes on in the next chunk
    if (!skipping_) {
      if (line_buffer_.size() + chunk_.size() > limits_.max_record_bytes) {
        skipping_ = true;
        line_buffer_.clear();
      } else {
        line_buffer_.append(chunk_);
        high_water_ = std::max(high_water_, line_buffer_.size());
      }
    }
    chunk_ = {};
    return;
  }
  const auto n = static_cast<std::size_t>(static_cast<const char*>(found) - chunk_.data());
  std::string_view piece = chunk_.substr(0, n);
  chunk_.remove_prefix(n + 1);
  const std::uint32_t line = line_++;
  if (skipping_ || line_buffer_.size() + n > limits_.max_record_bytes) {
    skipping_ = false;
    line_buffer_.clear();
    Fail(codes::kNdjsonLineTooLong, line,
         "line is over " + std::to_string(limits_.max_record_bytes) + " bytes");
    return;
  }
  if (line_buffer_.empty()) {
    HandleLine(piece, line, true);
    return;
  }
  line_buffer_.append(piece);
  high_water_ = std::max(high_water_, line_buffer_.size());
  HandleLine(line_buffer_, line, true);
  line_buffer_.clear();
}

void NdjsonReader::FinishInput() {
  at_end_ = true;
  if (skipping_) {
    skipping_ = false;
    Fail(codes::kNdjsonLineTooLong, line_,
         "line is over " + std::to_string(limits_.max_record_bytes) + " bytes");
  } else if (!line_buffer_.empty()) {
    HandleLine(line_buffer_, line_, false);
  }
  line_buffer_.clear();
}

void NdjsonReader::HandleLine(std::string_view text, std::uint32_t line, bool has_line_break) {
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  if (IsBlank(text)) return;
  json::ParseError parse_error;
  Result<json::Value> value = json::Parse(text, json_limits_, &parse_error);
  if (!value.ok()) {
    Fail(has_line_break ? codes::kNdjsonNotJson : codes::kNdjsonTruncatedLine, line,
         parse_error.reason + " (column " + std::to_string(parse_error.column) + ")");
    error_.cause = parse_error.code;
    error_.column = parse_error.pointer;
    return;
  }
  if (!value->is_object()) {
    Fail(codes::kNdjsonNotObject, line,
         std::string("the line holds a JSON ") + json::KindName(value->kind()));
    return;
  }
  record_.line = line;
  record_.value = std::move(value).value();
  produced_ = Produced::kRecord;
}

void NdjsonReader::Fail(std::string_view code, std::uint32_t line, std::string detail) {
  error_.code = code;
  error_.line = line;
  error_.column.clear();
  error_.cause.clear();
  error_.detail = std::move(detail);
  produced_ = Produced::kError;
}

}  // namespace gw::feeds
