#include "gateway/core/conformance/bundle_scan.h"

#include <string>

namespace gw::conformance {
namespace {

class Scanner {
 public:
  Scanner(std::string_view text, const BundleScanLimits& limits) : s_(text), limits_(limits) {}

  Result<std::vector<std::string_view>> Run() {
    std::vector<std::string_view> out;
    SkipWs();
    if (!Eat('{')) return Fail("bundle is not a JSON object");
    SkipWs();
    if (Eat('}')) return out;
    while (true) {
      std::string_view key;
      GW_RETURN_IF_ERROR(ReadString(&key));
      SkipWs();
      if (!Eat(':')) return Fail("expected ':'");
      SkipWs();
      if (key == "entry") {
        GW_RETURN_IF_ERROR(ReadEntries(&out));
      } else {
        GW_RETURN_IF_ERROR(SkipValue());
      }
      SkipWs();
      if (Eat(',')) {
        SkipWs();
        continue;
      }
      if (Eat('}')) break;
      return Fail("expected ',' or '}'");
    }
    SkipWs();
    if (pos_ != s_.size()) return Fail("trailing characters after the bundle");
    return out;
  }

 private:
  Status ReadEntries(std::vector<std::string_view>* out) {
    if (!Eat('[')) return Fail("\"entry\" is not an array");
    SkipWs();
    if (Eat(']')) return Status::Ok();
    std::size_t entries = 0;
    while (true) {
      if (++entries > limits_.max_entries) {
        return ResourceExhausted("bundle has more than " + std::to_string(limits_.max_entries) +
                                 " entries");
      }
      if (!Eat('{')) return Fail("an entry is not an object");
      SkipWs();
      bool found = false;
      if (!Eat('}')) {
        while (true) {
          std::string_view key;
          GW_RETURN_IF_ERROR(ReadString(&key));
          SkipWs();
          if (!Eat(':')) return Fail("expected ':'");
          SkipWs();
          std::size_t start = pos_;
          GW_RETURN_IF_ERROR(SkipValue());
          if (key == "resource" && !found) {
            out->push_back(s_.substr(start, pos_ - start));
            found = true;
          }
          SkipWs();
          if (Eat(',')) {
            SkipWs();
            continue;
          }
          if (Eat('}')) break;
          return Fail("expected ',' or '}' in an entry");
        }
      }
      SkipWs();
      if (Eat(',')) {
        SkipWs();
        continue;
      }
      if (Eat(']')) return Status::Ok();
      return Fail("expected ',' or ']' in \"entry\"");
    }
  }

  // Skips one JSON value of any kind; iterative (depth is a counter, not recursion). Bracket
  // kinds are not matched here: json::Parse() checks the grammar of what is kept.
  Status SkipValue() {
    if (pos_ >= s_.size()) return Fail("unexpected end of text");
    char first = s_[pos_];
    if (first == '"') {
      std::string_view ignored;
      return ReadString(&ignored);
    }
    if (first != '{' && first != '[') {
      std::size_t start = pos_;
      while (pos_ < s_.size() && !IsDelimiter(s_[pos_])) ++pos_;
      if (pos_ == start) return Fail("expected a value");
      return Status::Ok();
    }
    std::size_t depth = 0;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == '"') {
        std::string_view ignored;
        GW_RETURN_IF_ERROR(ReadString(&ignored));
        continue;
      }
      if (c == '{' || c == '[') {
        if (++depth > limits_.max_depth) return ResourceExhausted("bundle nested too deeply");
      } else if (c == '}' || c == ']') {
        if (--depth == 0) {
          ++pos_;
          return Status::Ok();
        }
      }
      ++pos_;
    }
    return Fail("unexpected end of text");
  }

  static bool IsDelimiter(char c) {
    return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  // Reads a string token; `*raw` is its text between the quotes, escapes left as written.
  Status ReadString(std::string_view* raw) {
    if (!Eat('"')) return Fail("expected a string");
    std::size_t start = pos_;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == '\\') {
        pos_ += 2;
        continue;
      }
      if (c == '"') {
        *raw = s_.substr(start, pos_ - start);
        ++pos_;
        return Status::Ok();
      }
      ++pos_;
    }
    return Fail("unterminated string");
  }

  void SkipWs() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\r' || s_[pos_] == '\t')) {
      ++pos_;
    }
  }

  bool Eat(char c) {
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  Status Fail(const std::string& what) const {
    return InvalidArgument("bundle scan: " + what + " at byte " + std::to_string(pos_));
  }

  std::string_view s_;
  const BundleScanLimits& limits_;
  std::size_t pos_ = 0;
};

}  // namespace

Result<std::vector<std::string_view>> SplitBundleResources(std::string_view bundle_text,
                                                           const BundleScanLimits& limits) {
  return Scanner(bundle_text, limits).Run();
}

}  // namespace gw::conformance
