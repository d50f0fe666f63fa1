#include "gateway/core/ingest/optional_fields.h"

#include <cstring>

#include "gateway/core/ingest/issue_codes.h"

namespace gw::ingest {
namespace {

struct Rule {
  std::string_view feed;
  std::string_view column;
  const char* code;
};

constexpr Rule kRules[] = {
    {"members.csv", "medicare_mbi", codes::kInvalidMbi},
    {"members.csv", "pcp_npi", codes::kInvalidNpi},
    {"members.csv", "phone_home", codes::kInvalidPhone},
    {"members.csv", "phone_mobile", codes::kInvalidPhone},
    {"members.csv", "email", codes::kInvalidEmail},
    {"providers.csv", "phone", codes::kInvalidPhone},
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
// MBI letters: A-Z without S, L, O, I, B, Z.
bool IsMbiLetter(char c) {
  return c >= 'A' && c <= 'Z' && std::strchr("SLOIBZ", c) == nullptr;
}

}  // namespace

const char* OptionalFieldCheck(std::string_view feed_file, std::string_view column) {
  for (const Rule& r : kRules) {
    if (r.feed == feed_file && r.column == column) return r.code;
  }
  return nullptr;
}

bool FieldPasses(const char* code, std::string_view value) {
  if (code == codes::kInvalidMbi) return IsMbi(value);
  if (code == codes::kInvalidNpi) return IsNpi(value);
  if (code == codes::kInvalidPhone) return IsPhone10(value);
  if (code == codes::kInvalidEmail) return IsEmail(value);
  return true;
}

bool IsMbi(std::string_view v) {
  if (v.size() != 11) return false;
  for (std::size_t i = 0; i < 11; ++i) {
    const char c = v[i];
    switch (i + 1) {
      case 1:
        if (c < '1' || c > '9') return false;
        break;
      case 2: case 5: case 8: case 9:
        if (!IsMbiLetter(c)) return false;
        break;
      case 3: case 6:
        if (!IsMbiLetter(c) && !IsDigit(c)) return false;
        break;
      default:
        if (!IsDigit(c)) return false;
    }
  }
  return true;
}

bool IsNpi(std::string_view v) {
  if (v.size() != 10) return false;
  for (char c : v) {
    if (!IsDigit(c)) return false;
  }
  // Luhn over "80840" + the 10 digits: the check digit is not doubled, then every other one.
  int sum = 0;
  std::string_view prefix = "80840";
  int pos = 0;  // from the right
  auto add = [&](char c) {
    int d = c - '0';
    if (pos % 2 == 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    ++pos;
  };
  for (std::size_t i = v.size(); i-- > 0;) add(v[i]);
  for (std::size_t i = prefix.size(); i-- > 0;) add(prefix[i]);
  return sum % 10 == 0;
}

bool IsPhone10(std::string_view v) {
  if (v.size() != 10) return false;
  for (char c : v) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

bool IsEmail(std::string_view v) {
  const std::size_t at = v.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= v.size()) return false;
  if (v.find('@', at + 1) != std::string_view::npos) return false;
  for (char c : v) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return false;
  }
  return v.substr(at + 1).find('.') != std::string_view::npos;
}

}  // namespace gw::ingest
