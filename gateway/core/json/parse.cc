#include "gateway/core/json/parse.h"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <memory>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace gw::json {
namespace {

// Input stream over a buffer padded with 4 NUL bytes (RapidJSON's UTF-8 validation may read
// past the last byte). Counts lines so every value knows where it started.
class LineCountingStream {
 public:
  using Ch = char;
  explicit LineCountingStream(const char* begin) : begin_(begin), p_(begin) {}
  Ch Peek() const { return *p_; }
  Ch Take() {
    Ch c = *p_++;
    if (c == '\n') ++line_;
    return c;
  }
  std::size_t Tell() const { return static_cast<std::size_t>(p_ - begin_); }
  Ch* PutBegin() { return nullptr; }
  void Put(Ch) {}
  void Flush() {}
  std::size_t PutEnd(Ch*) { return 0; }
  std::uint32_t line() const { return line_; }

 private:
  const char* begin_;
  const char* p_;
  std::uint32_t line_ = 1;
};

// Objects above this many members switch duplicate detection from a scan to a hash set.
constexpr std::size_t kLinearKeyScanLimit = 16;

// An open array or object. Its children wait on the builder's shared stacks (from `start`),
// so each container is allocated once, at its exact size, when it closes.
struct Frame {
  bool is_object = false;
  std::uint32_t line = 0;
  std::size_t start = 0;  // first child on the value (array) or member (object) stack
  std::size_t count = 0;  // children so far
  std::string pending_key;
  bool has_key = false;  // pending_key holds the key of the value being read
  std::unique_ptr<std::unordered_set<std::string>> keys;  // only for large objects
};

// RapidJSON turns a lone \uDC00-\uDFFF escape into the 3-byte encoding of a surrogate, which
// is not valid UTF-8 (raw input bytes are validated, so only escapes can produce one).
bool HasEncodedSurrogate(const char* s, std::size_t n) {
  for (std::size_t i = 0; i + 1 < n; ++i) {
    if (static_cast<unsigned char>(s[i]) == 0xED && static_cast<unsigned char>(s[i + 1]) >= 0xA0) {
      return true;
    }
  }
  return false;
}

void AppendPointerToken(std::string_view token, std::string* out) {
  out->push_back('/');
  for (char c : token) {
    if (c == '~') {
      out->append("~0");
    } else if (c == '/') {
      out->append("~1");
    } else {
      out->push_back(c);
    }
  }
}

class TreeBuilder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, TreeBuilder> {
 public:
  TreeBuilder(const ParseLimits& limits, const LineCountingStream& stream)
      : limits_(limits), stream_(stream) {}

  bool Null() { return Add(Value::Null()); }
  bool Bool(bool b) { return Add(Value::Bool(b)); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) {
    return Add(Value::Number(std::string(s, n)));
  }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    if (n > limits_.max_string_length) {
      return Fail("json-string-too-long",
                  "string of " + std::to_string(n) + " bytes is over the limit of " +
                      std::to_string(limits_.max_string_length));
    }
    if (HasEncodedSurrogate(s, n)) {
      return Fail("json-encoding", "string holds a lone surrogate escape");
    }
    return Add(Value::String(std::string(s, n)));
  }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    if (n > limits_.max_string_length) {
      return Fail("json-string-too-long", "object key is over the string length limit");
    }
    if (HasEncodedSurrogate(s, n)) return Fail("json-encoding", "key holds a lone surrogate escape");
    Frame& f = frames_.back();
    std::string_view key(s, n);
    if (f.keys) {
      if (!f.keys->emplace(key).second) return DuplicateKey(key);
    } else {
      for (std::size_t i = f.start; i < members_.size(); ++i) {
        if (members_[i].key == key) return DuplicateKey(key);
      }
      if (f.count >= kLinearKeyScanLimit) {
        f.keys = std::make_unique<std::unordered_set<std::string>>();
        for (std::size_t i = f.start; i < members_.size(); ++i) f.keys->insert(members_[i].key);
        f.keys->emplace(key);
      }
    }
    f.pending_key.assign(s, n);
    f.has_key = true;
    return true;
  }
  bool StartObject() { return Start(true); }
  bool EndObject(rapidjson::SizeType) { return End(); }
  bool StartArray() { return Start(false); }
  bool EndArray(rapidjson::SizeType) { return End(); }

  bool failed() const { return !error_.code.empty(); }
  ParseError& error() { return error_; }
  Value TakeRoot() { return std::move(root_); }

  std::string CurrentPointer() const {
    std::string p;
    for (const Frame& f : frames_) {
      if (f.is_object) {
        if (f.has_key) AppendPointerToken(f.pending_key, &p);
      } else {
        AppendPointerToken(std::to_string(f.count), &p);
      }
    }
    return p;
  }

 private:
  bool CountNode() {
    if (++nodes_ > limits_.max_nodes) {
      return Fail("json-too-many-nodes",
                  "document has more than " + std::to_string(limits_.max_nodes) + " values");
    }
    return true;
  }

  bool Start(bool is_object) {
    if (!CountNode()) return false;
    if (frames_.size() >= limits_.max_depth) {
      return Fail("json-too-deep",
                  "nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
    }
    if (!CheckRoom()) return false;
    Frame f;
    f.is_object = is_object;
    f.line = stream_.line();
    f.start = is_object ? members_.size() : values_.size();
    frames_.push_back(std::move(f));
    return true;
  }

  bool End() {
    Frame& f = frames_.back();
    Value v;
    if (f.is_object) {
      std::vector<Member> members(std::make_move_iterator(members_.begin() + f.start),
                                  std::make_move_iterator(members_.end()));
      members_.resize(f.start);
      v = Value::Object(std::move(members));
    } else {
      std::vector<Value> items(std::make_move_iterator(values_.begin() + f.start),
                               std::make_move_iterator(values_.end()));
      values_.resize(f.start);
      v = Value::Array(std::move(items));
    }
    v.set_line(f.line);
    frames_.pop_back();
    return Place(std::move(v));
  }

  // Checks that the enclosing container may take one more value.
  bool CheckRoom() {
    if (frames_.empty()) return true;
    const Frame& f = frames_.back();
    if (f.is_object) {
      if (f.count >= limits_.max_object_members) {
        return Fail("json-object-too-large", "object has more than " +
                                                 std::to_string(limits_.max_object_members) +
                                                 " members");
      }
    } else if (f.count >= limits_.max_array_length) {
      return Fail("json-array-too-long",
                  "array has more than " + std::to_string(limits_.max_array_length) + " items");
    }
    return true;
  }

  bool Add(Value v) {
    if (!CountNode() || !CheckRoom()) return false;
    v.set_line(stream_.line());
    return Place(std::move(v));
  }

  bool Place(Value v) {
    if (frames_.empty()) {
      root_ = std::move(v);
      return true;
    }
    Frame& f = frames_.back();
    ++f.count;
    if (f.is_object) {
      members_.push_back(Member{std::move(f.pending_key), std::move(v)});
      f.pending_key.clear();
      f.has_key = false;
    } else {
      values_.push_back(std::move(v));
    }
    return true;
  }

  bool DuplicateKey(std::string_view key) {
    std::string p = CurrentPointer();
    AppendPointerToken(key, &p);
    error_.pointer = std::move(p);
    error_.code = "json-duplicate-key";
    error_.reason = "duplicate object key (FHIR JSON forbids repeated keys)";
    return false;
  }

  bool Fail(std::string code, std::string reason) {
    error_.code = std::move(code);
    error_.reason = std::move(reason);
    error_.pointer = CurrentPointer();
    return false;
  }

  const ParseLimits& limits_;
  const LineCountingStream& stream_;
  std::vector<Frame> frames_;
  std::vector<Value> values_;    // children of open arrays
  std::vector<Member> members_;  // children of open objects
  Value root_;
  std::size_t nodes_ = 0;
  ParseError error_;
};

void LineAndColumn(std::string_view text, std::size_t offset, std::uint32_t* line,
                   std::uint32_t* column) {
  if (offset > text.size()) offset = text.size();
  std::uint32_t l = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++l;
      line_start = i + 1;
    }
  }
  *line = l;
  *column = static_cast<std::uint32_t>(offset - line_start + 1);
}

const char* SyntaxCode(rapidjson::ParseErrorCode code) {
  switch (code) {
    case rapidjson::kParseErrorStringInvalidEncoding:
      return "json-encoding";
    case rapidjson::kParseErrorNumberTooBig:
      return "json-number-out-of-range";
    default:
      return "json-syntax";
  }
}

Status ToStatus(const ParseError& e) {
  std::string msg = e.code + " at " + (e.pointer.empty() ? std::string("(root)") : e.pointer) +
                    " (line " + std::to_string(e.line) + ", column " + std::to_string(e.column) +
                    "): " + e.reason;
  bool limit = e.code == "json-too-large" || e.code == "json-too-deep" ||
               e.code == "json-string-too-long" || e.code == "json-array-too-long" ||
               e.code == "json-object-too-large" || e.code == "json-too-many-nodes";
  return limit ? ResourceExhausted(std::move(msg)) : InvalidArgument(std::move(msg));
}

}  // namespace

Result<Value> Parse(std::string_view text, const ParseLimits& limits, ParseError* error) {
  ParseError local;
  ParseError& e = error != nullptr ? *error : local;
  e = ParseError{};
  if (text.size() > limits.max_bytes) {
    e.code = "json-too-large";
    e.line = 1;
    e.column = 1;
    e.reason = "document of " + std::to_string(text.size()) + " bytes is over the limit of " +
               std::to_string(limits.max_bytes);
    return ToStatus(e);
  }
  // A leading UTF-8 byte order mark is ignored (RFC 8259 section 8.1 allows a parser to).
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  // A NUL byte is never valid JSON (inside strings it must be escaped); rejecting it here also
  // keeps the NUL-terminated stream below from stopping early.
  if (std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    e.code = "json-syntax";
    e.reason = "NUL byte in the document";
    LineAndColumn(text, nul, &e.line, &e.column);
    return ToStatus(e);
  }
  std::string padded;
  padded.reserve(text.size() + 4);
  padded.append(text);
  padded.append(4, '\0');

  LineCountingStream stream(padded.data());
  TreeBuilder builder(limits, stream);
  rapidjson::Reader reader;
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag |
                              rapidjson::kParseValidateEncodingFlag;
  rapidjson::ParseResult r = reader.Parse<kFlags>(stream, builder);
  if (r.IsError()) {
    std::size_t offset = r.Offset();
    if (builder.failed()) {
      e = std::move(builder.error());
    } else {
      e.code = SyntaxCode(r.Code());
      e.reason = rapidjson::GetParseError_En(r.Code());
      e.pointer = builder.CurrentPointer();
    }
    LineAndColumn(text, offset, &e.line, &e.column);
    return ToStatus(e);
  }
  return builder.TakeRoot();
}

}  // namespace gw::json
