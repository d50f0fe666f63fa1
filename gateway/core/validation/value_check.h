// Value rules of an ElementDefinition: fixed[x], pattern[x], maxLength, minValue[x]/maxValue[x].
//
// MatchesFixed: exact equality (numbers compared by decimal value, objects member-wise, arrays
// item-wise, order kept). MatchesPattern: every member of the pattern is present in the value
// with a matching value; a pattern array requires, for each pattern item, some matching item of
// the value. Utf8Length counts code points. CompareOrdered compares two values of an ordered
// primitive type (integer, decimal, date, dateTime, instant, time) or Quantity (same code, or
// UCUM codes of commensurable units compared after conversion), returning nullopt when they
// cannot be compared.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/json/value.h"

namespace gw::validation {

bool MatchesFixed(const json::Value& fixed, const json::Value& value);
bool MatchesPattern(const json::Value& pattern, const json::Value& value);
// Where an object `value` departs from an object `fixed` value: the relative steps of the
// members that differ, are missing, or are present but not in `fixed` (".system"); nested
// objects are followed, arrays are compared whole. Element ids ("id") are not compared.
void FixedDepartures(const json::Value& fixed, const json::Value& value,
                     std::vector<std::string>* out);
std::size_t Utf8Length(std::string_view s);
// For a date, dateTime or instant `value` and a limit given as a duration (a Duration or
// Quantity in a UCUM time unit: a, mo, wk, d, h, min, s): compares `value` with `now` minus
// (`minimum`) or plus the duration; <0, 0, >0, nullopt when the limit is no duration, a value
// cannot be read or the comparison is undecided at the values' precisions.
std::optional<int> CompareToDurationBound(const json::Value& value, const json::Value& limit,
                                          std::string_view now, bool minimum);
// <0, 0, >0 for value < limit, equal, greater.
std::optional<int> CompareOrdered(std::string_view type, const json::Value& value,
                                  const json::Value& limit);

}  // namespace gw::validation
