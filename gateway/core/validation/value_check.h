// Value rules of an ElementDefinition: fixed[x], pattern[x], maxLength, minValue[x]/maxValue[x].
//
// MatchesFixed: exact equality (numbers compared by decimal value, objects member-wise, arrays
// item-wise, order kept). MatchesPattern: every member of the pattern is present in the value
// with a matching value; a pattern array requires, for each pattern item, some matching item of
// the value. Utf8Length counts code points. CompareOrdered compares two values of an ordered
// primitive type (integer, decimal, date, dateTime, instant, time) or Quantity (same unit/code),
// returning nullopt when they cannot be compared.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "gateway/core/json/value.h"

namespace gw::validation {

bool MatchesFixed(const json::Value& fixed, const json::Value& value);
bool MatchesPattern(const json::Value& pattern, const json::Value& value);
std::size_t Utf8Length(std::string_view s);
// <0, 0, >0 for value < limit, equal, greater.
std::optional<int> CompareOrdered(std::string_view type, const json::Value& value,
                                  const json::Value& limit);

}  // namespace gw::validation
