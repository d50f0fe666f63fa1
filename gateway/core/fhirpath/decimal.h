// Decimal: the FHIRPath/FHIR decimal, exact in base 10 (no binary floating point).
//
// Value = mantissa × 10^-scale, with a signed 128-bit mantissa and 0 ≤ scale ≤ kMaxScale.
// The scale is the number of digits after the point *as written* and is kept through parsing
// and addition/subtraction/multiplication ("1.50" has scale 2), because FHIR decimals carry
// precision. Division produces up to kDivisionScale digits, trailing zeros removed.
// Operations that would overflow the 128-bit mantissa return std::nullopt (FHIRPath: empty).
// Thread safety: plain value type.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gw::fhirpath {

class Decimal {
 public:
  static constexpr int kMaxScale = 28;
  static constexpr int kDivisionScale = 8;

  Decimal() = default;                                  // 0
  static Decimal FromInt(std::int64_t v);
  // Parses a JSON/FHIRPath decimal or integer: -?digits(.digits)?([eE][+-]?digits)?
  // Exponents are applied exactly (1e2 → 100, scale 0; 1.5e-3 → 0.0015, scale 4).
  // nullopt when not a number or out of range.
  static std::optional<Decimal> Parse(std::string_view text);
  static std::optional<Decimal> FromDouble(double v);  // shortest round-trip digits

  // Canonical text: no exponent, keeps the scale ("1.50", "-0.001", "100").
  std::string ToString() const;
  double ToDouble() const;
  // Integer value when scale digits are all zero and it fits; nullopt otherwise.
  std::optional<std::int64_t> ToInt64() const;

  int scale() const { return scale_; }
  bool is_zero() const { return mantissa_ == 0; }
  bool is_negative() const { return mantissa_ < 0; }

  // Arithmetic; nullopt on overflow (and on division by zero).
  std::optional<Decimal> Add(const Decimal& o) const;
  std::optional<Decimal> Sub(const Decimal& o) const;
  std::optional<Decimal> Mul(const Decimal& o) const;
  std::optional<Decimal> Div(const Decimal& o) const;
  // a / b rounded half away from zero to exactly `scale` digits after the point (no trimming).
  // nullopt on division by zero, overflow, or scale outside [0, kMaxScale].
  static std::optional<Decimal> DivideToScale(const Decimal& a, const Decimal& b, int scale);
  std::optional<Decimal> Mod(const Decimal& o) const;  // sign of the dividend, like C fmod
  std::optional<Decimal> IntDiv(const Decimal& o) const;  // truncated toward zero, scale 0
  Decimal Negate() const;
  Decimal Abs() const;

  // Rounding to `digits` after the point, half away from zero (FHIRPath round()).
  std::optional<Decimal> Round(int digits) const;
  Decimal Truncate() const;  // toward zero, scale 0
  Decimal Floor() const;
  Decimal Ceiling() const;
  // Removes trailing zeros after the point ("1.500" → "1.5", "2.0" → "2").
  Decimal Normalized() const;

  // Numeric comparison, ignoring scale: 1.0 == 1.00. Returns <0, 0, >0.
  int Compare(const Decimal& o) const;
  bool operator==(const Decimal& o) const { return Compare(o) == 0; }
  bool operator<(const Decimal& o) const { return Compare(o) < 0; }

  // Precision helpers used by FHIRPath equivalence (~): compares after rounding both to the
  // smaller scale of the two.
  bool EquivalentTo(const Decimal& o) const;

  // For lowBoundary()/highBoundary() and precision(): number of significant digits after '.'.
  int precision() const { return scale_; }
  // Returns the same value with the scale set to `scale` when no non-zero digit is lost
  // (1.5 → 1.500 for scale 3); nullopt when it would lose digits or overflow.
  std::optional<Decimal> WithScale(int scale) const;
  // FHIRPath lowBoundary()/highBoundary(): the value ± half a unit of its last digit, written
  // with `digits` digits after the point (default 8). When `digits` is below the value's own
  // precision the low side is truncated and the high side rounded (mirrored for negative
  // values), matching the FHIRPath test suite. nullopt when digits < 0 or > kMaxScale.
  std::optional<Decimal> LowBoundary(std::optional<int> digits) const;
  std::optional<Decimal> HighBoundary(std::optional<int> digits) const;

  __int128 mantissa() const { return mantissa_; }
  // Value mantissa × 10^-scale. A scale above kMaxScale is rounded (half away from zero) to
  // kMaxScale; a negative scale is folded into the mantissa (0 if that overflows).
  static Decimal FromParts(__int128 mantissa, int scale);

 private:
  __int128 mantissa_ = 0;
  int scale_ = 0;
};

}  // namespace gw::fhirpath
