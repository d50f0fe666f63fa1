// Date, DateTime and Time values of FHIRPath, with partial precision and optional time zones.
//
// One type, Temporal, carries all three (kind tells which). Components below `precision` are
// unspecified. Parsing accepts the FHIRPath literal bodies (without the '@' / '@T') and the FHIR
// JSON lexical forms: "2014", "2014-01", "2014-01-05", "2014-01-05T10", "2014-01-05T10:30",
// "2014-01-05T10:30:15.123+01:00", "2014-01-05T10:30:15Z" (DateTime; a trailing 'T' is accepted
// for FHIRPath "@2014T"), and times "10", "10:30", "10:30:15", "10:30:15.5".
// Comparison follows FHIRPath: values are normalized to UTC when both have offsets; when only
// one has an offset (both with a time), the zone-less value could be at any offset from -12:00
// to +14:00 and the result is known only when it is the same across that range (so
// "2012-04-15T15:00:00Z = 2012-04-15T10:00:00" is unknown, as the FHIRPath test suite expects);
// values without a time component are compared as written. When the precisions differ and the
// common components are equal, the result is unknown (nullopt).
// Seconds and milliseconds are one precision for comparison ("10:30:00" = "10:30:00.000").
// Thread safety: plain value type.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "gateway/core/fhirpath/decimal.h"

namespace gw::fhirpath {

enum class TemporalKind : std::uint8_t { kDate, kDateTime, kTime };

enum class Precision : std::uint8_t {
  kYear, kMonth, kDay, kHour, kMinute, kSecond, kMillisecond
};

// Calendar units accepted in temporal arithmetic ('year', 'years', 'a' UCUM, etc. map here).
enum class CalendarUnit : std::uint8_t {
  kYear, kMonth, kWeek, kDay, kHour, kMinute, kSecond, kMillisecond
};

struct Temporal {
  TemporalKind kind = TemporalKind::kDate;
  Precision precision = Precision::kYear;
  int year = 0, month = 1, day = 1;
  int hour = 0, minute = 0, second = 0, millisecond = 0;
  std::optional<int> tz_offset_minutes;  // nullopt: no zone given; 0 for "Z"

  static std::optional<Temporal> ParseDate(std::string_view text);
  static std::optional<Temporal> ParseDateTime(std::string_view text);  // also accepts date-only
                                                                       // forms, kind kDateTime
  static std::optional<Temporal> ParseTime(std::string_view text);
  // Parses by shape: "T.." / "hh:mm" → Time, with 'T' or zone → DateTime, else Date.
  static std::optional<Temporal> ParseAny(std::string_view text);

  // FHIR lexical form at the value's precision: "2014-01", "2014-01-05T10:30:15.123+01:00",
  // "10:30". Milliseconds are written with three digits when precision is kMillisecond.
  std::string ToString() const;

  // FHIRPath comparison: <0, 0, >0, or nullopt when unknown because of precision.
  // Values of different kinds compare as unknown (nullopt), except Date vs DateTime which
  // compare as DateTimes.
  static std::optional<int> Compare(const Temporal& a, const Temporal& b);
  // FHIRPath '=': nullopt when unknown (different precision), else equal or not.
  static std::optional<bool> Equal(const Temporal& a, const Temporal& b);
  // FHIRPath '~': false (not unknown) when precisions differ.
  static bool Equivalent(const Temporal& a, const Temporal& b);

  // Adds `amount` of `unit` (negative to subtract), keeping kind, precision and zone:
  // - the amount is truncated to whole units (7.7 days → 7 days; 0.1 s → 0 s, as the FHIRPath
  //   R4 test suite expects);
  // - a unit finer than the value's precision (a Date counts as day precision) is converted
  //   to that precision and truncated: @2014-01-01 + 24 hours → @2014-01-02, @2014 + 23 months
  //   → @2014 + 1 year; days go to months and years through 30.4375 and 365.25 days;
  // - year/month arithmetic clamps the day to the month's end (@2014-01-31 + 1 month →
  //   @2014-02-28); weeks are 7 days; other units carry across days, months and years;
  // - a Time takes hours and smaller units only and wraps around midnight.
  // nullopt when the result is out of range (year < 1 or > 9999) or the unit does not apply.
  std::optional<Temporal> Add(const Decimal& amount, CalendarUnit unit) const;

  // lowBoundary()/highBoundary() at the given output precision digits (FHIRPath 3.0
  // functions; nullopt = the kind's highest: Date 8, DateTime 17, Time 9). Unspecified
  // components take their lowest/highest values (day: the month's last day); a DateTime
  // without an offset gets +14:00 (low) or -12:00 (high) once it has a time; an hour-only
  // DateTime is read as hh:00 first (the suite's "T08" → "08:00:59.999"). A precision below
  // the value's truncates. nullopt when the digits are not a precision of the kind.
  std::optional<Temporal> LowBoundary(std::optional<int> precision_digits) const;
  std::optional<Temporal> HighBoundary(std::optional<int> precision_digits) const;
  // Number of digits of precision as FHIRPath precision() counts them (year: 4, month: 6,
  // day: 8, hour: 10, minute: 12, second: 14, ms: 17; times: hour 2 .. ms 9).
  int PrecisionDigits() const;
};

// Maps a FHIRPath calendar keyword or UCUM time unit to a CalendarUnit:
// year(s), month(s), week(s), day(s), hour(s), minute(s), second(s), millisecond(s);
// 'wk', 'd', 'h', 'min', 's', 'ms'. nullopt otherwise, including for UCUM 'a' and 'mo': they
// are mean Julian years and months, not calendar ones, and date arithmetic with them is an
// error in the FHIRPath test suite (testPlusDate14/16).
std::optional<CalendarUnit> ParseCalendarUnit(std::string_view unit);

}  // namespace gw::fhirpath
