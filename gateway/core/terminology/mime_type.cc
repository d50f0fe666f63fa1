#include "gateway/core/terminology/mime_type.h"

#include <cstddef>

namespace gw::terminology {
namespace {

constexpr std::size_t kMaxName = 127;
constexpr std::size_t kMaxMimeLength = 1024;

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool IsRestrictedNameChar(char c) {
  if (IsAlnum(c)) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '&':
    case '-':
    case '^':
    case '_':
    case '.':
    case '+':
      return true;
    default:
      return false;
  }
}

// RFC 2045 token characters: printable ASCII except space and tspecials.
bool IsTokenChar(char c) {
  if (c <= 0x20 || c >= 0x7f) return false;
  static constexpr std::string_view kSpecials = "()<>@,;:\\\"/[]?=";
  return kSpecials.find(c) == std::string_view::npos;
}

// Reads a restricted-name at `pos`; false when absent or malformed.
bool ReadName(std::string_view s, std::size_t* pos) {
  std::size_t start = *pos;
  if (start >= s.size() || !IsAlnum(s[start])) return false;
  std::size_t i = start + 1;
  while (i < s.size() && IsRestrictedNameChar(s[i])) ++i;
  if (i - start > kMaxName) return false;
  *pos = i;
  return true;
}

void SkipSpaces(std::string_view s, std::size_t* pos) {
  while (*pos < s.size() && (s[*pos] == ' ' || s[*pos] == '\t')) ++*pos;
}

// Reads `name=value` at `pos`.
bool ReadParameter(std::string_view s, std::size_t* pos) {
  std::size_t i = *pos;
  std::size_t name_start = i;
  while (i < s.size() && IsTokenChar(s[i])) ++i;
  if (i == name_start || i >= s.size() || s[i] != '=') return false;
  ++i;
  if (i < s.size() && s[i] == '"') {
    ++i;
    while (i < s.size() && s[i] != '"') {
      if (s[i] == '\\') ++i;
      ++i;
    }
    if (i >= s.size()) return false;
    ++i;
  } else {
    // Unquoted values are read leniently (printable, no ';'): published FHIR content uses
    // "canonicalization=http://hl7.org/fhir/canonicalization/json" without quotes.
    std::size_t value_start = i;
    while (i < s.size() && s[i] > 0x20 && s[i] < 0x7f && s[i] != ';' && s[i] != '"') ++i;
    if (i == value_start) return false;
  }
  *pos = i;
  return true;
}

}  // namespace

bool IsPlausibleMimeType(std::string_view s) {
  if (s.empty() || s.size() > kMaxMimeLength) return false;
  std::size_t pos = 0;
  if (!ReadName(s, &pos) || pos >= s.size() || s[pos] != '/') return false;
  ++pos;
  if (!ReadName(s, &pos)) return false;
  while (true) {
    SkipSpaces(s, &pos);
    if (pos == s.size()) return true;
    if (s[pos] != ';') return false;
    ++pos;
    SkipSpaces(s, &pos);
    if (!ReadParameter(s, &pos)) return false;
  }
}

}  // namespace gw::terminology
