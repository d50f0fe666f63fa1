// Date, DateTime and Time values of FHIRPath, with partial precision and optional time zones.
//
// One type, Temporal, carries all three (kind tells which). Components below `precision` are
// unspecified. Parsing accepts the FHIRPath literal bodies (without the '@' / '@T') and the FHIR
// JSON lexical forms: "2014", "2014-01", "2014-01-05", "2014-01-05T10", "2014-01-05T10:30",
// "2014-01-05T10:30:15.123+01:00", "2014-01-05T10:30:15Z" (DateTime; a trailing 'T' is accepted
// for FHIRPath "@2014T"), and times "10", "10:30", "10:30:15", "10:30:15.5".
// Comparison follows FHIRPath: values are normalized to UTC when both have offsets (a value
// without an offset is compared as is, which is the documented local-time behaviour); when the
// precisions differ and the common components are equal, the result is unknown (nullopt).
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

  // Adds `amount` of `unit` (negative to subtract). Per FHIRPath: for Dates, units below a day
  // are ignored/rounded as the spec says; month/year arithmetic clamps the day to the month's
  // end; decimal amounts are truncated for calendar units above seconds. nullopt when the
  // result is out of range (year < 1 or > 9999) or the unit does not apply.
  std::optional<Temporal> Add(const Decimal& amount, CalendarUnit unit) const;

  // lowBoundary()/highBoundary() at the given output precision (FHIRPath 3.0 functions).
  std::optional<Temporal> LowBoundary(std::optional<int> precision_digits) const;
  std::optional<Temporal> HighBoundary(std::optional<int> precision_digits) const;
  // Number of digits of precision as FHIRPath precision() counts them (year: 4, month: 6,
  // day: 8, hour: 10, minute: 12, second: 14, ms: 17; times: hour 2 .. ms 9).
  int PrecisionDigits() const;
};

// Maps a FHIRPath calendar keyword or UCUM time unit to a CalendarUnit:
// year(s), month(s), week(s), day(s), hour(s), minute(s), second(s), millisecond(s);
// 'a', 'mo', 'wk', 'd', 'h', 'min', 's', 'ms'. nullopt otherwise.
std::optional<CalendarUnit> ParseCalendarUnit(std::string_view unit);

}  // namespace gw::fhirpath
