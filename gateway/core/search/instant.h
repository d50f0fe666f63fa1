// Instants for the search index: FHIR dates, dateTimes and instants as the range of
// milliseconds since 1970-01-01T00:00:00Z they cover, and back to FHIR instant text.
//
// A partial value covers its whole period: "2014" → [2014-01-01T00:00:00.000Z,
// 2014-12-31T23:59:59.999Z]; "2014-05-06T10:30" → that minute. A dateTime without a time zone
// (and every date) is read as UTC.
// Thread safety: pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "gateway/core/fhirpath/temporal.h"

namespace gw::search {

struct InstantRange {
  std::int64_t low_ms = 0;   // first millisecond covered
  std::int64_t high_ms = 0;  // last millisecond covered (inclusive)
  fhirpath::Precision precision = fhirpath::Precision::kMillisecond;  // as written (a date: day
                                                                      // at most)
};

// For Date and DateTime values (not Time): nullopt for a Time.
std::optional<InstantRange> RangeOf(const fhirpath::Temporal& t);
// Parses a FHIR date / dateTime / instant; nullopt when malformed.
std::optional<InstantRange> RangeOfText(std::string_view text);

// "2024-02-03T04:05:06.789Z"; years outside 0001..9999 are clamped.
std::string FormatInstant(std::int64_t epoch_ms);

// Days since 1970-01-01 of a proleptic Gregorian date (month 1..12).
std::int64_t DaysFromCivil(int year, int month, int day);

}  // namespace gw::search
