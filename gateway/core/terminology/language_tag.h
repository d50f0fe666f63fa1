// BCP-47 language tags (RFC 5646), checked by syntax only (no subtag registry offline).
//
// ParseLanguageTag("en-Latn-US-x-twain") → language "en", script "Latn", region "US",
// private_use "x-twain". The grammar: language (2-3 letters with up to three 3-letter extlang
// subtags, or 4-8 letters), script (4 letters), region (2 letters or 3 digits), variants
// (5-8 alphanumerics or a digit and 3 alphanumerics), extensions (a singleton and 2-8
// alphanumeric parts), private use ("x-" and 1-8 alphanumeric parts). A tag that is only private
// use ("x-whatever") and the grandfathered tags of RFC 5646 ("i-klingon", "en-GB-oed", ...) are
// accepted. Case is ignored, as BCP-47 requires. nullopt when the text is not a well-formed tag
// or is longer than kMaxLanguageTagLength.
// Thread safety: pure function.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::terminology {

inline constexpr std::size_t kMaxLanguageTagLength = 256;

struct LanguageTag {
  std::string language;  // empty for private-use-only and grandfathered tags
  std::vector<std::string> extlang;
  std::string script;
  std::string region;
  std::vector<std::string> variants;
  std::vector<std::string> extensions;  // "u-co-phonebk": singleton and its parts
  std::string private_use;              // "x-..." (without the leading '-')
  bool grandfathered = false;
};

std::optional<LanguageTag> ParseLanguageTag(std::string_view tag);

}  // namespace gw::terminology
