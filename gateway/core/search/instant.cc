#include "gateway/core/search/instant.h"


namespace gw::search {
namespace {

constexpr std::int64_t kMsPerDay = 86'400'000;

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::int64_t EpochMs(int y, int mo, int d, int h, int mi, int s, int ms) {
  return DaysFromCivil(y, mo, d) * kMsPerDay + h * 3'600'000LL + mi * 60'000LL + s * 1000LL + ms;
}

}  // namespace

std::int64_t DaysFromCivil(int year, int month, int day) {
  // Shift the year to start in March so the leap day is the last day of the year.
  const std::int64_t y = month <= 2 ? year - 1 : year;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (month + 9) % 12;  // March = 0
  const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::optional<InstantRange> RangeOf(const fhirpath::Temporal& t) {
  using fhirpath::Precision;
  if (t.kind == fhirpath::TemporalKind::kTime) return std::nullopt;
  const Precision p = t.kind == fhirpath::TemporalKind::kDate && t.precision > Precision::kDay
                          ? Precision::kDay
                          : t.precision;
  const int month = p >= Precision::kMonth ? t.month : 1;
  const int day = p >= Precision::kDay ? t.day : 1;
  const int hour = p >= Precision::kHour ? t.hour : 0;
  const int minute = p >= Precision::kMinute ? t.minute : 0;
  const int second = p >= Precision::kSecond ? t.second : 0;
  const int milli = p >= Precision::kMillisecond ? t.millisecond : 0;
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(t.year, month)) return std::nullopt;
  std::int64_t low = EpochMs(t.year, month, day, hour, minute, second, milli);
  std::int64_t span = 0;
  switch (p) {
    case Precision::kYear:
      span = EpochMs(t.year + 1, 1, 1, 0, 0, 0, 0) - low;
      break;
    case Precision::kMonth:
      span = DaysInMonth(t.year, month) * kMsPerDay;
      break;
    case Precision::kDay:
      span = kMsPerDay;
      break;
    case Precision::kHour:
      span = 3'600'000;
      break;
    case Precision::kMinute:
      span = 60'000;
      break;
    case Precision::kSecond:
      span = 1000;
      break;
    case Precision::kMillisecond:
      span = 1;
      break;
  }
  if (t.tz_offset_minutes && p >= Precision::kHour) low -= *t.tz_offset_minutes * 60'000LL;
  return InstantRange{low, low + span - 1, p};
}

std::optional<InstantRange> RangeOfText(std::string_view text) {
  std::optional<fhirpath::Temporal> t = fhirpath::Temporal::ParseDateTime(text);
  if (!t) return std::nullopt;
  return RangeOf(*t);
}

std::string FormatInstant(std::int64_t epoch_ms) {
  const std::int64_t kMin = DaysFromCivil(1, 1, 1) * kMsPerDay;
  const std::int64_t kMax = DaysFromCivil(10000, 1, 1) * kMsPerDay - 1;
  if (epoch_ms < kMin) epoch_ms = kMin;
  if (epoch_ms > kMax) epoch_ms = kMax;
  std::int64_t days = epoch_ms / kMsPerDay;
  std::int64_t rem = epoch_ms % kMsPerDay;
  if (rem < 0) {
    rem += kMsPerDay;
    --days;
  }
  // Civil date from days (inverse of DaysFromCivil).
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  // Written digit by digit: this runs for every answer and audit record, where snprintf's
  // format parsing was a measurable share of the request's CPU.
  std::string out(24, '0');
  auto put = [&out](std::size_t at, int width, int value) {
    for (int i = width - 1; i >= 0; --i, value /= 10) out[at + i] = static_cast<char>('0' + value % 10);
  };
  put(0, 4, year);
  out[4] = '-';
  put(5, 2, month);
  out[7] = '-';
  put(8, 2, day);
  out[10] = 'T';
  put(11, 2, static_cast<int>(rem / 3'600'000));
  out[13] = ':';
  put(14, 2, static_cast<int>(rem / 60'000 % 60));
  out[16] = ':';
  put(17, 2, static_cast<int>(rem / 1000 % 60));
  out[19] = '.';
  put(20, 3, static_cast<int>(rem % 1000));
  out[23] = 'Z';
  return out;
}

}  // namespace gw::search
