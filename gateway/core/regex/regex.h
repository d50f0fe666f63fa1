// Regex: the regular expressions of the gateway (FHIRPath matches()/replaceMatches(),
// ValueSet `regex` filters), matched in time linear in the subject's length.
//
// Patterns come from untrusted places (expressions, profiles, ValueSets), so matching must never
// backtrack exponentially: the engine is RE2 (automata based). The syntax is the common
// PCRE/ECMAScript subset — classes, escapes (\d \w \s, \p{L}), anchors, groups (incl. named
// and non-capturing), alternation, greedy and lazy quantifiers, {m,n} — without
// back-references and look-around, which are rejected at compile time.
// Errors: kInvalidArgument for a malformed or unsupported pattern, kResourceExhausted for a
// pattern over the size or memory limits. Messages quote at most the first 64 bytes.
// Thread safety: a compiled Regex is immutable and may be used from any number of threads.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "gateway/core/base/status.h"

namespace gw {

class Regex {
 public:
  struct Options {
    bool dot_matches_newline = true;    // FHIRPath matches in single-line mode
    std::size_t max_pattern_bytes = 4096;
    std::int64_t max_program_bytes = 2 << 20;  // memory budget of the compiled automaton
  };

  static Result<std::shared_ptr<const Regex>> Compile(std::string_view pattern,
                                                      const Options& options);
  static Result<std::shared_ptr<const Regex>> Compile(std::string_view pattern) {
    return Compile(pattern, Options{});
  }

  ~Regex();
  Regex(const Regex&) = delete;
  Regex& operator=(const Regex&) = delete;

  const std::string& pattern() const { return pattern_; }
  // True when the whole of `text` matches.
  bool FullMatch(std::string_view text) const;
  // True when some part of `text` matches.
  bool PartialMatch(std::string_view text) const;
  // Replaces every non-overlapping match. In `replacement`, $1..$9 name groups, $0 the whole
  // match and $$ a dollar sign (the FHIRPath/ECMAScript convention); other text is literal.
  std::string ReplaceAll(std::string_view text, std::string_view replacement) const;

 private:
  struct Impl;
  Regex(std::string pattern, std::unique_ptr<Impl> impl);
  std::string pattern_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gw
