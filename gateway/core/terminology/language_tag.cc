#include "gateway/core/terminology/language_tag.h"

#include <algorithm>
#include <array>

#include "gateway/core/terminology/code_system.h"

namespace gw::terminology {
namespace {

// The grandfathered tags of RFC 5646 section 2.2.8 (irregular and regular), lower case.
constexpr std::array<std::string_view, 26> kGrandfathered = {
    "en-gb-oed", "i-ami",     "i-bnn",     "i-default",  "i-enochian",  "i-hak",  "i-klingon",
    "i-lux",     "i-mingo",   "i-navajo",  "i-pwn",      "i-tao",       "i-tay",  "i-tsu",
    "sgn-be-fr", "sgn-be-nl", "sgn-ch-de", "art-lojban", "cel-gaulish", "no-bok", "no-nyn",
    "zh-guoyu",  "zh-hakka",  "zh-min",    "zh-min-nan", "zh-xiang"};

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsAlpha(c) || IsDigit(c); }

bool AllOf(std::string_view s, bool (*pred)(char)) { return std::all_of(s.begin(), s.end(), pred); }

bool IsScript(std::string_view s) { return s.size() == 4 && AllOf(s, IsAlpha); }
bool IsRegion(std::string_view s) {
  return (s.size() == 2 && AllOf(s, IsAlpha)) || (s.size() == 3 && AllOf(s, IsDigit));
}
bool IsVariant(std::string_view s) {
  return (s.size() >= 5 && s.size() <= 8 && AllOf(s, IsAlnum)) ||
         (s.size() == 4 && IsDigit(s[0]) && AllOf(s, IsAlnum));
}

// Splits on '-'; nullopt when a subtag is empty, longer than 8 or not alphanumeric.
std::optional<std::vector<std::string_view>> Subtags(std::string_view tag) {
  std::vector<std::string_view> out;
  while (true) {
    std::size_t dash = tag.find('-');
    std::string_view part = tag.substr(0, dash);
    if (part.empty() || part.size() > 8 || !AllOf(part, IsAlnum)) return std::nullopt;
    out.push_back(part);
    if (dash == std::string_view::npos) return out;
    tag.remove_prefix(dash + 1);
  }
}

// Joins parts[from, to) with '-'.
std::string Join(const std::vector<std::string_view>& parts, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (i > from) out += '-';
    out += parts[i];
  }
  return out;
}

// Extensions and private use, from parts[i] on. False on a malformed sequence.
bool ReadExtensions(const std::vector<std::string_view>& parts, std::size_t i, LanguageTag* out) {
  while (i < parts.size()) {
    std::string_view singleton = parts[i];
    if (singleton.size() != 1) return false;
    std::size_t end = i + 1;
    bool private_use = singleton == "x" || singleton == "X";
    std::size_t min_len = private_use ? 1 : 2;
    while (end < parts.size() && parts[end].size() >= min_len &&
           (private_use || parts[end].size() > 1)) {
      ++end;
    }
    if (end == i + 1) return false;  // a singleton needs at least one part
    if (private_use) {
      if (end != parts.size()) return false;
      out->private_use = Join(parts, i, end);
      return true;
    }
    out->extensions.push_back(Join(parts, i, end));
    i = end;
  }
  return true;
}

}  // namespace

std::optional<LanguageTag> ParseLanguageTag(std::string_view tag) {
  if (tag.empty() || tag.size() > kMaxLanguageTagLength) return std::nullopt;
  LanguageTag out;
  std::string lower = AsciiLower(tag);
  if (std::find(kGrandfathered.begin(), kGrandfathered.end(), lower) != kGrandfathered.end()) {
    out.grandfathered = true;
    return out;
  }
  auto parts_or = Subtags(tag);
  if (!parts_or.has_value()) return std::nullopt;
  const std::vector<std::string_view>& parts = *parts_or;
  std::size_t i = 0;
  if (parts[0] == "x" || parts[0] == "X") {
    if (!ReadExtensions(parts, 0, &out)) return std::nullopt;
    return out;
  }
  std::string_view language = parts[i++];
  if (language.size() < 2 || !AllOf(language, IsAlpha)) return std::nullopt;
  out.language = language;
  if (language.size() <= 3) {
    while (i < parts.size() && out.extlang.size() < 3 && parts[i].size() == 3 &&
           AllOf(parts[i], IsAlpha)) {
      out.extlang.emplace_back(parts[i++]);
    }
  }
  if (i < parts.size() && IsScript(parts[i])) out.script = parts[i++];
  if (i < parts.size() && IsRegion(parts[i])) out.region = parts[i++];
  while (i < parts.size() && IsVariant(parts[i])) out.variants.emplace_back(parts[i++]);
  if (!ReadExtensions(parts, i, &out)) return std::nullopt;
  return out;
}

}  // namespace gw::terminology
