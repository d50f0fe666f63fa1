#include "gateway/core/fhirpath/temporal.h"

#include <array>
#include <cstdint>

namespace gw::fhirpath {
namespace {

constexpr std::size_t kMaxTemporalText = 64;
constexpr int kMaxOffsetMinutes = 14 * 60;
// Offsets assumed for a value without a zone when it meets a value with one: the real local
// offset of the data lies somewhere in [-12:00, +14:00].
constexpr int kEarliestOffset = 14 * 60;
constexpr int kLatestOffset = -12 * 60;
constexpr std::int64_t kMsPerMinute = 60'000;
constexpr std::int64_t kMsPerHour = 3'600'000;
constexpr std::int64_t kMsPerDay = 86'400'000;

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return (m == 2 && IsLeap(y)) ? 29 : kDays[static_cast<std::size_t>(m - 1)];
}

// Days before 1 January of year y, counted from 1 January of year -399 (a whole number of
// 400-year cycles before year 1) so that every value handled here (years 0..10000 after zone
// shifts) stays positive.
std::int64_t DaysBeforeYear(int y) {
  std::int64_t yy = static_cast<std::int64_t>(y) + 399;  // whole years since year -399
  return yy * 365 + yy / 4 - yy / 100 + yy / 400;
}

std::int64_t DayNumber(int y, int m, int d) {
  std::int64_t n = DaysBeforeYear(y);
  for (int i = 1; i < m; ++i) n += DaysInMonth(y, i);
  return n + (d - 1);
}

void FromDayNumber(std::int64_t n, int* y, int* m, int* d) {
  // Estimate the year, then correct by at most a step or two.
  int year = static_cast<int>(n * 400 / 146097) - 399;
  while (DaysBeforeYear(year) > n) --year;
  while (DaysBeforeYear(year + 1) <= n) ++year;
  std::int64_t rest = n - DaysBeforeYear(year);
  int month = 1;
  while (month < 12 && rest >= DaysInMonth(year, month)) {
    rest -= DaysInMonth(year, month);
    ++month;
  }
  *y = year;
  *m = month;
  *d = static_cast<int>(rest) + 1;
}

int Rank(Precision p) { return static_cast<int>(p); }

// A small cursor over the literal text.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool done() const { return i_ >= s_.size(); }
  char peek() const { return done() ? '\0' : s_[i_]; }
  bool Eat(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  // Exactly n digits.
  bool Digits(int n, int* out) {
    int v = 0;
    for (int k = 0; k < n; ++k) {
      char c = peek();
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
      ++i_;
    }
    *out = v;
    return true;
  }
  bool IsDigit() const { return peek() >= '0' && peek() <= '9'; }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

// Reads YYYY[-MM[-DD]] into t.
bool ReadDate(Cursor& c, Temporal* t) {
  if (!c.Digits(4, &t->year) || t->year < 1) return false;
  t->precision = Precision::kYear;
  if (!c.Eat('-')) return true;
  if (!c.Digits(2, &t->month) || t->month < 1 || t->month > 12) return false;
  t->precision = Precision::kMonth;
  if (!c.Eat('-')) return true;
  if (!c.Digits(2, &t->day) || t->day < 1 || t->day > DaysInMonth(t->year, t->month)) {
    return false;
  }
  t->precision = Precision::kDay;
  return true;
}

// Reads hh[:mm[:ss[.fff]]] into t.
bool ReadTime(Cursor& c, Temporal* t) {
  if (!c.Digits(2, &t->hour) || t->hour > 23) return false;
  t->precision = Precision::kHour;
  if (!c.Eat(':')) return true;
  if (!c.Digits(2, &t->minute) || t->minute > 59) return false;
  t->precision = Precision::kMinute;
  if (!c.Eat(':')) return true;
  if (!c.Digits(2, &t->second) || t->second > 59) return false;
  t->precision = Precision::kSecond;
  if (!c.Eat('.')) return true;
  int count = 0;
  int ms = 0;
  while (c.IsDigit()) {
    int dv = 0;
    c.Digits(1, &dv);
    if (count < 3) ms = ms * 10 + dv;
    if (++count > 9) return false;
  }
  if (count == 0) return false;
  for (int k = count; k < 3; ++k) ms *= 10;
  t->millisecond = ms;
  t->precision = Precision::kMillisecond;
  return true;
}

// Reads Z or (+|-)hh:mm.
bool ReadZone(Cursor& c, Temporal* t) {
  if (c.Eat('Z')) {
    t->tz_offset_minutes = 0;
    return true;
  }
  int sign = 0;
  if (c.Eat('+')) {
    sign = 1;
  } else if (c.Eat('-')) {
    sign = -1;
  } else {
    return true;  // no zone
  }
  int hh = 0, mm = 0;
  if (!c.Digits(2, &hh) || !c.Eat(':') || !c.Digits(2, &mm) || mm > 59) return false;
  int total = hh * 60 + mm;
  if (total > kMaxOffsetMinutes) return false;
  t->tz_offset_minutes = sign * total;
  return true;
}

void AppendInt(std::string* out, int v, int width) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  if (v < 0) out->push_back('-');
  for (int i = static_cast<int>(digits.size()); i < width; ++i) out->push_back('0');
  out->append(digits);
}

// Components of a value for comparison: year, month, day, hour, minute, second*1000+ms,
// and the index of the last specified one (seconds and milliseconds share index 5).
struct Comps {
  std::array<std::int64_t, 6> v{};
  int last = 0;
};

Comps MakeComps(const Temporal& t) {
  Comps c;
  if (t.kind == TemporalKind::kTime) {
    // Times use the same layout with a fixed date so that indices line up.
    c.v = {0, 0, 0, t.hour, t.minute, t.second * 1000 + t.millisecond};
  } else {
    c.v = {t.year, t.month, t.day, t.hour, t.minute, t.second * 1000 + t.millisecond};
  }
  int r = Rank(t.precision);
  c.last = r > 5 ? 5 : r;
  return c;
}

// Shifts a date-time's components (with at least hour precision) by -offset minutes.
Comps ShiftToUtc(const Comps& in, int offset_minutes) {
  Comps c = in;
  std::int64_t minutes =
      DayNumber(static_cast<int>(in.v[0]), static_cast<int>(in.v[1]), static_cast<int>(in.v[2])) *
          1440 +
      in.v[3] * 60 + in.v[4] - offset_minutes;
  std::int64_t day = minutes / 1440;
  std::int64_t rest = minutes % 1440;
  if (rest < 0) {
    rest += 1440;
    --day;
  }
  int y = 0, m = 0, d = 0;
  FromDayNumber(day, &y, &m, &d);
  c.v[0] = y;
  c.v[1] = m;
  c.v[2] = d;
  c.v[3] = rest / 60;
  c.v[4] = rest % 60;
  // An hour-precision value shifted by a zone with minutes now carries a minute component.
  if (c.last == 3 && offset_minutes % 60 != 0) c.last = 4;
  return c;
}

std::optional<int> CompareComps(const Comps& a, const Comps& b) {
  int common = a.last < b.last ? a.last : b.last;
  for (int i = 0; i <= common; ++i) {
    if (a.v[static_cast<std::size_t>(i)] != b.v[static_cast<std::size_t>(i)]) {
      return a.v[static_cast<std::size_t>(i)] < b.v[static_cast<std::size_t>(i)] ? -1 : 1;
    }
  }
  if (a.last != b.last) return std::nullopt;
  return 0;
}

std::int64_t UnitMs(CalendarUnit u) {
  switch (u) {
    case CalendarUnit::kWeek:
      return 7 * kMsPerDay;
    case CalendarUnit::kDay:
      return kMsPerDay;
    case CalendarUnit::kHour:
      return kMsPerHour;
    case CalendarUnit::kMinute:
      return kMsPerMinute;
    case CalendarUnit::kSecond:
      return 1000;
    case CalendarUnit::kMillisecond:
      return 1;
    default:
      return 0;
  }
}

// The rank of a calendar unit on the Precision scale (week counts as days).
int UnitRank(CalendarUnit u) {
  switch (u) {
    case CalendarUnit::kYear:
      return Rank(Precision::kYear);
    case CalendarUnit::kMonth:
      return Rank(Precision::kMonth);
    case CalendarUnit::kWeek:
    case CalendarUnit::kDay:
      return Rank(Precision::kDay);
    case CalendarUnit::kHour:
      return Rank(Precision::kHour);
    case CalendarUnit::kMinute:
      return Rank(Precision::kMinute);
    case CalendarUnit::kSecond:
      return Rank(Precision::kSecond);
    case CalendarUnit::kMillisecond:
      return Rank(Precision::kMillisecond);
  }
  return 0;
}

CalendarUnit UnitForRank(int rank) {
  switch (rank) {
    case 0:
      return CalendarUnit::kYear;
    case 1:
      return CalendarUnit::kMonth;
    case 2:
      return CalendarUnit::kDay;
    case 3:
      return CalendarUnit::kHour;
    case 4:
      return CalendarUnit::kMinute;
    case 5:
      return CalendarUnit::kSecond;
    default:
      return CalendarUnit::kMillisecond;
  }
}

// Largest amount accepted in any unit: far beyond 10000 years in milliseconds is useless.
constexpr std::int64_t kMaxAmount = 1'000'000'000'000'000;  // 1e15

// Re-expresses `n` `unit`s in the coarser unit of rank `target` (truncating toward zero).
// Units of a day or less convert exactly; to months and years they go through the mean
// Julian month and year (30.4375 and 365.25 days), as UCUM defines 'mo' and 'a'.
std::int64_t ConvertDown(std::int64_t n, CalendarUnit unit, int target) {
  if (unit == CalendarUnit::kMonth) return n / 12;  // only a year is coarser
  __int128 ms = static_cast<__int128>(n) * UnitMs(unit);
  switch (target) {
    case 0:
      return static_cast<std::int64_t>(ms / (__int128{kMsPerDay} * 36525 / 100));
    case 1:
      return static_cast<std::int64_t>(ms / (__int128{kMsPerDay} * 304375 / 10000));
    default:
      return static_cast<std::int64_t>(ms / UnitMs(UnitForRank(target)));
  }
}

void ClampDay(Temporal* t) {
  int dim = DaysInMonth(t->year, t->month);
  if (t->day > dim) t->day = dim;
}

}  // namespace

std::optional<Temporal> Temporal::ParseDate(std::string_view text) {
  if (text.size() > kMaxTemporalText) return std::nullopt;
  Cursor c(text);
  Temporal t;
  t.kind = TemporalKind::kDate;
  if (!ReadDate(c, &t) || !c.done()) return std::nullopt;
  return t;
}

std::optional<Temporal> Temporal::ParseDateTime(std::string_view text) {
  if (text.size() > kMaxTemporalText) return std::nullopt;
  Cursor c(text);
  Temporal t;
  t.kind = TemporalKind::kDateTime;
  if (!ReadDate(c, &t)) return std::nullopt;
  if (c.Eat('T')) {
    if (c.done()) return t;  // FHIRPath "@2015T": a DateTime at the date's precision
    if (t.precision != Precision::kDay) return std::nullopt;  // a time needs a full date
    if (!ReadTime(c, &t) || !ReadZone(c, &t)) return std::nullopt;
  }
  if (!c.done()) return std::nullopt;
  return t;
}

std::optional<Temporal> Temporal::ParseTime(std::string_view text) {
  if (text.size() > kMaxTemporalText) return std::nullopt;
  Cursor c(text);
  c.Eat('T');
  Temporal t;
  t.kind = TemporalKind::kTime;
  t.year = 0;
  if (!ReadTime(c, &t) || !c.done()) return std::nullopt;
  return t;
}

std::optional<Temporal> Temporal::ParseAny(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (text[0] == 'T' || (text.size() >= 3 && text[2] == ':') || text.size() == 2) {
    return ParseTime(text);
  }
  if (text.find('T') != std::string_view::npos) return ParseDateTime(text);
  return ParseDate(text);
}

std::string Temporal::ToString() const {
  std::string out;
  const int r = Rank(precision);
  if (kind != TemporalKind::kTime) {
    AppendInt(&out, year, 4);
    if (r >= Rank(Precision::kMonth)) {
      out.push_back('-');
      AppendInt(&out, month, 2);
    }
    if (r >= Rank(Precision::kDay)) {
      out.push_back('-');
      AppendInt(&out, day, 2);
    }
    if (kind == TemporalKind::kDate || r < Rank(Precision::kHour)) return out;
    out.push_back('T');
  }
  AppendInt(&out, hour, 2);
  if (r >= Rank(Precision::kMinute)) {
    out.push_back(':');
    AppendInt(&out, minute, 2);
  }
  if (r >= Rank(Precision::kSecond)) {
    out.push_back(':');
    AppendInt(&out, second, 2);
  }
  if (r >= Rank(Precision::kMillisecond)) {
    out.push_back('.');
    AppendInt(&out, millisecond, 3);
  }
  if (kind == TemporalKind::kDateTime && tz_offset_minutes) {
    int off = *tz_offset_minutes;
    if (off == 0) {
      out.push_back('Z');
    } else {
      out.push_back(off < 0 ? '-' : '+');
      if (off < 0) off = -off;
      AppendInt(&out, off / 60, 2);
      out.push_back(':');
      AppendInt(&out, off % 60, 2);
    }
  }
  return out;
}

std::optional<int> Temporal::Compare(const Temporal& a, const Temporal& b) {
  const bool a_time = a.kind == TemporalKind::kTime;
  const bool b_time = b.kind == TemporalKind::kTime;
  if (a_time != b_time) return std::nullopt;
  Comps ca = MakeComps(a);
  Comps cb = MakeComps(b);
  if (a_time) return CompareComps(ca, cb);

  const int hour = Rank(Precision::kHour);
  const bool a_zone = a.tz_offset_minutes.has_value() && ca.last >= hour;
  const bool b_zone = b.tz_offset_minutes.has_value() && cb.last >= hour;
  if (ca.last < hour || cb.last < hour || (!a_zone && !b_zone)) return CompareComps(ca, cb);
  if (a_zone && b_zone) {
    return CompareComps(ShiftToUtc(ca, *a.tz_offset_minutes), ShiftToUtc(cb, *b.tz_offset_minutes));
  }
  // Exactly one value has a zone: the answer is known only when it is the same for every
  // offset the zone-less value could have.
  const bool swap = b_zone;
  const Comps zoned =
      ShiftToUtc(swap ? cb : ca, swap ? *b.tz_offset_minutes : *a.tz_offset_minutes);
  const Comps& local = swap ? ca : cb;
  std::optional<int> r1 = CompareComps(zoned, ShiftToUtc(local, kEarliestOffset));
  std::optional<int> r2 = CompareComps(zoned, ShiftToUtc(local, kLatestOffset));
  if (!r1 || !r2 || *r1 != *r2 || *r1 == 0) return std::nullopt;
  return swap ? -*r1 : *r1;
}

std::optional<bool> Temporal::Equal(const Temporal& a, const Temporal& b) {
  std::optional<int> c = Compare(a, b);
  if (!c) return std::nullopt;
  return *c == 0;
}

bool Temporal::Equivalent(const Temporal& a, const Temporal& b) {
  if (MakeComps(a).last != MakeComps(b).last) return false;
  std::optional<int> c = Compare(a, b);
  return c.has_value() && *c == 0;
}

std::optional<Temporal> Temporal::Add(const Decimal& amount, CalendarUnit unit) const {
  if (kind == TemporalKind::kTime && UnitRank(unit) < Rank(Precision::kHour)) {
    return std::nullopt;
  }
  // Calendar arithmetic uses whole units: the fraction of the amount is dropped.
  std::optional<std::int64_t> whole = amount.Truncate().ToInt64();
  if (!whole || *whole > kMaxAmount || *whole < -kMaxAmount) return std::nullopt;
  std::int64_t n = *whole;
  if (unit == CalendarUnit::kWeek) {
    n *= 7;
    unit = CalendarUnit::kDay;
  }
  // A unit finer than the value's precision is first converted to that precision.
  int prec = Rank(precision);
  if (kind == TemporalKind::kDate && prec > Rank(Precision::kDay)) prec = Rank(Precision::kDay);
  if (UnitRank(unit) > prec) {
    n = ConvertDown(n, unit, prec);
    unit = UnitForRank(prec);
  }

  Temporal t = *this;
  switch (unit) {
    case CalendarUnit::kYear: {
      std::int64_t y = static_cast<std::int64_t>(t.year) + n;
      if (y < 1 || y > 9999) return std::nullopt;
      t.year = static_cast<int>(y);
      ClampDay(&t);
      return t;
    }
    case CalendarUnit::kMonth: {
      std::int64_t total = static_cast<std::int64_t>(t.year) * 12 + (t.month - 1) + n;
      if (total < 12 || total >= 10000 * 12) return std::nullopt;
      t.year = static_cast<int>(total / 12);
      t.month = static_cast<int>(total % 12) + 1;
      ClampDay(&t);
      return t;
    }
    default:
      break;
  }
  const __int128 delta = static_cast<__int128>(n) * UnitMs(unit);
  if (kind == TemporalKind::kTime) {
    __int128 ms = static_cast<__int128>(t.hour) * kMsPerHour + t.minute * kMsPerMinute +
                  t.second * 1000 + t.millisecond + delta;
    ms %= kMsPerDay;
    if (ms < 0) ms += kMsPerDay;
    std::int64_t v = static_cast<std::int64_t>(ms);
    t.hour = static_cast<int>(v / kMsPerHour);
    t.minute = static_cast<int>(v / kMsPerMinute % 60);
    t.second = static_cast<int>(v / 1000 % 60);
    t.millisecond = static_cast<int>(v % 1000);
    return t;
  }
  __int128 ms = static_cast<__int128>(DayNumber(t.year, t.month, t.day)) * kMsPerDay +
                static_cast<__int128>(t.hour) * kMsPerHour + t.minute * kMsPerMinute +
                t.second * 1000 + t.millisecond + delta;
  if (ms < static_cast<__int128>(DaysBeforeYear(1)) * kMsPerDay ||
      ms >= static_cast<__int128>(DaysBeforeYear(10000)) * kMsPerDay) {
    return std::nullopt;
  }
  std::int64_t day_number = static_cast<std::int64_t>(ms / kMsPerDay);
  std::int64_t rest = static_cast<std::int64_t>(ms % kMsPerDay);
  FromDayNumber(day_number, &t.year, &t.month, &t.day);
  t.hour = static_cast<int>(rest / kMsPerHour);
  t.minute = static_cast<int>(rest / kMsPerMinute % 60);
  t.second = static_cast<int>(rest / 1000 % 60);
  t.millisecond = static_cast<int>(rest % 1000);
  return t;
}

namespace {

// The precision a number of digits names for a kind of value; nullopt when it names none.
std::optional<Precision> PrecisionForDigits(TemporalKind kind, int digits) {
  if (kind == TemporalKind::kTime) {
    switch (digits) {
      case 2:
        return Precision::kHour;
      case 4:
        return Precision::kMinute;
      case 6:
        return Precision::kSecond;
      case 9:
        return Precision::kMillisecond;
      default:
        return std::nullopt;
    }
  }
  switch (digits) {
    case 4:
      return Precision::kYear;
    case 6:
      return Precision::kMonth;
    case 8:
      return Precision::kDay;
    default:
      break;
  }
  if (kind == TemporalKind::kDate) return std::nullopt;
  switch (digits) {
    case 10:
      return Precision::kHour;
    case 12:
      return Precision::kMinute;
    case 14:
      return Precision::kSecond;
    case 17:
      return Precision::kMillisecond;
    default:
      return std::nullopt;
  }
}

std::optional<Temporal> Boundary(const Temporal& in, std::optional<int> digits, bool low) {
  int d = digits.value_or(in.kind == TemporalKind::kDate       ? 8
                          : in.kind == TemporalKind::kDateTime ? 17
                                                               : 9);
  std::optional<Precision> target = PrecisionForDigits(in.kind, d);
  if (!target) return std::nullopt;
  Temporal t = in;
  int have = Rank(t.precision);
  // An hour-only date-time ("T08") is read as "T08:00" before widening, as the FHIRPath test
  // suite expects (an hour alone is not a legal FHIR dateTime).
  if (t.kind == TemporalKind::kDateTime && have == Rank(Precision::kHour) && Rank(*target) > have) {
    t.minute = 0;
    have = Rank(Precision::kMinute);
  }
  const int want = Rank(*target);
  for (int r = have + 1; r <= want; ++r) {
    switch (static_cast<Precision>(r)) {
      case Precision::kMonth:
        t.month = low ? 1 : 12;
        break;
      case Precision::kDay:
        t.day = low ? 1 : DaysInMonth(t.year, t.month);
        break;
      case Precision::kHour:
        t.hour = low ? 0 : 23;
        break;
      case Precision::kMinute:
        t.minute = low ? 0 : 59;
        break;
      case Precision::kSecond:
        t.second = low ? 0 : 59;
        break;
      case Precision::kMillisecond:
        t.millisecond = low ? 0 : 999;
        break;
      default:
        break;
    }
  }
  // Components below the target precision are cleared.
  if (want < Rank(Precision::kMonth)) t.month = 1;
  if (want < Rank(Precision::kDay)) t.day = 1;
  if (want < Rank(Precision::kHour)) t.hour = 0;
  if (want < Rank(Precision::kMinute)) t.minute = 0;
  if (want < Rank(Precision::kSecond)) t.second = 0;
  if (want < Rank(Precision::kMillisecond)) t.millisecond = 0;
  t.precision = *target;
  if (t.kind == TemporalKind::kDateTime) {
    if (want < Rank(Precision::kHour)) {
      t.tz_offset_minutes.reset();
    } else if (!t.tz_offset_minutes) {
      t.tz_offset_minutes = low ? kEarliestOffset : kLatestOffset;
    }
  }
  return t;
}

}  // namespace

std::optional<Temporal> Temporal::LowBoundary(std::optional<int> precision_digits) const {
  return Boundary(*this, precision_digits, /*low=*/true);
}

std::optional<Temporal> Temporal::HighBoundary(std::optional<int> precision_digits) const {
  return Boundary(*this, precision_digits, /*low=*/false);
}

int Temporal::PrecisionDigits() const {
  if (kind == TemporalKind::kTime) {
    switch (precision) {
      case Precision::kHour:
        return 2;
      case Precision::kMinute:
        return 4;
      case Precision::kSecond:
        return 6;
      case Precision::kMillisecond:
        return 9;
      default:
        return 2;
    }
  }
  switch (precision) {
    case Precision::kYear:
      return 4;
    case Precision::kMonth:
      return 6;
    case Precision::kDay:
      return 8;
    case Precision::kHour:
      return 10;
    case Precision::kMinute:
      return 12;
    case Precision::kSecond:
      return 14;
    case Precision::kMillisecond:
      return 17;
  }
  return 4;
}

std::optional<CalendarUnit> ParseCalendarUnit(std::string_view unit) {
  struct Entry {
    std::string_view name;
    CalendarUnit unit;
  };
  static constexpr Entry kEntries[] = {
      {"year", CalendarUnit::kYear},
      {"years", CalendarUnit::kYear},
      {"month", CalendarUnit::kMonth},
      {"months", CalendarUnit::kMonth},
      {"week", CalendarUnit::kWeek},
      {"weeks", CalendarUnit::kWeek},
      {"wk", CalendarUnit::kWeek},
      {"day", CalendarUnit::kDay},
      {"days", CalendarUnit::kDay},
      {"d", CalendarUnit::kDay},
      {"hour", CalendarUnit::kHour},
      {"hours", CalendarUnit::kHour},
      {"h", CalendarUnit::kHour},
      {"minute", CalendarUnit::kMinute},
      {"minutes", CalendarUnit::kMinute},
      {"min", CalendarUnit::kMinute},
      {"second", CalendarUnit::kSecond},
      {"seconds", CalendarUnit::kSecond},
      {"s", CalendarUnit::kSecond},
      {"millisecond", CalendarUnit::kMillisecond},
      {"milliseconds", CalendarUnit::kMillisecond},
      {"ms", CalendarUnit::kMillisecond},
  };
  for (const Entry& e : kEntries) {
    if (e.name == unit) return e.unit;
  }
  return std::nullopt;
}

}  // namespace gw::fhirpath
