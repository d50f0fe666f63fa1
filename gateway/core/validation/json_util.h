// Small helpers for reading FHIR JSON trees in the validation library.
// Thread safety: pure functions over immutable trees.
#pragma once

#include <string>
#include <string_view>

#include "gateway/core/json/value.h"

namespace gw::validation {

// The string member `key` of `obj`, "" when absent or not a string.
inline std::string_view StringMember(const json::Value* obj, std::string_view key) {
  if (obj == nullptr) return {};
  const json::Value* v = obj->Find(key);
  return v != nullptr && v->is_string() ? v->string_value() : std::string_view{};
}

inline std::string_view StringMember(const json::Value& obj, std::string_view key) {
  return StringMember(&obj, key);
}

// The member of `obj` whose key is `prefix` followed by an upper-case letter ("fixedCode" for
// "fixed"); `suffix` receives the type part ("Code"). nullptr when none.
const json::Value* PrefixedMember(const json::Value& obj, std::string_view prefix,
                                  std::string_view* suffix);

// "Quantity" → "Quantity", "code" → "Code" (first letter upper-cased).
std::string Capitalize(std::string_view s);
// "Code" → "code" for primitive type suffixes, complex type names unchanged ("Quantity").
std::string TypeFromSuffix(std::string_view suffix);

}  // namespace gw::validation
