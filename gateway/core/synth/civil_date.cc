#include "gateway/core/synth/civil_date.h"

namespace gw::synth {
namespace {

// Years are shifted to start in March so that the leap day ends the year; an "era" is the
// 400-year Gregorian cycle of 146097 days.
constexpr std::int64_t kDaysPerEra = 146097;
constexpr std::int64_t kEpochShift = 719468;  // days from 0000-03-01 to 1970-01-01

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

void AppendDigits(int value, int width, std::string* out) {
  char buf[12];
  int n = 0;
  unsigned v = static_cast<unsigned>(value);
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  for (int i = n; i < width; ++i) out->push_back('0');
  while (n > 0) out->push_back(buf[--n]);
}

}  // namespace

std::int64_t DaysFromCivil(int year, int month, int day) {
  const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
  const std::int64_t era = FloorDiv(y, 400);
  const std::int64_t year_of_era = y - era * 400;                        // 0..399
  const std::int64_t shifted_month = month > 2 ? month - 3 : month + 9;  // March = 0
  const std::int64_t day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * kDaysPerEra + day_of_era - kEpochShift;
}

CivilDate CivilFromDays(std::int64_t days) {
  const std::int64_t z = days + kEpochShift;
  const std::int64_t era = FloorDiv(z, kDaysPerEra);
  const std::int64_t day_of_era = z - era * kDaysPerEra;
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t shifted_month = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  const int month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  const int year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

void AppendIsoDate(std::int64_t days, std::string* out) {
  const CivilDate d = CivilFromDays(days);
  AppendDigits(d.year, 4, out);
  out->push_back('-');
  AppendDigits(d.month, 2, out);
  out->push_back('-');
  AppendDigits(d.day, 2, out);
}

void AppendUsDate(std::int64_t days, std::string* out) {
  const CivilDate d = CivilFromDays(days);
  AppendDigits(d.month, 2, out);
  out->push_back('/');
  AppendDigits(d.day, 2, out);
  out->push_back('/');
  AppendDigits(d.year, 4, out);
}

void AppendIsoDateTime(std::int64_t days, int seconds_of_day, std::string* out) {
  AppendIsoDate(days, out);
  out->push_back('T');
  AppendDigits(seconds_of_day / 3600, 2, out);
  out->push_back(':');
  AppendDigits(seconds_of_day / 60 % 60, 2, out);
  out->push_back(':');
  AppendDigits(seconds_of_day % 60, 2, out);
}

std::string IsoDate(std::int64_t days) {
  std::string s;
  AppendIsoDate(days, &s);
  return s;
}

std::string UsDate(std::int64_t days) {
  std::string s;
  AppendUsDate(days, &s);
  return s;
}

std::string IsoDateTime(std::int64_t days, int seconds_of_day) {
  std::string s;
  AppendIsoDateTime(days, seconds_of_day, &s);
  return s;
}

}  // namespace gw::synth
