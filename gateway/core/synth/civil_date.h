// Calendar arithmetic and the date/time text forms of the plan's feeds.
//
// Days are counted from 1970-01-01 (day 0) in the proleptic Gregorian calendar. The feeds carry
// no zone (Atlantic Standard Time is implied), so no zone arithmetic happens here.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>

namespace gw::synth {

struct CivilDate {
  int year;
  int month;  // 1..12
  int day;    // 1..31
};

std::int64_t DaysFromCivil(int year, int month, int day);
CivilDate CivilFromDays(std::int64_t days);

// "2026-03-14"
void AppendIsoDate(std::int64_t days, std::string* out);
// "03/14/2026" (the legacy MM/DD/YYYY form of members.csv)
void AppendUsDate(std::int64_t days, std::string* out);
// "2026-03-14T09:05:00"; seconds_of_day in [0, 86400).
void AppendIsoDateTime(std::int64_t days, int seconds_of_day, std::string* out);

std::string IsoDate(std::int64_t days);
std::string UsDate(std::int64_t days);
std::string IsoDateTime(std::int64_t days, int seconds_of_day);

}  // namespace gw::synth
