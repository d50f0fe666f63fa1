#include "gateway/core/terminology/code_validation.h"

#include <string>

namespace gw::terminology {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Trimmed, single-spaced, ASCII lower case.
std::string NormalizeDisplay(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (char c : s) {
    if (IsSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

}  // namespace

const char* MembershipName(Membership m) {
  switch (m) {
    case Membership::kMember:
      return "member";
    case Membership::kNotMember:
      return "not-member";
    case Membership::kUnknown:
      break;
  }
  return "unknown";
}

const char* DisplayCheckName(DisplayCheck d) {
  switch (d) {
    case DisplayCheck::kNotGiven:
      return "not-given";
    case DisplayCheck::kMatches:
      return "matches";
    case DisplayCheck::kMismatch:
      return "mismatch";
    case DisplayCheck::kNotChecked:
      break;
  }
  return "not-checked";
}

bool DisplayMatches(std::string_view given, const std::vector<std::string_view>& candidates) {
  for (std::string_view c : candidates) {
    if (!c.empty() && c == given) return true;
  }
  std::string normalized = NormalizeDisplay(given);
  for (std::string_view c : candidates) {
    if (!c.empty() && NormalizeDisplay(c) == normalized) return true;
  }
  return false;
}

}  // namespace gw::terminology
