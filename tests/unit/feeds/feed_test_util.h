// Helpers of the feed reader tests: drain a reader into a list of outcome strings that two runs
// can be compared by, and sources that generate or fail.
#pragma once

#include <cstddef>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/feeds/chunk_source.h"
#include "gateway/core/feeds/csv_reader.h"
#include "gateway/core/feeds/ndjson_reader.h"
#include "gateway/core/json/write.h"

namespace gw {
inline std::ostream& operator<<(std::ostream& os, StatusCode c) { return os << StatusCodeName(c); }
}  // namespace gw

namespace gw::feeds {
inline std::ostream& operator<<(std::ostream& os, ReadStep s) {
  return os << (s == ReadStep::kRecord ? "record" : s == ReadStep::kError ? "error" : "end");
}
}  // namespace gw::feeds

namespace gw::feeds::testing {

// "R<line>|f1|f2..." per record, "E<line>|code|column" per error, then "END" or "STATUS|code".
template <typename Reader, typename RecordText>
std::vector<std::string> Drain(Reader& reader, RecordText record_text) {
  std::vector<std::string> out;
  for (;;) {
    auto step = reader.Next();
    if (!step.ok()) {
      out.push_back("STATUS|" + std::string(StatusCodeName(step.status().code())) + "|" +
                    std::string(reader.error().code));
      return out;
    }
    if (*step == ReadStep::kEnd) {
      out.push_back("END");
      return out;
    }
    if (*step == ReadStep::kError) {
      const FeedError& e = reader.error();
      out.push_back("E" + std::to_string(e.line) + "|" + std::string(e.code) + "|" + e.column);
    } else {
      out.push_back(record_text(reader));
    }
  }
}

inline std::vector<std::string> DrainCsv(CsvReader& reader) {
  return Drain(reader, [](CsvReader& r) {
    std::string s = "R" + std::to_string(r.record().line());
    for (std::size_t i = 0; i < r.record().size(); ++i) {
      s += "|";
      s += r.record().field(i);
    }
    return s;
  });
}

inline std::vector<std::string> DrainNdjson(NdjsonReader& reader) {
  return Drain(reader, [](NdjsonReader& r) {
    return "R" + std::to_string(r.record().line) + "|" + json::Write(r.record().value);
  });
}

// Produces `count` pieces of text from `make(i)`, handing out each piece as one chunk.
class GeneratorSource final : public ChunkSource {
 public:
  GeneratorSource(std::size_t count, std::function<std::string(std::size_t)> make)
      : count_(count), make_(std::move(make)) {}
  Result<std::string_view> Next() override {
    if (i_ >= count_) return std::string_view();
    current_ = make_(i_++);
    return std::string_view(current_);
  }

 private:
  std::size_t count_;
  std::function<std::string(std::size_t)> make_;
  std::size_t i_ = 0;
  std::string current_;
};

// Hands out `data` once, then fails with kIo.
class FailingSource final : public ChunkSource {
 public:
  explicit FailingSource(std::string_view data) : data_(data) {}
  Result<std::string_view> Next() override {
    if (!given_) {
      given_ = true;
      return data_;
    }
    return IoError("disk gone");
  }

 private:
  std::string_view data_;
  bool given_ = false;
};

}  // namespace gw::feeds::testing
