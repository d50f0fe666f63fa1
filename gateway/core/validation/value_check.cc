#include "gateway/core/validation/value_check.h"

#include <algorithm>
#include <string>

#include "gateway/core/fhirpath/decimal.h"
#include "gateway/core/fhirpath/quantity.h"
#include "gateway/core/fhirpath/temporal.h"
#include "gateway/core/validation/json_util.h"

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

constexpr std::string_view kUcum = "http://unitsofmeasure.org";

// Two Quantities in different UCUM units, compared after conversion; nullopt when either is
// not a UCUM quantity or the units are not commensurable.
std::optional<int> CompareUcum(const json::Value& value, const json::Value& limit) {
  auto quantity = [](const json::Value& q) -> std::optional<fhirpath::Quantity> {
    const json::Value* v = q.Find("value");
    const json::Value* system = q.Find("system");
    const json::Value* code = q.Find("code");
    if (v == nullptr || !v->is_number() || system == nullptr || !system->is_string() ||
        system->string_value() != kUcum || code == nullptr || !code->is_string()) {
      return std::nullopt;
    }
    auto d = fhirpath::Decimal::Parse(v->number_text());
    if (!d) return std::nullopt;
    return fhirpath::Quantity{*d, std::string(code->string_value())};
  };
  auto a = quantity(value);
  auto b = quantity(limit);
  if (!a || !b || a->IsCalendarUnit() || b->IsCalendarUnit()) return std::nullopt;
  return fhirpath::Quantity::Compare(*a, *b);
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

namespace {

void Departures(const json::Value& fixed, const json::Value& value, std::string* step,
                std::vector<std::string>* out) {
  auto visit = [&](std::string_view key, const json::Value* f, const json::Value* v) {
    std::size_t len = step->size();
    step->append(".").append(key.substr(key[0] == '_' ? 1 : 0));
    if (f == nullptr || v == nullptr) {
      out->push_back(*step);
    } else if (f->is_object() && v->is_object()) {
      Departures(*f, *v, step, out);
    } else if (!MatchesFixed(*f, *v)) {
      out->push_back(*step);
    }
    step->resize(len);
  };
  for (const json::Member& m : value.members()) {
    if (m.key.empty() || m.key == "id") continue;
    visit(m.key, fixed.Find(m.key), &m.value);
  }
  for (const json::Member& m : fixed.members()) {
    if (m.key.empty() || m.key == "id" || value.Find(m.key) != nullptr) continue;
    visit(m.key, &m.value, nullptr);
  }
}

}  // namespace

void FixedDepartures(const json::Value& fixed, const json::Value& value,
                     std::vector<std::string>* out) {
  if (!fixed.is_object() || !value.is_object()) return;
  std::string step;
  Departures(fixed, value, &step, out);
}

std::optional<int> CompareToDurationBound(const json::Value& value, const json::Value& limit,
                                          std::string_view now, bool minimum) {
  if (!value.is_string() || !limit.is_object() || now.empty()) return std::nullopt;
  const json::Value* amount = limit.Find("value");
  std::string_view code = StringMember(limit, "code");
  if (amount == nullptr || !amount->is_number()) return std::nullopt;
  std::optional<fhirpath::CalendarUnit> unit;
  if (code == "a") {
    unit = fhirpath::CalendarUnit::kYear;
  } else if (code == "mo") {
    unit = fhirpath::CalendarUnit::kMonth;
  } else {
    unit = fhirpath::ParseCalendarUnit(code);
  }
  auto d = fhirpath::Decimal::Parse(amount->number_text());
  auto at = fhirpath::Temporal::ParseDateTime(now);
  auto v = fhirpath::Temporal::ParseDateTime(value.string_value());
  if (!unit || !d || !at || !v) return std::nullopt;
  auto bound = at->Add(minimum ? d->Negate() : *d, *unit);
  if (!bound) return std::nullopt;
  return fhirpath::Temporal::Compare(*v, *bound);
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
    if (ua != nullptr && ub != nullptr && !(*ua == *ub)) return CompareUcum(value, limit);
    return CompareOrdered("decimal", *va, *lb);
  }
  (void)type;
  return std::nullopt;
}

}  // namespace gw::validation
