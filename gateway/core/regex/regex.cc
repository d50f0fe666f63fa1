#include "gateway/core/regex/regex.h"

#include <re2/re2.h>

#include <utility>

namespace gw {

struct Regex::Impl {
  explicit Impl(std::string_view pattern, const RE2::Options& options)
      : re(re2::StringPiece(pattern.data(), pattern.size()), options) {}
  RE2 re;
};

namespace {

std::string Quote(std::string_view pattern) {
  return "'" + std::string(pattern.substr(0, 64)) + (pattern.size() > 64 ? "...'" : "'");
}

// "$1" → "\1", "$$" → "$", "\" → "\\": ECMAScript-style replacement to RE2's rewrite syntax.
std::string ToRewrite(std::string_view replacement) {
  std::string out;
  out.reserve(replacement.size() + 8);
  for (std::size_t i = 0; i < replacement.size(); ++i) {
    char c = replacement[i];
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '$' && i + 1 < replacement.size() && replacement[i + 1] >= '0' &&
               replacement[i + 1] <= '9') {
      out.push_back('\\');
      out.push_back(replacement[++i]);
    } else if (c == '$' && i + 1 < replacement.size() && replacement[i + 1] == '$') {
      out.push_back('$');
      ++i;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

Regex::Regex(std::string pattern, std::unique_ptr<Impl> impl)
    : pattern_(std::move(pattern)), impl_(std::move(impl)) {}

Regex::~Regex() = default;

Result<std::shared_ptr<const Regex>> Regex::Compile(std::string_view pattern,
                                                    const Options& options) {
  if (pattern.size() > options.max_pattern_bytes) {
    return ResourceExhausted("regular expression longer than " +
                             std::to_string(options.max_pattern_bytes) + " bytes");
  }
  RE2::Options o;
  o.set_log_errors(false);
  o.set_encoding(RE2::Options::EncodingUTF8);
  o.set_dot_nl(options.dot_matches_newline);
  o.set_max_mem(options.max_program_bytes);
  auto impl = std::make_unique<Impl>(pattern, o);
  if (!impl->re.ok()) {
    if (impl->re.error_code() == RE2::ErrorPatternTooLarge) {
      return ResourceExhausted("regular expression " + Quote(pattern) + " is too large");
    }
    return InvalidArgument("invalid regular expression " + Quote(pattern) + ": " +
                           impl->re.error());
  }
  return std::shared_ptr<const Regex>(new Regex(std::string(pattern), std::move(impl)));
}

bool Regex::FullMatch(std::string_view text) const {
  return RE2::FullMatch(re2::StringPiece(text.data(), text.size()), impl_->re);
}

bool Regex::PartialMatch(std::string_view text) const {
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), impl_->re);
}

std::string Regex::ReplaceAll(std::string_view text, std::string_view replacement) const {
  std::string out(text);
  std::string rewrite = ToRewrite(replacement);
  // A rewrite naming a group the pattern lacks is not applied: the text stays as it is.
  std::string error;
  if (!impl_->re.CheckRewriteString(rewrite, &error)) return out;
  RE2::GlobalReplace(&out, impl_->re, rewrite);
  return out;
}

}  // namespace gw
