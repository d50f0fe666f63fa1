// Typed values of Questionnaire and QuestionnaireResponse choice elements (answer[x],
// value[x], initial.value[x], enableWhen.answer[x]) and how two of them compare.
//
// A TypedValue is the JSON node of a "valueCoding"-style member and its type suffix
// ("Coding", "Integer", "Date", ...). Equality and ordering follow the FHIR types:
// numbers exactly in base 10, dates/times with partial precision, Codings by system and code
// (a side without a system matches on the code alone), Quantities by UCUM conversion,
// References by their reference text. Values of types that cannot be compared give nullopt.
// Thread safety: pure functions over immutable trees.
#pragma once

#include <optional>
#include <string_view>

#include "gateway/core/json/value.h"

namespace gw::validation {

struct TypedValue {
  const json::Value* value = nullptr;  // null when absent
  std::string_view type;               // the suffix: "Coding", "String", "Integer", ...
  explicit operator bool() const { return value != nullptr; }
};

// The member of `obj` named `prefix` + an upper-case type ("valueString" for "value").
TypedValue TypedMember(const json::Value& obj, std::string_view prefix);

// True/false when the two values are of comparable types, nullopt otherwise.
std::optional<bool> ValuesEqual(const TypedValue& a, const TypedValue& b);

// <0, 0, >0 for ordered types (numbers, dates/times, strings, Quantities with comparable
// units); nullopt when the values cannot be ordered. Dates of different precision whose
// common part is equal order the more precise one after the less precise one
// ("2022-06-30" > "2022-06").
std::optional<int> CompareValues(const TypedValue& a, const TypedValue& b);

// The FHIR data type name of a suffix: "Coding" → "Coding", "DateTime" → "dateTime",
// "Uri" → "uri".
std::string_view DataTypeOfSuffix(std::string_view suffix);

}  // namespace gw::validation
