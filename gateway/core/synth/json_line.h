// JsonLine: writes one compact JSON object (an NDJSON line) straight into a string, in order,
// without building a tree. Strings are escaped by gw::json::AppendEscapedString (the project's
// JSON writer), so the text matches what json::Write would produce.
//
// Every value method takes the member name; pass an empty name for array items. Nesting is
// limited to kMaxDepth levels (deeper calls are a programming error, asserted).
// Thread safety: one instance per thread; *out must outlive the writer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gw::synth {

class JsonLine {
 public:
  static constexpr int kMaxDepth = 8;

  explicit JsonLine(std::string* out) : out_(out) {}

  JsonLine& Str(std::string_view name, std::string_view value);
  // null when value is empty.
  JsonLine& StrOrNull(std::string_view name, std::string_view value);
  JsonLine& Int(std::string_view name, std::int64_t value);
  JsonLine& Bool(std::string_view name, bool value);
  JsonLine& Null(std::string_view name);
  JsonLine& BeginObject(std::string_view name = {});
  JsonLine& EndObject();
  JsonLine& BeginArray(std::string_view name);
  JsonLine& EndArray();

 private:
  void Name(std::string_view name);
  void Open(char c);
  void Close(char c);

  std::string* out_;
  int depth_ = 0;
  bool first_[kMaxDepth + 1] = {true};
};

}  // namespace gw::synth
