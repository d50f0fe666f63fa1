// Quantity values of FHIRPath, with UCUM unit conversion for comparison and arithmetic.
//
// A Quantity is a Decimal and a unit: a UCUM code ("mg", "kg/m2", "[lb_av]", "'1'" is written
// as "1") or a calendar keyword ("year", "days", ...). Calendar keywords and their UCUM codes
// are equal for units of a week or less ("1 day" = "1 'd'"), but years and months are not
// comparable with 'a' and 'mo' (FHIRPath rule).
// UCUM support is table driven: base units, the SI prefixes, the common clinical units
// (mass, length, volume, time, amount, pressure, temperature in Cel/[degF] as offsets, %,
// [iU] is not convertible) and products/quotients/exponents of them ("mg/dL", "kg.m-2",
// "mmol/L", "m2"). Units outside the table compare equal only to the same code.
// Thread safety: the unit tables are built on first use in a thread-safe way (function-local
// statics) and then read-only.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "gateway/core/fhirpath/decimal.h"

namespace gw::fhirpath {

struct Quantity {
  Decimal value;
  std::string unit = "1";  // UCUM code or calendar keyword; "1" when unitless

  // Parses a FHIRPath quantity literal or string form: "4.5 'mg'", "5 days", "10" (unit 1).
  static std::optional<Quantity> Parse(std::string_view text);
  // FHIRPath string form: "4.5 'mg'", "5 days" (calendar keywords unquoted).
  std::string ToString() const;

  // True when `unit` is a calendar duration keyword (year(s) ... millisecond(s)).
  bool IsCalendarUnit() const;

  // Converts to `target_unit`; nullopt when the units are not commensurable or unknown.
  // Proportional units convert with one exact ratio (2 '[in_i]' → 5.08 'cm'); the result is
  // exact when the ratio has a finite decimal form, else rounded to at least 16 digits.
  // Calendar years and months convert only to each other (1 year = 12 months); the other
  // keywords convert as their UCUM units (week → 'wk').
  std::optional<Quantity> ConvertTo(std::string_view target_unit) const;

  // FHIRPath comparison after conversion to a common unit: <0, 0, >0; nullopt when the units
  // are not comparable. Units absent from the table compare only with the same code.
  // Calendar years and months compare only with each other, not with 'a'/'mo' or days.
  static std::optional<int> Compare(const Quantity& a, const Quantity& b);
  // '=' : nullopt when not comparable.
  static std::optional<bool> Equal(const Quantity& a, const Quantity& b);
  // '~' : like Equal but values compared with Decimal::EquivalentTo, false when not comparable.
  // Calendar years and months count as 'a' and 'mo' here. Both values are expressed in the
  // unit of the more coarsely written operand first ("4 'g' ~ 4040 'mg'" is true).
  static bool Equivalent(const Quantity& a, const Quantity& b);

  // Arithmetic with UCUM unit algebra: a*b multiplies units ("m" * "m" = "m2"), a/b divides;
  // a+b and a-b convert b into a's unit first. nullopt when not possible.
  static std::optional<Quantity> Multiply(const Quantity& a, const Quantity& b);
  static std::optional<Quantity> Divide(const Quantity& a, const Quantity& b);
  static std::optional<Quantity> Add(const Quantity& a, const Quantity& b);
  static std::optional<Quantity> Subtract(const Quantity& a, const Quantity& b);
};

// Maps calendar keywords to the UCUM code used for conversion ("day" → "d", "weeks" → "wk");
// returns the input unchanged for other units.
std::string_view CalendarKeywordToUcum(std::string_view unit);

}  // namespace gw::fhirpath
