#include "gateway/core/validation/primitive_check.h"

#include <cstdint>

namespace gw::validation {
namespace {

bool Digit(char c) { return c >= '0' && c <= '9'; }

// Reads `n` digits at `s[*i]` into `*out`.
bool ReadDigits(std::string_view s, std::size_t* i, int n, int* out) {
  if (*i + n > s.size()) return false;
  int v = 0;
  for (int k = 0; k < n; ++k) {
    char c = s[*i + k];
    if (!Digit(c)) return false;
    v = v * 10 + (c - '0');
  }
  *i += n;
  *out = v;
  return true;
}

bool Expect(std::string_view s, std::size_t* i, char c) {
  if (*i >= s.size() || s[*i] != c) return false;
  ++*i;
  return true;
}

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

// YYYY[-MM[-DD]]; `parts` receives how many parts were read (1..3). Year 0000 is refused.
bool ReadDate(std::string_view s, std::size_t* i, int* parts) {
  int year = 0, month = 0, day = 0;
  if (!ReadDigits(s, i, 4, &year) || year == 0) return false;
  *parts = 1;
  if (*i == s.size() || s[*i] != '-') return true;
  ++*i;
  if (!ReadDigits(s, i, 2, &month) || month < 1 || month > 12) return false;
  *parts = 2;
  if (*i == s.size() || s[*i] != '-') return true;
  ++*i;
  if (!ReadDigits(s, i, 2, &day) || day < 1 || day > DaysInMonth(year, month)) return false;
  *parts = 3;
  return true;
}

// hh:mm:ss[.fff]
bool ReadTime(std::string_view s, std::size_t* i) {
  int h = 0, m = 0, sec = 0;
  if (!ReadDigits(s, i, 2, &h) || h > 23 || !Expect(s, i, ':')) return false;
  if (!ReadDigits(s, i, 2, &m) || m > 59 || !Expect(s, i, ':')) return false;
  if (!ReadDigits(s, i, 2, &sec) || sec > 60) return false;
  if (*i < s.size() && s[*i] == '.') {
    ++*i;
    std::size_t start = *i;
    while (*i < s.size() && Digit(s[*i])) ++*i;
    if (*i == start) return false;
  }
  return true;
}

// Z | (+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)
bool ReadZone(std::string_view s, std::size_t* i) {
  if (*i >= s.size()) return false;
  if (s[*i] == 'Z') {
    ++*i;
    return true;
  }
  if (s[*i] != '+' && s[*i] != '-') return false;
  ++*i;
  int h = 0, m = 0;
  if (!ReadDigits(s, i, 2, &h) || !Expect(s, i, ':') || !ReadDigits(s, i, 2, &m)) return false;
  if (h == 14) return m == 0;
  return h <= 13 && m <= 59;
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool ParseInt32(std::string_view s, std::int64_t* out) {
  std::size_t i = 0;
  bool neg = false;
  if (i < s.size() && s[i] == '-') {
    neg = true;
    ++i;
  }
  if (i == s.size()) return false;
  std::int64_t v = 0;
  for (; i < s.size(); ++i) {
    if (!Digit(s[i])) return false;
    v = v * 10 + (s[i] - '0');
    if (v > 2147483648LL) return false;
  }
  *out = neg ? -v : v;
  return *out >= -2147483648LL && *out <= 2147483647LL;
}

bool IsStringLike(std::string_view s) {
  // [ \r\n\t\S]+ : any character except the whitespace characters \f and \v.
  for (char c : s) {
    if (c == '\f' || c == '\v') return false;
  }
  return true;
}

}  // namespace

bool IsValidDate(std::string_view s) {
  std::size_t i = 0;
  int parts = 0;
  return ReadDate(s, &i, &parts) && i == s.size();
}

bool IsValidDateTime(std::string_view s) {
  std::size_t i = 0;
  int parts = 0;
  if (!ReadDate(s, &i, &parts)) return false;
  if (i == s.size()) return true;
  if (parts != 3 || s[i] != 'T') return false;
  ++i;
  return ReadTime(s, &i) && ReadZone(s, &i) && i == s.size();
}

bool IsValidInstant(std::string_view s) {
  std::size_t i = 0;
  int parts = 0;
  if (!ReadDate(s, &i, &parts) || parts != 3 || !Expect(s, &i, 'T')) return false;
  return ReadTime(s, &i) && ReadZone(s, &i) && i == s.size();
}

bool IsValidTime(std::string_view s) {
  std::size_t i = 0;
  return ReadTime(s, &i) && i == s.size();
}

bool IsValidDecimal(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  if (i >= s.size() || !Digit(s[i])) return false;
  if (s[i] == '0') {
    ++i;
  } else {
    while (i < s.size() && Digit(s[i])) ++i;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    std::size_t start = i;
    while (i < s.size() && Digit(s[i])) ++i;
    if (i == start) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t start = i;
    while (i < s.size() && Digit(s[i])) ++i;
    if (i == start) return false;
  }
  return i == s.size();
}

bool IsValidInteger(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  if (i >= s.size()) return false;
  if (s[i] == '0') return i + 1 == s.size();
  for (; i < s.size(); ++i) {
    if (!Digit(s[i])) return false;
  }
  return true;
}

bool IsValidId(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    bool ok = Digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

bool IsValidCode(std::string_view s) {
  // [^\s]+(\s[^\s]+)* : no leading, trailing or doubled whitespace.
  if (s.empty() || IsSpace(s.front()) || IsSpace(s.back())) return false;
  for (std::size_t i = 1; i < s.size(); ++i) {
    if (IsSpace(s[i]) && IsSpace(s[i - 1])) return false;
  }
  return true;
}

bool IsValidOid(std::string_view s) {
  constexpr std::string_view kPrefix = "urn:oid:";
  if (s.substr(0, kPrefix.size()) != kPrefix) return false;
  std::size_t i = kPrefix.size();
  if (i >= s.size() || s[i] < '0' || s[i] > '2') return false;
  ++i;
  int groups = 0;
  while (i < s.size()) {
    if (s[i] != '.') return false;
    ++i;
    if (i >= s.size() || !Digit(s[i])) return false;
    if (s[i] == '0') {
      ++i;
    } else {
      while (i < s.size() && Digit(s[i])) ++i;
    }
    ++groups;
  }
  return groups > 0;
}

bool IsValidUuid(std::string_view s) {
  constexpr std::string_view kPrefix = "urn:uuid:";
  if (s.size() != kPrefix.size() + 36 || s.substr(0, kPrefix.size()) != kPrefix) return false;
  std::string_view u = s.substr(kPrefix.size());
  for (std::size_t i = 0; i < u.size(); ++i) {
    char c = u[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!(Digit(c) || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

bool IsValidBase64(std::string_view s) {
  // (\s*([0-9a-zA-Z\+/=]){4}\s*)+
  std::size_t i = 0;
  int groups = 0;
  auto b64 = [](char c) {
    return Digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '+' ||
           c == '/' || c == '=';
  };
  while (true) {
    while (i < s.size() && IsSpace(s[i])) ++i;
    if (i == s.size()) return groups > 0;
    for (int k = 0; k < 4; ++k, ++i) {
      if (i >= s.size() || !b64(s[i])) return false;
    }
    ++groups;
  }
}

bool IsValidUri(std::string_view s) {
  for (char c : s) {
    if (IsSpace(c)) return false;
  }
  return true;
}

json::Kind JsonKindOfPrimitive(std::string_view type) {
  if (type == "boolean") return json::Kind::kBool;
  if (type == "integer" || type == "decimal" || type == "positiveInt" || type == "unsignedInt" ||
      type == "integer64") {
    return json::Kind::kNumber;
  }
  return json::Kind::kString;
}

namespace {

PrimitiveProblem CheckNumber(std::string_view type, std::string_view text) {
  if (type == "decimal") return IsValidDecimal(text) ? PrimitiveProblem::kOk
                                                     : PrimitiveProblem::kBadFormat;
  if (!IsValidInteger(text)) return PrimitiveProblem::kBadFormat;
  std::int64_t v = 0;
  if (!ParseInt32(text, &v)) return PrimitiveProblem::kOutOfRange;
  if (type == "positiveInt" && v < 1) return PrimitiveProblem::kOutOfRange;
  if (type == "unsignedInt" && v < 0) return PrimitiveProblem::kOutOfRange;
  return PrimitiveProblem::kOk;
}

bool CheckStringForm(std::string_view type, std::string_view s) {
  switch (type.size() > 0 ? type[0] : ' ') {
    case 'b': return type != "base64Binary" || IsValidBase64(s);
    case 'c':
      if (type == "code") return IsValidCode(s);
      if (type == "canonical") return IsValidUri(s);
      return true;
    case 'd':
      if (type == "date") return IsValidDate(s);
      if (type == "dateTime") return IsValidDateTime(s);
      return true;
    case 'i':
      if (type == "id") return IsValidId(s);
      if (type == "instant") return IsValidInstant(s);
      return true;
    case 'o': return type != "oid" || IsValidOid(s);
    case 't': return type != "time" || IsValidTime(s);
    case 'u':
      if (type == "uri" || type == "url") return IsValidUri(s);
      if (type == "uuid") return IsValidUuid(s);
      return true;
    default: return IsStringLike(s);
  }
}

}  // namespace

PrimitiveProblem CheckPrimitive(std::string_view type, const json::Value& value) {
  json::Kind want = JsonKindOfPrimitive(type);
  if (value.kind() != want) return PrimitiveProblem::kWrongJsonKind;
  if (want == json::Kind::kBool) return PrimitiveProblem::kOk;
  if (want == json::Kind::kNumber) return CheckNumber(type, value.number_text());
  std::string_view s = value.string_value();
  if (s.empty()) return PrimitiveProblem::kEmpty;
  if (s.size() > kMaxStringBytes) return PrimitiveProblem::kTooLong;
  if (!IsStringLike(s)) return PrimitiveProblem::kBadFormat;
  return CheckStringForm(type, s) ? PrimitiveProblem::kOk : PrimitiveProblem::kBadFormat;
}

}  // namespace gw::validation
