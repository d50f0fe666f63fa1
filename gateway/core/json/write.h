// Write(): gw::json::Value → JSON text. Numbers are written as their exact text, strings are
// escaped per RFC 8259 (control characters as \uXXXX or short escapes, '/' not escaped,
// non-ASCII UTF-8 passed through). Objects keep member order.
// Recursion depth equals the tree's depth, which Parse() bounds by ParseLimits::max_depth.
// Thread safety: reentrant.
#pragma once

#include <string>

#include "gateway/core/json/value.h"

namespace gw::json {

struct WriteOptions {
  bool pretty = false;  // two-space indentation
};

std::string Write(const Value& value, const WriteOptions& options = {});
// Write() appending to `out` (kept as is before the text): a caller writing many values reuses
// one buffer instead of allocating a string per value.
void AppendJson(const Value& value, std::string* out, const WriteOptions& options = {});
void AppendEscapedString(std::string_view s, std::string* out);  // with the quotes

}  // namespace gw::json
