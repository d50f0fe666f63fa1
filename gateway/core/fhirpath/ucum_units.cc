// The UCUM unit table (from the UCUM specification's definitions), prefixes, canonical forms
// and exact rational arithmetic on conversion factors.
#include <map>
#include <string>
#include <string_view>

#include "gateway/core/fhirpath/ucum.h"

namespace gw::fhirpath::ucum {
namespace {

using i128 = __int128;

i128 Abs(i128 v) { return v < 0 ? -v : v; }

i128 Gcd(i128 a, i128 b) {
  a = Abs(a);
  b = Abs(b);
  while (b != 0) {
    i128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

std::optional<i128> Pow10(int k) {
  if (k < 0 || k > 38) return std::nullopt;
  i128 v = 1;
  for (int i = 0; i < k; ++i) v *= 10;
  return v;
}

// Dimension indices.
enum Dim : int {
  kLength = 0,
  kTime,
  kMass,
  kAngle,
  kTemperature,
  kCharge,
  kLuminosity,
  kAmount,
  kIntlUnit,
  kArbUnit,
  kColonyUnit,
  kUspUnit,
};

struct UnitDef {
  std::string_view code;
  bool metric;             // accepts prefixes
  std::string_view value;  // decimal factor of the definition
  std::string_view unit;   // definition in earlier units; "" with base_dim >= 0 for a base
  int base_dim = -1;
  Special special = Special::kNone;
};

// Base units, then definitions in dependency order (each refers only to earlier entries).
// Values are those of the UCUM specification (ucum-essence); a few rarely used non-clinical
// units are left out.
constexpr UnitDef kUnits[] = {
    {"m", true, "1", "", kLength},
    {"s", true, "1", "", kTime},
    {"g", true, "1", "", kMass},
    {"rad", true, "1", "", kAngle},
    {"K", true, "1", "", kTemperature},
    {"C", true, "1", "", kCharge},
    {"cd", true, "1", "", kLuminosity},
    {"mol", true, "1", "", kAmount},
    {"[iU]", true, "1", "", kIntlUnit},
    {"[arb'U]", false, "1", "", kArbUnit},
    {"[CFU]", false, "1", "", kColonyUnit},
    {"[USP'U]", false, "1", "", kUspUnit},
    // Dimensionless.
    {"10*", false, "10", "1"},
    {"10^", false, "10", "1"},
    {"[pi]", false, "3.14159265358979323846", "1"},
    {"%", false, "0.01", "1"},
    {"[ppth]", false, "0.001", "1"},
    {"[ppm]", false, "0.000001", "1"},
    {"[ppb]", false, "0.000000001", "1"},
    {"[pptr]", false, "0.000000000001", "1"},
    // SI derived and other metric units.
    {"sr", true, "1", "rad2"},
    {"Hz", true, "1", "s-1"},
    {"N", true, "1", "kg.m/s2"},
    {"Pa", true, "1", "N/m2"},
    {"J", true, "1", "N.m"},
    {"W", true, "1", "J/s"},
    {"A", true, "1", "C/s"},
    {"V", true, "1", "J/C"},
    {"F", true, "1", "C/V"},
    {"Ohm", true, "1", "V/A"},
    {"S", true, "1", "Ohm-1"},
    {"Wb", true, "1", "V.s"},
    {"T", true, "1", "Wb/m2"},
    {"H", true, "1", "Wb/A"},
    {"lm", true, "1", "cd.sr"},
    {"lx", true, "1", "lm/m2"},
    {"Bq", true, "1", "s-1"},
    {"Gy", true, "1", "J/kg"},
    {"Sv", true, "1", "J/kg"},
    {"Cel", true, "1", "K", -1, Special::kCelsius},
    {"deg", false, "2", "[pi].rad/360"},
    {"gon", false, "0.9", "deg"},
    {"'", false, "1", "deg/60"},
    {"''", false, "1", "'/60"},
    // Time.
    {"min", false, "60", "s"},
    {"h", false, "60", "min"},
    {"d", false, "24", "h"},
    {"a_t", false, "365.24219", "d"},
    {"a_j", false, "365.25", "d"},
    {"a_g", false, "365.2425", "d"},
    {"a", false, "1", "a_j"},
    {"wk", false, "7", "d"},
    {"mo_s", false, "29.53059", "d"},
    {"mo_j", false, "1", "a_j/12"},
    {"mo_g", false, "1", "a_g/12"},
    {"mo", false, "1", "mo_j"},
    // Volume, area, length.
    {"l", true, "1", "dm3"},
    {"L", true, "1", "l"},
    {"ar", true, "100", "m2"},
    {"Ao", false, "0.1", "nm"},
    {"[in_i]", false, "2.54", "cm"},
    {"[ft_i]", false, "12", "[in_i]"},
    {"[yd_i]", false, "3", "[ft_i]"},
    {"[mi_i]", false, "5280", "[ft_i]"},
    {"[nmi_i]", false, "1852", "m"},
    {"[sin_i]", false, "1", "[in_i]2"},
    {"[sft_i]", false, "1", "[ft_i]2"},
    {"[cin_i]", false, "1", "[in_i]3"},
    {"[cft_i]", false, "1", "[ft_i]3"},
    {"[gal_us]", false, "231", "[in_i]3"},
    {"[qt_us]", false, "1", "[gal_us]/4"},
    {"[pt_us]", false, "1", "[qt_us]/2"},
    {"[foz_us]", false, "1", "[pt_us]/16"},
    {"[tbs_us]", false, "1", "[foz_us]/2"},
    {"[tsp_us]", false, "1", "[tbs_us]/3"},
    {"[cup_us]", false, "16", "[tbs_us]"},
    {"[gal_br]", false, "4.54609", "l"},
    {"[pt_br]", false, "1", "[gal_br]/8"},
    {"[foz_br]", false, "1", "[pt_br]/20"},
    {"[drp]", false, "1", "ml/20"},
    // Mass.
    {"t", true, "1000", "kg"},
    {"u", true, "0.0000000000000000000000016605402", "g"},
    {"[gr]", false, "64.79891", "mg"},
    {"[lb_av]", false, "7000", "[gr]"},
    {"[oz_av]", false, "1", "[lb_av]/16"},
    {"[dr_av]", false, "1", "[oz_av]/16"},
    {"[stone_av]", false, "14", "[lb_av]"},
    {"[ston_av]", false, "2000", "[lb_av]"},
    {"[lton_av]", false, "2240", "[lb_av]"},
    {"[pwt_tr]", false, "24", "[gr]"},
    {"[oz_tr]", false, "20", "[pwt_tr]"},
    {"[lb_tr]", false, "12", "[oz_tr]"},
    {"[car_m]", false, "0.2", "g"},
    // Force, pressure, energy.
    {"[g]", false, "9.80665", "m/s2"},
    {"gf", true, "1", "g.[g]"},
    {"[lbf_av]", false, "1", "[lb_av].[g]"},
    {"dyn", true, "1", "g.cm/s2"},
    {"erg", true, "1", "dyn.cm"},
    {"bar", true, "100000", "Pa"},
    {"atm", false, "101325", "Pa"},
    {"att", false, "1", "kgf/cm2"},
    {"m[Hg]", true, "133.322", "kPa"},
    {"m[H2O]", true, "9.80665", "kPa"},
    {"[in_i'Hg]", false, "1", "m[Hg].[in_i]/m"},
    {"[in_i'H2O]", false, "1", "m[H2O].[in_i]/m"},
    {"[psi]", false, "1", "[lbf_av]/[in_i]2"},
    {"cal", true, "4.184", "J"},
    {"cal_[15]", true, "4.18580", "J"},
    {"cal_[20]", true, "4.18190", "J"},
    {"cal_IT", true, "4.1868", "J"},
    {"cal_th", true, "4.184", "J"},
    {"[Cal]", false, "1", "kcal_th"},
    {"[Btu]", false, "1", "[Btu_th]"},
    {"[Btu_th]", false, "1.05435", "kJ"},
    {"[Btu_IT]", false, "1.05505585262", "kJ"},
    {"eV", true, "0.000000000000000000160217733", "J"},
    {"[HP]", false, "550", "[ft_i].[lbf_av]/s"},
    // Temperature.
    {"[degF]", false, "5", "K/9", -1, Special::kFahrenheit},
    {"[degR]", false, "5", "K/9"},
    // Amount of substance and clinical units.
    {"eq", true, "1", "mol"},
    {"osm", true, "1", "mol"},
    {"kat", true, "1", "mol/s"},
    {"U", true, "1", "umol/min"},
    {"IU", true, "1", "[iU]"},
    {"g%", true, "1", "g/dl"},
    {"[mesh_i]", false, "1", "/[in_i]"},
    {"[hp'_X]", false, "1", "1"},
    {"[pH]", false, "1", "1"},
    // Velocity-ish and rates used clinically.
    {"[kn_i]", false, "1", "[nmi_i]/h"},
    {"mho", true, "1", "S"},
    {"St", true, "1", "cm2/s"},
    {"P", true, "1", "dyn.s/cm2"},
    {"G", true, "0.0001", "T"},
    {"Ci", true, "37000000000", "Bq"},
    {"R", true, "0.000258", "C/kg"},
    {"RAD", true, "100", "erg/g"},
    {"REM", true, "1", "RAD"},
    {"bit", true, "1", "1"},
    {"By", true, "8", "bit"},
};

struct Prefix {
  std::string_view code;
  int power;
};
constexpr Prefix kPrefixes[] = {
    {"da", 1}, {"Y", 24},  {"Z", 21},  {"E", 18},  {"P", 15},  {"T", 12},  {"G", 9},
    {"M", 6},  {"k", 3},   {"h", 2},   {"d", -1},  {"c", -2},  {"m", -3},  {"u", -6},
    {"n", -9}, {"p", -12}, {"f", -15}, {"a", -18}, {"z", -21}, {"y", -24},
};

struct Entry {
  Canonical canonical;
  bool metric = false;
};

std::optional<Canonical> Combine(const std::vector<Term>& terms,
                                 const std::map<std::string, Entry, std::less<>>& table);

std::optional<Rational> PowerOfTen(int power) {
  auto p = Pow10(power < 0 ? -power : power);
  if (!p) return std::nullopt;
  return power < 0 ? Rational::Make(1, *p) : Rational::Make(*p, 1);
}

const std::map<std::string, Entry, std::less<>>& Table() {
  static const std::map<std::string, Entry, std::less<>>* table = [] {
    auto* t = new std::map<std::string, Entry, std::less<>>();
    for (const UnitDef& def : kUnits) {
      Entry e;
      e.metric = def.metric;
      if (def.base_dim >= 0) {
        e.canonical.dimension[static_cast<std::size_t>(def.base_dim)] = 1;
      } else {
        std::optional<std::vector<Term>> terms = ParseTerms(def.unit);
        if (!terms) continue;  // cannot happen for the table above; keep going regardless
        std::optional<Canonical> c = Combine(*terms, *t);
        std::optional<Rational> v = Rational::FromDecimalText(def.value);
        if (!c || !v) continue;
        std::optional<Rational> f = Mul(c->factor, *v);
        if (!f) continue;
        e.canonical = *c;
        e.canonical.factor = *f;
      }
      e.canonical.special = def.special;
      (*t)[std::string(def.code)] = e;
    }
    return t;
  }();
  return *table;
}

// Resolves one symbol: a unit of the table, or a prefix followed by a metric unit.
std::optional<Canonical> ResolveSymbol(std::string_view symbol,
                                       const std::map<std::string, Entry, std::less<>>& table) {
  if (auto it = table.find(symbol); it != table.end()) return it->second.canonical;
  // Integer factors ("1000").
  if (!symbol.empty() && symbol.size() <= 18 &&
      symbol.find_first_not_of("0123456789") == std::string_view::npos) {
    std::optional<Rational> v = Rational::FromDecimalText(symbol);
    if (!v) return std::nullopt;
    Canonical c;
    c.factor = *v;
    return c;
  }
  for (const Prefix& p : kPrefixes) {
    if (symbol.size() <= p.code.size() || symbol.substr(0, p.code.size()) != p.code) continue;
    auto it = table.find(symbol.substr(p.code.size()));
    if (it == table.end() || !it->second.metric) continue;
    if (it->second.canonical.special != Special::kNone) return std::nullopt;
    std::optional<Rational> scale = PowerOfTen(p.power);
    if (!scale) return std::nullopt;
    std::optional<Rational> f = Mul(it->second.canonical.factor, *scale);
    if (!f) return std::nullopt;
    Canonical c = it->second.canonical;
    c.factor = *f;
    return c;
  }
  return std::nullopt;
}

std::optional<Canonical> Combine(const std::vector<Term>& terms,
                                 const std::map<std::string, Entry, std::less<>>& table) {
  Canonical out;
  for (const Term& term : terms) {
    std::optional<Canonical> c = ResolveSymbol(term.symbol, table);
    if (!c) return std::nullopt;
    if (c->special != Special::kNone) {
      if (terms.size() != 1 || term.exponent != 1) return std::nullopt;
      return c;
    }
    std::optional<Rational> f = Pow(c->factor, term.exponent);
    if (!f) return std::nullopt;
    std::optional<Rational> prod = Mul(out.factor, *f);
    if (!prod) return std::nullopt;
    out.factor = *prod;
    for (int i = 0; i < kDimensions; ++i) {
      out.dimension[static_cast<std::size_t>(i)] +=
          c->dimension[static_cast<std::size_t>(i)] * term.exponent;
    }
  }
  return out;
}

// Offsets of the interval-scale units, in their own unit, and their factors to kelvin.
struct SpecialScale {
  Rational offset;  // added before scaling: K = (v + offset) × factor
  Rational factor;
};

SpecialScale ScaleOf(Special s) {
  if (s == Special::kCelsius) return {*Rational::Make(27315, 100), Rational{}};
  return {*Rational::Make(45967, 100), *Rational::Make(5, 9)};
}

std::optional<Decimal> RationalToDecimal(const Rational& r) {
  return MulRational(Decimal::FromInt(1), r);
}

}  // namespace

std::optional<Rational> Rational::Make(__int128 num, __int128 den) {
  constexpr i128 kMin = -(~i128{0} ^ (i128{1} << 127)) - 1;
  if (den == 0 || num == kMin || den == kMin) return std::nullopt;
  if (den < 0) {
    num = -num;
    den = -den;
  }
  i128 g = Gcd(num, den);
  if (g > 1) {
    num /= g;
    den /= g;
  }
  if (num == 0) den = 1;
  Rational r;
  r.num = num;
  r.den = den;
  return r;
}

std::optional<Rational> Rational::FromDecimalText(std::string_view text) {
  // digits[.digits][e[+-]digits], at most 38 significant digits.
  if (text.empty() || text.size() > 64) return std::nullopt;
  std::size_t i = 0;
  const bool negative = text[0] == '-';
  if (negative) ++i;
  i128 mantissa = 0;
  int frac = 0;
  int digits = 0;
  bool point = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '.' && !point) {
      point = true;
      continue;
    }
    if (c < '0' || c > '9') break;
    if (mantissa != 0 || c != '0') ++digits;
    if (digits > 38) return std::nullopt;
    mantissa = mantissa * 10 + (c - '0');
    if (point) ++frac;
  }
  int exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    int sign = 1;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) sign = text[i++] == '-' ? -1 : 1;
    if (i == text.size()) return std::nullopt;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      exponent = exponent * 10 + (text[i] - '0');
      if (exponent > 38) return std::nullopt;
    }
    exponent *= sign;
  }
  if (i != text.size()) return std::nullopt;
  if (negative) mantissa = -mantissa;
  const int power = exponent - frac;
  std::optional<i128> p = Pow10(power < 0 ? -power : power);
  if (!p) return std::nullopt;
  if (power >= 0) {
    i128 n;
    if (__builtin_mul_overflow(mantissa, *p, &n)) return std::nullopt;
    return Make(n, 1);
  }
  return Make(mantissa, *p);
}

Rational Rational::FromDecimal(const Decimal& d) {
  i128 den = *Pow10(d.scale());
  return *Make(d.mantissa(), den);
}

std::optional<Rational> Mul(const Rational& a, const Rational& b) {
  // Cross-reduce first to keep the parts small.
  i128 g1 = Gcd(a.num, b.den);
  i128 g2 = Gcd(b.num, a.den);
  if (g1 == 0) g1 = 1;
  if (g2 == 0) g2 = 1;
  i128 n, d;
  if (__builtin_mul_overflow(a.num / g1, b.num / g2, &n)) return std::nullopt;
  if (__builtin_mul_overflow(a.den / g2, b.den / g1, &d)) return std::nullopt;
  return Rational::Make(n, d);
}

std::optional<Rational> Inverse(const Rational& a) {
  if (a.num == 0) return std::nullopt;
  return Rational::Make(a.den, a.num);
}

std::optional<Rational> Pow(const Rational& a, int exponent) {
  if (exponent > kMaxExponent || exponent < -kMaxExponent) return std::nullopt;
  Rational base = a;
  if (exponent < 0) {
    std::optional<Rational> inv = Inverse(a);
    if (!inv) return std::nullopt;
    base = *inv;
    exponent = -exponent;
  }
  Rational out;
  for (int i = 0; i < exponent; ++i) {
    std::optional<Rational> next = Mul(out, base);
    if (!next) return std::nullopt;
    out = *next;
  }
  return out;
}

bool operator==(const Rational& a, const Rational& b) { return a.num == b.num && a.den == b.den; }

std::optional<Decimal> MulRational(const Decimal& value, const Rational& r) {
  // value × num, keeping the scale.
  Decimal v = value;
  i128 m;
  if (__builtin_mul_overflow(v.mantissa(), r.num, &m)) {
    v = v.Normalized();
    if (__builtin_mul_overflow(v.mantissa(), r.num, &m)) return std::nullopt;
  }
  if (r.den == 1) return Decimal::FromParts(m, v.scale());
  // Exact when den = 2^a 5^b: multiply by 10^k / den.
  i128 d = r.den;
  int twos = 0, fives = 0;
  while (d % 2 == 0) {
    d /= 2;
    ++twos;
  }
  while (d % 5 == 0) {
    d /= 5;
    ++fives;
  }
  if (d == 1) {
    int k = twos > fives ? twos : fives;
    std::optional<i128> p = Pow10(k);
    i128 out;
    if (p && v.scale() + k <= Decimal::kMaxScale && !__builtin_mul_overflow(m, *p / r.den, &out)) {
      return Decimal::FromParts(out, v.scale() + k);
    }
  }
  // Otherwise round at a generous scale, then trim zeros down to the value's own scale.
  const Decimal numerator = Decimal::FromParts(m, v.scale());
  const Decimal denominator = Decimal::FromParts(r.den, 0);
  int target = v.scale() > 16 ? v.scale() : 16;
  for (; target >= v.scale(); --target) {
    std::optional<Decimal> q = Decimal::DivideToScale(numerator, denominator, target);
    if (!q) continue;
    Decimal out = *q;
    while (out.scale() > v.scale()) {
      std::optional<Decimal> shorter = out.WithScale(out.scale() - 1);
      if (!shorter) break;
      out = *shorter;
    }
    return out;
  }
  return std::nullopt;
}

std::optional<Canonical> Canonicalize(std::string_view unit) {
  std::optional<std::vector<Term>> terms = ParseTerms(unit);
  if (!terms) return std::nullopt;
  return Combine(*terms, Table());
}

std::optional<Decimal> ToBase(const Decimal& value, const Canonical& c) {
  if (c.special == Special::kNone) return MulRational(value, c.factor);
  SpecialScale s = ScaleOf(c.special);
  std::optional<Decimal> offset = RationalToDecimal(s.offset);
  if (!offset) return std::nullopt;
  std::optional<Decimal> shifted = value.Add(*offset);
  if (!shifted) return std::nullopt;
  return MulRational(*shifted, s.factor);
}

std::optional<Decimal> FromBase(const Decimal& base, const Canonical& c) {
  if (c.special == Special::kNone) {
    std::optional<Rational> inv = Inverse(c.factor);
    if (!inv) return std::nullopt;
    return MulRational(base, *inv);
  }
  SpecialScale s = ScaleOf(c.special);
  std::optional<Rational> inv = Inverse(s.factor);
  std::optional<Decimal> offset = RationalToDecimal(s.offset);
  if (!inv || !offset) return std::nullopt;
  std::optional<Decimal> scaled = MulRational(base, *inv);
  if (!scaled) return std::nullopt;
  return scaled->Sub(*offset);
}

}  // namespace gw::fhirpath::ucum
