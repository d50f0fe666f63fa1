// Lexical checks of FHIR R4 primitive values, hand-written (no std::regex) and equivalent to
// the regular expressions the R4 StructureDefinitions declare for each primitive's value
// (e.g. date: ([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|
// [1-2][0-9]|3[0-1]))?)?), plus the range rules the spec states in prose (integer is a signed
// 32-bit value, positiveInt >= 1, unsignedInt >= 0, a day must exist in its month).
//
// CheckPrimitive() checks one JSON value against a primitive type name: the JSON kind first
// (boolean → true/false, integer/decimal/positiveInt/unsignedInt → number, others → string),
// then the lexical form. It returns kOk or the first problem found.
// Thread safety: pure functions.
#pragma once

#include <string_view>

#include "gateway/core/json/value.h"

namespace gw::validation {

enum class PrimitiveProblem {
  kOk,
  kWrongJsonKind,  // e.g. a string where a boolean is expected
  kEmpty,          // "" (FHIR forbids empty strings)
  kBadFormat,      // fails the type's lexical rule
  kOutOfRange,     // integer outside its range
  kBadWhitespace,  // leading/trailing whitespace in a type that forbids it (code, id, ...)
  kTooLong,        // a string longer than kMaxStringBytes
};

// FHIR limits primitive strings to 1 MB.
inline constexpr std::size_t kMaxStringBytes = 1024 * 1024;

// Known primitive type names ("boolean", "dateTime", ...). Types the function does not know
// are accepted when their JSON kind is a string (profiles may name System types).
PrimitiveProblem CheckPrimitive(std::string_view type, const json::Value& value);

// The lexical checkers, usable alone. `s` is the exact JSON string (or number text).
bool IsValidDate(std::string_view s);
bool IsValidDateTime(std::string_view s);
bool IsValidInstant(std::string_view s);
bool IsValidTime(std::string_view s);
bool IsValidDecimal(std::string_view s);
bool IsValidInteger(std::string_view s);  // lexical form only
bool IsValidId(std::string_view s);
bool IsValidCode(std::string_view s);
bool IsValidOid(std::string_view s);
bool IsValidUuid(std::string_view s);
bool IsValidBase64(std::string_view s);
bool IsValidUri(std::string_view s);  // \S*

// The JSON kind the primitive uses: kBool, kNumber or kString.
json::Kind JsonKindOfPrimitive(std::string_view type);

}  // namespace gw::validation
