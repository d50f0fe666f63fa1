#include "gateway/core/fhirpath/decimal.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <system_error>

namespace gw::fhirpath {
namespace {

using i128 = __int128;
using u128 = unsigned __int128;

// Longest accepted text and digit counts: well above any real FHIR decimal, and short enough
// that parsing stays cheap on hostile input.
constexpr std::size_t kMaxTextLength = 128;
constexpr int kMaxDigits = 40;
constexpr int kMaxExponent = 100;
constexpr i128 kInt128Min = -(~i128{0} ^ (i128{1} << 127)) - 1;

// 10^0 .. 10^38 (10^38 < 2^127 - 1).
constexpr int kMaxPow10 = 38;
constexpr std::array<i128, kMaxPow10 + 1> MakePow10() {
  std::array<i128, kMaxPow10 + 1> t{};
  i128 v = 1;
  for (int i = 0; i <= kMaxPow10; ++i) {
    t[i] = v;
    if (i < kMaxPow10) v *= 10;
  }
  return t;
}
constexpr std::array<i128, kMaxPow10 + 1> kPow10 = MakePow10();

bool MulOverflow(i128 a, i128 b, i128* out) { return __builtin_mul_overflow(a, b, out); }
bool AddOverflow(i128 a, i128 b, i128* out) { return __builtin_add_overflow(a, b, out); }
bool SubOverflow(i128 a, i128 b, i128* out) { return __builtin_sub_overflow(a, b, out); }

// m * 10^k with overflow detection.
std::optional<i128> ScaleUp(i128 m, int k) {
  if (k < 0) return std::nullopt;
  if (m == 0) return i128{0};
  if (k > kMaxPow10) return std::nullopt;
  i128 out;
  if (MulOverflow(m, kPow10[k], &out)) return std::nullopt;
  return out;
}

// Divides m by 10^k rounding half away from zero (k >= 0).
i128 DivPow10RoundHalfAway(i128 m, int k) {
  if (k <= 0) return m;
  if (k > kMaxPow10) return 0;  // |m| < 10^39 / 2 is always below half of 10^39
  const i128 p = kPow10[k];
  i128 q = m / p;
  i128 r = m % p;
  if (r < 0) r = -r;
  // r >= p/2  <=>  r >= p - r  (no overflow: r < p).
  if (r >= p - r) q += (m < 0) ? -1 : 1;
  return q;
}

// Divides m by 10^k truncating toward zero.
i128 DivPow10Trunc(i128 m, int k) {
  if (k <= 0) return m;
  if (k > kMaxPow10) return 0;
  return m / kPow10[k];
}

// Rounds |n| / d (n, d > 0 as unsigned) times 10^k to an integer, half away from zero.
// nullopt on overflow.
std::optional<u128> ScaledQuotient(u128 n, u128 d, int k) {
  const u128 kLimit = static_cast<u128>(~i128{0} ^ (i128{1} << 127));  // INT128_MAX
  u128 q = n / d;
  u128 r = n % d;
  if (k >= 0) {
    for (int i = 0; i < k; ++i) {
      // q = q*10 + (r*10)/d; r = (r*10)%d, with r < d.
      if (q > kLimit / 10) return std::nullopt;
      if (r > (~u128{0}) / 10) return std::nullopt;  // d is huge; give up
      u128 r10 = r * 10;
      q = q * 10 + r10 / d;
      r = r10 % d;
      if (q > kLimit) return std::nullopt;
    }
    // Round half away from zero: 2r >= d  <=>  r >= d - r.
    if (r >= d - r) ++q;
    if (q > kLimit) return std::nullopt;
    return q;
  }
  // k < 0: divide the integer quotient further by 10^-k; any remainder r only pushes upward,
  // which matters only at an exact half where we already round up.
  const int drop = -k;
  if (drop > kMaxPow10) return u128{0};
  const u128 p = static_cast<u128>(kPow10[drop]);
  u128 q2 = q / p;
  u128 rem = q % p;
  if (rem >= p - rem) ++q2;
  return q2;
}

}  // namespace

Decimal Decimal::FromInt(std::int64_t v) { return FromParts(static_cast<i128>(v), 0); }

Decimal Decimal::FromParts(__int128 mantissa, int scale) {
  Decimal d;
  // Keep the mantissa symmetric (never INT128_MIN) so that negation is always defined.
  if (mantissa == kInt128Min) mantissa = kInt128Min + 1;
  if (scale < 0) {
    // Not expected from callers; keep the value when it fits, else saturate to 0.
    auto up = ScaleUp(mantissa, -scale);
    d.mantissa_ = up.value_or(0);
    d.scale_ = 0;
    return d;
  }
  if (scale > kMaxScale) {
    mantissa = DivPow10RoundHalfAway(mantissa, scale - kMaxScale);
    scale = kMaxScale;
  }
  d.mantissa_ = mantissa;
  d.scale_ = scale;
  return d;
}

std::optional<Decimal> Decimal::Parse(std::string_view text) {
  if (text.empty() || text.size() > kMaxTextLength) return std::nullopt;
  std::size_t i = 0;
  bool negative = false;
  if (text[i] == '-' || text[i] == '+') {
    negative = text[i] == '-';
    ++i;
  }
  i128 mantissa = 0;
  int digits = 0;      // significant digits accumulated (leading zeros skipped)
  int int_digits = 0;  // digits before '.'
  int frac_digits = 0;
  auto take_digit = [&](char c) -> bool {
    int dv = c - '0';
    if (mantissa == 0 && dv == 0) return true;  // leading zero: no growth
    if (++digits > kMaxDigits) return false;
    i128 next;
    if (MulOverflow(mantissa, 10, &next) || AddOverflow(next, dv, &next)) return false;
    mantissa = next;
    return true;
  };
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    if (!take_digit(text[i])) return std::nullopt;
    ++int_digits;
    ++i;
  }
  if (int_digits == 0) return std::nullopt;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      if (!take_digit(text[i])) return std::nullopt;
      ++frac_digits;
      ++i;
    }
    if (frac_digits == 0) return std::nullopt;
  }
  int exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
      exp_negative = text[i] == '-';
      ++i;
    }
    int exp_digits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      exponent = exponent * 10 + (text[i] - '0');
      if (exponent > kMaxExponent) return std::nullopt;
      ++exp_digits;
      ++i;
    }
    if (exp_digits == 0) return std::nullopt;
    if (exp_negative) exponent = -exponent;
  }
  if (i != text.size()) return std::nullopt;

  int scale = frac_digits - exponent;
  if (scale < 0) {
    auto up = ScaleUp(mantissa, -scale);
    if (!up) return std::nullopt;
    mantissa = *up;
    scale = 0;
  }
  // Too many digits after the point: drop trailing zeros if that is enough, else reject.
  while (scale > kMaxScale && mantissa % 10 == 0 && mantissa != 0) {
    mantissa /= 10;
    --scale;
  }
  if (scale > kMaxScale) {
    if (mantissa != 0) return std::nullopt;
    scale = kMaxScale;
  }
  if (negative) mantissa = -mantissa;
  return FromParts(mantissa, scale);
}

std::optional<Decimal> Decimal::FromDouble(double v) {
  if (!std::isfinite(v)) return std::nullopt;
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v);
  if (res.ec != std::errc()) return std::nullopt;
  std::optional<Decimal> d = Parse(std::string_view(buf, static_cast<std::size_t>(res.ptr - buf)));
  if (d || std::fabs(v) >= 1) return d;
  // Tiny values need more than kMaxScale digits: round them to kMaxScale instead.
  res = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::fixed, kMaxScale);
  if (res.ec != std::errc()) return std::nullopt;
  d = Parse(std::string_view(buf, static_cast<std::size_t>(res.ptr - buf)));
  if (!d) return std::nullopt;
  return d->Normalized();
}

std::string Decimal::ToString() const {
  u128 mag = mantissa_ < 0 ? static_cast<u128>(-(mantissa_ + 1)) + 1 : static_cast<u128>(mantissa_);
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(mag % 10)));
    mag /= 10;
  } while (mag != 0);
  while (static_cast<int>(digits.size()) <= scale_) digits.push_back('0');
  std::string out;
  out.reserve(digits.size() + 2);
  if (mantissa_ < 0) out.push_back('-');
  for (int i = static_cast<int>(digits.size()) - 1; i >= 0; --i) {
    out.push_back(digits[static_cast<std::size_t>(i)]);
    if (i == scale_ && scale_ > 0) out.push_back('.');
  }
  return out;
}

double Decimal::ToDouble() const {
  std::string s = ToString();
  double out = 0;
  auto res = std::from_chars(s.data(), s.data() + s.size(), out);
  if (res.ec != std::errc()) return 0;
  return out;
}

std::optional<std::int64_t> Decimal::ToInt64() const {
  if (scale_ > 0 && mantissa_ % kPow10[scale_] != 0) return std::nullopt;
  i128 v = mantissa_ / kPow10[scale_];
  if (v > INT64_MAX || v < INT64_MIN) return std::nullopt;
  return static_cast<std::int64_t>(v);
}

namespace {

// Both mantissas at the larger of the two scales; nullopt when one overflows.
struct Aligned {
  i128 a = 0;
  i128 b = 0;
  int scale = 0;
};

std::optional<Aligned> Align(const Decimal& x, const Decimal& y) {
  int s = x.scale() > y.scale() ? x.scale() : y.scale();
  auto a = ScaleUp(x.mantissa(), s - x.scale());
  auto b = ScaleUp(y.mantissa(), s - y.scale());
  if (!a || !b) return std::nullopt;
  return Aligned{*a, *b, s};
}

}  // namespace

std::optional<Decimal> Decimal::Add(const Decimal& o) const {
  auto al = Align(*this, o);
  i128 out;
  if (!al || AddOverflow(al->a, al->b, &out) || out == kInt128Min) return std::nullopt;
  return FromParts(out, al->scale);
}

std::optional<Decimal> Decimal::Sub(const Decimal& o) const {
  auto al = Align(*this, o);
  i128 out;
  if (!al || SubOverflow(al->a, al->b, &out) || out == kInt128Min) return std::nullopt;
  return FromParts(out, al->scale);
}

std::optional<Decimal> Decimal::Mul(const Decimal& o) const {
  i128 out;
  if (!MulOverflow(mantissa_, o.mantissa_, &out) && out != kInt128Min) {
    return FromParts(out, scale_ + o.scale_);
  }
  // Retry without trailing zeros, which carry precision but not value.
  Decimal a = Normalized();
  Decimal b = o.Normalized();
  if (MulOverflow(a.mantissa_, b.mantissa_, &out) || out == kInt128Min) return std::nullopt;
  return FromParts(out, a.scale_ + b.scale_);
}

std::optional<Decimal> Decimal::DivideToScale(const Decimal& a, const Decimal& b, int scale) {
  if (b.mantissa_ == 0 || scale < 0 || scale > kMaxScale) return std::nullopt;
  if (a.mantissa_ == 0) return FromParts(0, scale);
  const bool negative = (a.mantissa_ < 0) != (b.mantissa_ < 0);
  auto mag = [](i128 v) -> u128 {
    return v < 0 ? static_cast<u128>(-(v + 1)) + 1 : static_cast<u128>(v);
  };
  // a/b = (ma / mb) * 10^(sb - sa); we want round(that * 10^scale).
  int k = b.scale_ - a.scale_ + scale;
  auto q = ScaledQuotient(mag(a.mantissa_), mag(b.mantissa_), k);
  if (!q) return std::nullopt;
  i128 m = static_cast<i128>(*q);
  return FromParts(negative ? -m : m, scale);
}

std::optional<Decimal> Decimal::Div(const Decimal& o) const {
  auto q = DivideToScale(*this, o, kDivisionScale);
  if (!q) return std::nullopt;
  return q->Normalized();
}

std::optional<Decimal> Decimal::IntDiv(const Decimal& o) const {
  if (o.mantissa_ == 0) return std::nullopt;
  int s = scale_ > o.scale_ ? scale_ : o.scale_;
  auto a = ScaleUp(mantissa_, s - scale_);
  auto b = ScaleUp(o.mantissa_, s - o.scale_);
  if (!a || !b) return std::nullopt;
  return FromParts(*a / *b, 0);
}

std::optional<Decimal> Decimal::Mod(const Decimal& o) const {
  if (o.mantissa_ == 0) return std::nullopt;
  int s = scale_ > o.scale_ ? scale_ : o.scale_;
  auto a = ScaleUp(mantissa_, s - scale_);
  auto b = ScaleUp(o.mantissa_, s - o.scale_);
  if (!a || !b) return std::nullopt;
  return FromParts(*a % *b, s);
}

Decimal Decimal::Negate() const { return FromParts(-mantissa_, scale_); }

Decimal Decimal::Abs() const { return mantissa_ < 0 ? Negate() : *this; }

std::optional<Decimal> Decimal::Round(int digits) const {
  if (digits < 0) return std::nullopt;
  if (digits >= scale_) return *this;
  return FromParts(DivPow10RoundHalfAway(mantissa_, scale_ - digits), digits);
}

Decimal Decimal::Truncate() const { return FromParts(DivPow10Trunc(mantissa_, scale_), 0); }

Decimal Decimal::Floor() const {
  i128 q = DivPow10Trunc(mantissa_, scale_);
  if (mantissa_ < 0 && scale_ > 0 && mantissa_ % kPow10[scale_] != 0) --q;
  return FromParts(q, 0);
}

Decimal Decimal::Ceiling() const {
  i128 q = DivPow10Trunc(mantissa_, scale_);
  if (mantissa_ > 0 && scale_ > 0 && mantissa_ % kPow10[scale_] != 0) ++q;
  return FromParts(q, 0);
}

Decimal Decimal::Normalized() const {
  i128 m = mantissa_;
  int s = scale_;
  while (s > 0 && m % 10 == 0) {
    m /= 10;
    --s;
  }
  if (m == 0) s = 0;
  return FromParts(m, s);
}

int Decimal::Compare(const Decimal& o) const {
  // Compare integer parts first (no overflow), then the fractions at the larger scale.
  i128 ia = mantissa_ / kPow10[scale_];
  i128 ib = o.mantissa_ / kPow10[o.scale_];
  if (ia != ib) return ia < ib ? -1 : 1;
  i128 fa = mantissa_ % kPow10[scale_];
  i128 fb = o.mantissa_ % kPow10[o.scale_];
  int s = scale_ > o.scale_ ? scale_ : o.scale_;
  fa *= kPow10[s - scale_];  // |fraction| < 10^scale, times 10^(s-scale) < 10^28: safe
  fb *= kPow10[s - o.scale_];
  if (fa != fb) return fa < fb ? -1 : 1;
  return 0;
}

bool Decimal::EquivalentTo(const Decimal& o) const {
  int s = scale_ < o.scale_ ? scale_ : o.scale_;
  auto a = Round(s);
  auto b = o.Round(s);
  if (!a || !b) return false;
  return a->Compare(*b) == 0;
}

std::optional<Decimal> Decimal::WithScale(int scale) const {
  if (scale < 0 || scale > kMaxScale) return std::nullopt;
  if (scale >= scale_) {
    auto up = ScaleUp(mantissa_, scale - scale_);
    if (!up) return std::nullopt;
    return FromParts(*up, scale);
  }
  const i128 p = kPow10[scale_ - scale];
  if (mantissa_ % p != 0) return std::nullopt;
  return FromParts(mantissa_ / p, scale);
}

namespace {

// The boundary of a non-negative-or-any value v shifted by half a unit of its last digit,
// reduced to `digits`: `toward_low` picks which side.
std::optional<Decimal> Boundary(const Decimal& v, std::optional<int> digits, bool low) {
  const int out = digits.value_or(8);
  if (out < 0 || out > Decimal::kMaxScale) return std::nullopt;
  // For negative values the low boundary mirrors the high boundary of the magnitude.
  if (v.is_negative()) {
    auto mirrored = Boundary(v.Negate(), digits, !low);
    if (!mirrored) return std::nullopt;
    return mirrored->Negate();
  }
  // half = 5 × 10^-(scale+1)
  const int s = v.scale() + 1;
  if (s > Decimal::kMaxScale) return std::nullopt;
  auto widened = v.WithScale(s);
  if (!widened) return std::nullopt;
  i128 m = widened->mantissa();
  i128 shifted;
  if (low ? SubOverflow(m, 5, &shifted) : AddOverflow(m, 5, &shifted)) return std::nullopt;
  Decimal b = Decimal::FromParts(shifted, s);
  if (out >= s) return b.WithScale(out);
  // Reduce precision: the low side truncates toward zero, the high side rounds.
  if (low) return Decimal::FromParts(DivPow10Trunc(shifted, s - out), out);
  return b.Round(out);
}

}  // namespace

std::optional<Decimal> Decimal::LowBoundary(std::optional<int> digits) const {
  return Boundary(*this, digits, /*low=*/true);
}

std::optional<Decimal> Decimal::HighBoundary(std::optional<int> digits) const {
  return Boundary(*this, digits, /*low=*/false);
}

}  // namespace gw::fhirpath
