#include "gateway/core/fhirpath/quantity.h"

#include <vector>

#include "gateway/core/fhirpath/ucum.h"

namespace gw::fhirpath {
namespace {

// Calendar duration keywords and the UCUM unit each stands for.
struct Keyword {
  std::string_view singular;
  std::string_view plural;
  std::string_view ucum;
};
constexpr Keyword kKeywords[] = {
    {"year", "years", "a"},     {"month", "months", "mo"},
    {"week", "weeks", "wk"},    {"day", "days", "d"},
    {"hour", "hours", "h"},     {"minute", "minutes", "min"},
    {"second", "seconds", "s"}, {"millisecond", "milliseconds", "ms"},
};

const Keyword* FindKeyword(std::string_view unit) {
  for (const Keyword& k : kKeywords) {
    if (unit == k.singular || unit == k.plural) return &k;
  }
  return nullptr;
}

// Calendar years and months: comparable with each other (1 year = 12 months) but, for '=' and
// ordering, not with anything else (not even UCUM 'a' and 'mo').
bool IsYearOrMonth(std::string_view unit) {
  const Keyword* k = FindKeyword(unit);
  return k != nullptr && (k->ucum == "a" || k->ucum == "mo");
}

// The value of a year/month keyword quantity in months.
std::optional<Decimal> InMonths(const Quantity& q) {
  if (FindKeyword(q.unit)->ucum == "mo") return q.value;
  return q.value.Mul(Decimal::FromInt(12));
}

// Both values expressed in the base units of their (identical) dimension; nullopt when the
// units are unknown or not commensurable.
struct BasePair {
  Decimal a;
  Decimal b;
};

std::optional<BasePair> ToCommonBase(const Decimal& va, std::string_view ua, const Decimal& vb,
                                     std::string_view ub) {
  std::optional<ucum::Canonical> ca = ucum::Canonicalize(ua);
  std::optional<ucum::Canonical> cb = ucum::Canonicalize(ub);
  if (!ca || !cb || ca->dimension != cb->dimension) return std::nullopt;
  std::optional<Decimal> ba = ucum::ToBase(va, *ca);
  std::optional<Decimal> bb = ucum::ToBase(vb, *cb);
  if (!ba || !bb) return std::nullopt;
  return BasePair{*ba, *bb};
}

// Drops trailing zeros after the point while keeping at least `scale` digits.
Decimal TrimTo(Decimal d, int scale) {
  while (d.scale() > scale) {
    std::optional<Decimal> shorter = d.WithScale(d.scale() - 1);
    if (!shorter) break;
    d = *shorter;
  }
  return d;
}

// Converts a value between two commensurable units. Proportional units use one exact ratio
// (so 2 [in_i] is 5.08 cm, not 5.0800); interval units (Cel, [degF]) go through kelvin.
std::optional<Decimal> ConvertValue(const Decimal& v, const ucum::Canonical& from,
                                    const ucum::Canonical& to) {
  if (from.dimension != to.dimension) return std::nullopt;
  if (from.special == ucum::Special::kNone && to.special == ucum::Special::kNone) {
    std::optional<ucum::Rational> inv = ucum::Inverse(to.factor);
    if (!inv) return std::nullopt;
    std::optional<ucum::Rational> ratio = ucum::Mul(from.factor, *inv);
    if (ratio) return ucum::MulRational(v, *ratio);
  }
  std::optional<Decimal> base = ucum::ToBase(v, from);
  if (!base) return std::nullopt;
  std::optional<Decimal> out = ucum::FromBase(*base, to);
  if (!out) return std::nullopt;
  // Offsets and factors add digits that say nothing about the measurement.
  return TrimTo(*out, v.scale());
}

// The size of one unit in the last written digit of a value, in base units (approximate;
// used only to pick the coarser of two operands).
long double Resolution(const Decimal& v, const ucum::Canonical& c) {
  long double r = static_cast<long double>(c.factor.num) / static_cast<long double>(c.factor.den);
  for (int i = 0; i < v.scale(); ++i) r /= 10;
  return r < 0 ? -r : r;
}

// Unit terms for multiplication and division; calendar keywords become their UCUM units.
std::optional<std::vector<ucum::Term>> TermsOf(std::string_view unit) {
  return ucum::ParseTerms(CalendarKeywordToUcum(unit));
}

bool IsUnity(std::string_view unit) { return unit.empty() || unit == "1"; }

std::string_view OrUnity(std::string_view unit) { return unit.empty() ? "1" : unit; }

}  // namespace

std::string_view CalendarKeywordToUcum(std::string_view unit) {
  const Keyword* k = FindKeyword(unit);
  return k != nullptr ? k->ucum : unit;
}

std::optional<Quantity> Quantity::Parse(std::string_view text) {
  if (text.size() > ucum::kMaxUnitLength + 64) return std::nullopt;
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  std::size_t i = 0;
  while (i < text.size() && is_space(text[i])) ++i;
  std::size_t end = text.size();
  while (end > i && is_space(text[end - 1])) --end;
  text = text.substr(i, end - i);

  // The number: [+-]digits[.digits] (no exponent in a quantity literal).
  std::size_t n = 0;
  if (n < text.size() && (text[n] == '+' || text[n] == '-')) ++n;
  const std::size_t digits_start = n;
  while (n < text.size() && text[n] >= '0' && text[n] <= '9') ++n;
  if (n == digits_start) return std::nullopt;
  if (n < text.size() && text[n] == '.') {
    ++n;
    const std::size_t frac_start = n;
    while (n < text.size() && text[n] >= '0' && text[n] <= '9') ++n;
    if (n == frac_start) return std::nullopt;
  }
  std::string_view number = text.substr(0, n);
  if (number[0] == '+') number.remove_prefix(1);
  std::optional<Decimal> value = Decimal::Parse(number);
  if (!value) return std::nullopt;

  std::string_view rest = text.substr(n);
  std::size_t spaces = 0;
  while (spaces < rest.size() && is_space(rest[spaces])) ++spaces;
  rest.remove_prefix(spaces);
  Quantity q;
  q.value = *value;
  if (rest.empty()) return q;  // unit "1"
  if (rest.front() == '\'') {
    if (rest.size() < 3 || rest.back() != '\'') return std::nullopt;
    std::string_view unit = rest.substr(1, rest.size() - 2);
    if (unit.find('\'') != std::string_view::npos && unit.find('[') == std::string_view::npos) {
      return std::nullopt;
    }
    if (!ucum::ParseTerms(unit)) return std::nullopt;
    q.unit = std::string(unit);
    return q;
  }
  if (FindKeyword(rest) == nullptr) return std::nullopt;
  q.unit = std::string(rest);
  return q;
}

std::string Quantity::ToString() const {
  std::string out = value.ToString();
  out.push_back(' ');
  if (IsCalendarUnit()) {
    out.append(unit);
  } else {
    out.push_back('\'');
    out.append(unit.empty() ? "1" : unit);
    out.push_back('\'');
  }
  return out;
}

bool Quantity::IsCalendarUnit() const { return FindKeyword(unit) != nullptr; }

std::optional<Quantity> Quantity::ConvertTo(std::string_view target) const {
  const std::string_view target_unit = OrUnity(target);
  const std::string_view unit = OrUnity(this->unit);
  const bool from_ym = IsYearOrMonth(unit);
  const bool to_ym = IsYearOrMonth(target_unit);
  Quantity out;
  out.unit = std::string(target_unit);
  if (CalendarKeywordToUcum(unit) == CalendarKeywordToUcum(target_unit) && from_ym == to_ym) {
    out.value = value;
    return out;
  }
  if (from_ym || to_ym) {
    if (!from_ym || !to_ym) return std::nullopt;
    std::optional<Decimal> months = InMonths(*this);
    if (!months) return std::nullopt;
    if (FindKeyword(target_unit)->ucum == "mo") {
      out.value = *months;
      return out;
    }
    std::optional<Decimal> years = ucum::MulRational(*months, *ucum::Rational::Make(1, 12));
    if (!years) return std::nullopt;
    out.value = *years;
    return out;
  }
  std::optional<ucum::Canonical> from = ucum::Canonicalize(CalendarKeywordToUcum(unit));
  std::optional<ucum::Canonical> to = ucum::Canonicalize(CalendarKeywordToUcum(target_unit));
  if (!from || !to) return std::nullopt;
  std::optional<Decimal> converted = ConvertValue(value, *from, *to);
  if (!converted) return std::nullopt;
  out.value = *converted;
  return out;
}

std::optional<int> Quantity::Compare(const Quantity& a, const Quantity& b) {
  const bool a_ym = IsYearOrMonth(a.unit);
  const bool b_ym = IsYearOrMonth(b.unit);
  if (a_ym || b_ym) {
    if (!a_ym || !b_ym) return std::nullopt;
    std::optional<Decimal> ma = InMonths(a);
    std::optional<Decimal> mb = InMonths(b);
    if (!ma || !mb) return std::nullopt;
    return ma->Compare(*mb);
  }
  std::string_view ua = CalendarKeywordToUcum(OrUnity(a.unit));
  std::string_view ub = CalendarKeywordToUcum(OrUnity(b.unit));
  if (ua == ub) return a.value.Compare(b.value);
  std::optional<BasePair> p = ToCommonBase(a.value, ua, b.value, ub);
  if (!p) return std::nullopt;
  return p->a.Compare(p->b);
}

std::optional<bool> Quantity::Equal(const Quantity& a, const Quantity& b) {
  std::optional<int> c = Compare(a, b);
  if (!c) return std::nullopt;
  return *c == 0;
}

bool Quantity::Equivalent(const Quantity& a, const Quantity& b) {
  // For '~' calendar years and months are taken as UCUM 'a' and 'mo'.
  std::string_view ua = CalendarKeywordToUcum(OrUnity(a.unit));
  std::string_view ub = CalendarKeywordToUcum(OrUnity(b.unit));
  if (ua == ub) return a.value.EquivalentTo(b.value);
  // Compare in the unit of the operand written more coarsely, so that each value keeps the
  // precision it was written with ("4 'g' ~ 4040 'mg'" compares 4 with 4.040 g).
  std::optional<ucum::Canonical> ca = ucum::Canonicalize(ua);
  std::optional<ucum::Canonical> cb = ucum::Canonicalize(ub);
  if (!ca || !cb || ca->dimension != cb->dimension) return false;
  if (Resolution(a.value, *ca) >= Resolution(b.value, *cb)) {
    std::optional<Decimal> vb = ConvertValue(b.value, *cb, *ca);
    return vb.has_value() && a.value.EquivalentTo(*vb);
  }
  std::optional<Decimal> va = ConvertValue(a.value, *ca, *cb);
  return va.has_value() && va->EquivalentTo(b.value);
}

std::optional<Quantity> Quantity::Multiply(const Quantity& a, const Quantity& b) {
  std::optional<Decimal> v = a.value.Mul(b.value);
  if (!v) return std::nullopt;
  Quantity out;
  out.value = *v;
  if (IsUnity(b.unit)) {
    out.unit = IsUnity(a.unit) ? "1" : a.unit;
    return out;
  }
  if (IsUnity(a.unit)) {
    out.unit = b.unit;
    return out;
  }
  std::optional<std::vector<ucum::Term>> ta = TermsOf(a.unit);
  std::optional<std::vector<ucum::Term>> tb = TermsOf(b.unit);
  if (!ta || !tb) return std::nullopt;
  ta->insert(ta->end(), tb->begin(), tb->end());
  std::optional<std::string> unit = ucum::FormatTerms(*ta);
  if (!unit) return std::nullopt;
  out.unit = *unit;
  return out;
}

std::optional<Quantity> Quantity::Divide(const Quantity& a, const Quantity& b) {
  std::optional<Decimal> v = a.value.Div(b.value);
  if (!v) return std::nullopt;
  Quantity out;
  out.value = *v;
  if (IsUnity(b.unit)) {
    out.unit = IsUnity(a.unit) ? "1" : a.unit;
    return out;
  }
  std::optional<std::vector<ucum::Term>> ta =
      IsUnity(a.unit) ? std::vector<ucum::Term>{} : TermsOf(a.unit);
  std::optional<std::vector<ucum::Term>> tb = TermsOf(b.unit);
  if (!ta || !tb) return std::nullopt;
  for (ucum::Term t : *tb) {
    t.exponent = -t.exponent;
    ta->push_back(std::move(t));
  }
  std::optional<std::string> unit = ucum::FormatTerms(*ta);
  if (!unit) return std::nullopt;
  out.unit = *unit;
  return out;
}

std::optional<Quantity> Quantity::Add(const Quantity& a, const Quantity& b) {
  std::optional<Quantity> bb = b.ConvertTo(OrUnity(a.unit));
  if (!bb) return std::nullopt;
  std::optional<Decimal> v = a.value.Add(bb->value);
  if (!v) return std::nullopt;
  Quantity out;
  out.value = *v;
  out.unit = IsUnity(a.unit) ? "1" : a.unit;
  return out;
}

std::optional<Quantity> Quantity::Subtract(const Quantity& a, const Quantity& b) {
  std::optional<Quantity> bb = b.ConvertTo(OrUnity(a.unit));
  if (!bb) return std::nullopt;
  std::optional<Decimal> v = a.value.Sub(bb->value);
  if (!v) return std::nullopt;
  Quantity out;
  out.value = *v;
  out.unit = IsUnity(a.unit) ? "1" : a.unit;
  return out;
}

}  // namespace gw::fhirpath
