#include "gateway/core/validation/value_check.h"

#include <algorithm>
#include <string>

#include "gateway/core/fhirpath/decimal.h"

namespace gw::validation {
namespace {

bool NumbersEqual(std::string_view a, std::string_view b) {
  if (a == b) return true;
  auto da = fhirpath::Decimal::Parse(a);
  auto db = fhirpath::Decimal::Parse(b);
  return da && db && da->Compare(*db) == 0;
}

bool Scalars(const json::Value& a, const json::Value& b, bool* equal) {
  if (a.is_object() || a.is_array()) return false;
  if (a.is_number() && b.is_number()) {
    *equal = NumbersEqual(a.number_text(), b.number_text());
  } else {
    *equal = a == b;
  }
  return true;
}

}  // namespace

bool MatchesFixed(const json::Value& fixed, const json::Value& value) {
  bool eq = false;
  if (Scalars(fixed, value, &eq)) return eq;
  if (fixed.kind() != value.kind()) return false;
  if (fixed.is_array()) {
    if (fixed.items().size() != value.items().size()) return false;
    for (std::size_t i = 0; i < fixed.items().size(); ++i) {
      if (!MatchesFixed(fixed.items()[i], value.items()[i])) return false;
    }
    return true;
  }
  if (fixed.members().size() != value.members().size()) return false;
  for (const json::Member& m : fixed.members()) {
    const json::Value* v = value.Find(m.key);
    if (v == nullptr || !MatchesFixed(m.value, *v)) return false;
  }
  return true;
}

bool MatchesPattern(const json::Value& pattern, const json::Value& value) {
  bool eq = false;
  if (Scalars(pattern, value, &eq)) return eq;
  if (pattern.is_array()) {
    if (!value.is_array()) return pattern.items().size() == 1 && MatchesPattern(pattern.items()[0], value);
    for (const json::Value& p : pattern.items()) {
      bool found = false;
      for (const json::Value& v : value.items()) {
        if (MatchesPattern(p, v)) {
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
    return true;
  }
  if (!value.is_object()) return false;
  for (const json::Member& m : pattern.members()) {
    const json::Value* v = value.Find(m.key);
    if (v == nullptr || !MatchesPattern(m.value, *v)) return false;
  }
  return true;
}

std::size_t Utf8Length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::optional<int> CompareOrdered(std::string_view type, const json::Value& value,
                                  const json::Value& limit) {
  if (value.is_number() && limit.is_number()) {
    auto a = fhirpath::Decimal::Parse(value.number_text());
    auto b = fhirpath::Decimal::Parse(limit.number_text());
    if (!a || !b) return std::nullopt;
    return a->Compare(*b);
  }
  if (value.is_string() && limit.is_string()) {
    // ISO 8601 forms of the same precision order lexically; compare the common prefix.
    std::string_view a = value.string_value();
    std::string_view b = limit.string_value();
    std::size_t n = std::min(a.size(), b.size());
    int c = a.substr(0, n).compare(b.substr(0, n));
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  if (value.is_object() && limit.is_object()) {
    const json::Value* va = value.Find("value");
    const json::Value* lb = limit.Find("value");
    if (va == nullptr || lb == nullptr) return std::nullopt;
    const json::Value* ua = value.Find("code");
    const json::Value* ub = limit.Find("code");
    if (ua != nullptr && ub != nullptr && !(*ua == *ub)) return std::nullopt;
    return CompareOrdered("decimal", *va, *lb);
  }
  (void)type;
  return std::nullopt;
}

}  // namespace gw::validation
