// UCUM unit expressions for FHIRPath quantities: syntax (ucum_parse.cc), the unit table and
// canonical forms (ucum_units.cc), and exact rational factors.
//
// Internal to gw_fhirpath_values: the public surface is Quantity (quantity.h).
// Inputs are untrusted: expressions longer than kMaxUnitLength, nested deeper than
// kMaxNesting or with exponents beyond kMaxExponent are rejected.
// Thread safety: pure functions; the unit table is a function-local static built once.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/fhirpath/decimal.h"

namespace gw::fhirpath::ucum {

constexpr std::size_t kMaxUnitLength = 256;
constexpr int kMaxNesting = 16;
constexpr int kMaxExponent = 99;
constexpr std::size_t kMaxTerms = 64;

// An exact positive-or-negative rational with 128-bit parts, always reduced, den > 0.
struct Rational {
  __int128 num = 1;
  __int128 den = 1;

  static std::optional<Rational> Make(__int128 num, __int128 den);
  // Parses an exact decimal literal such as "453.59237" or "1e-3".
  static std::optional<Rational> FromDecimalText(std::string_view text);
  static Rational FromDecimal(const Decimal& d);  // exact (denominator 10^scale, reduced)
};
std::optional<Rational> Mul(const Rational& a, const Rational& b);
std::optional<Rational> Inverse(const Rational& a);
std::optional<Rational> Pow(const Rational& a, int exponent);
bool operator==(const Rational& a, const Rational& b);

// value × r as a Decimal: exact when r's denominator divides a power of ten (the scale grows
// as needed), otherwise rounded half away from zero to at least 16 digits after the point
// with trailing zeros trimmed back to no fewer than value's own scale. nullopt on overflow.
std::optional<Decimal> MulRational(const Decimal& value, const Rational& r);

// One factor of a unit expression after syntax analysis: a unit symbol as written (possibly
// with a prefix, not yet resolved: "mg", "[in_i]", "10*", "1000") and its exponent.
// Annotations ("{beats}") are dropped: they have no meaning for conversion.
struct Term {
  std::string symbol;
  int exponent = 1;
};

// Parses a UCUM expression ("mg/dL", "kg.m-2", "/min", "{beats}/min", "10*3/uL", "(m/s)2"
// is not UCUM and is rejected) into a flat list of terms, same symbols not merged.
// "1" and a bare annotation give an empty list. nullopt on syntax errors or limits.
std::optional<std::vector<Term>> ParseTerms(std::string_view unit);

// Merges equal symbols, drops zero exponents and writes a UCUM expression: numerator terms
// joined by '.', each denominator term after its own '/' ("g/m", "kg/m2", "/min", "cm2");
// "1" for no terms. nullopt when a term cannot be written (numeric factors with exponents
// that do not fit).
std::optional<std::string> FormatTerms(const std::vector<Term>& terms);

// Exponents over the base dimensions: m, s, g, rad, K, C, cd, and (kept apart so they never
// convert into counts or masses) mol and the arbitrary units [iU], [arb'U], [CFU], [USP'U].
constexpr int kDimensions = 12;
using Dimension = std::array<int, kDimensions>;

// Units on an interval scale (temperatures): base = (value + offset) × factor.
enum class Special : std::uint8_t { kNone, kCelsius, kFahrenheit };

struct Canonical {
  Rational factor;  // base value = value × factor (for Special::kNone)
  Dimension dimension{};
  Special special = Special::kNone;
};

// Resolves a UCUM expression to its factor and dimension against the unit table.
// nullopt when the syntax is invalid, an atom is unknown, a special unit (Cel, [degF]) is
// used inside a compound or with an exponent, or the factor overflows.
std::optional<Canonical> Canonicalize(std::string_view unit);

// Converts a value in a unit with canonical form `c` to the base units and back.
std::optional<Decimal> ToBase(const Decimal& value, const Canonical& c);
std::optional<Decimal> FromBase(const Decimal& base, const Canonical& c);

}  // namespace gw::fhirpath::ucum
