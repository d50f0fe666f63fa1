// Parse(): untrusted bytes → gw::json::Value, under FHIR JSON rules and hard limits.
//
// Rules enforced: RFC 8259 grammar, valid UTF-8 (no NUL bytes anywhere), no duplicate keys in an
// object (FHIR JSON forbids them); a leading UTF-8 byte order mark is skipped. Limits (all configurable, all checked while reading, never
// after): total bytes, nesting depth, string length (bytes, after unescaping), array length,
// object member count, and node count. The reader is iterative: no input can drive recursion.
// Errors: Status kInvalidArgument (malformed or forbidden JSON) or kResourceExhausted (a limit),
// with a message "CODE at POINTER (line L, column C): reason"; the same facts are in ParseError.
// Thread safety: reentrant; no shared state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "gateway/core/base/status.h"
#include "gateway/core/json/value.h"

namespace gw::json {

struct ParseLimits {
  std::size_t max_bytes = 64u << 20;         // whole document
  std::size_t max_depth = 64;                // nested arrays/objects
  std::size_t max_string_length = 16u << 20; // one string or key, in bytes
  std::size_t max_array_length = 1'000'000;  // items in one array
  std::size_t max_object_members = 100'000; // members in one object
  std::size_t max_nodes = 10'000'000;        // values in the document
};

struct ParseError {
  // Stable codes: json-syntax, json-encoding, json-duplicate-key, json-too-large,
  // json-too-deep, json-string-too-long, json-array-too-long, json-object-too-large,
  // json-too-many-nodes.
  std::string code;
  std::string pointer;  // RFC 6901 JSON pointer of the value being read ("" = root)
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string reason;
};

Result<Value> Parse(std::string_view text, const ParseLimits& limits = {},
                    ParseError* error = nullptr);

}  // namespace gw::json
