// UTF-8 encoding and strict decoding of Unicode code points.
//   AppendUtf8  appends the encoding of one code point (nothing for values above U+10FFFF)
//   DecodeUtf8  the code points of well-formed UTF-8 (no overlong forms, no surrogates, nothing
//               above U+10FFFF); nullopt otherwise
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gw {

void AppendUtf8(char32_t cp, std::string* out);
std::optional<std::u32string> DecodeUtf8(std::string_view s);
// Whether `s` is well-formed UTF-8 by the rules of DecodeUtf8 (no overlong forms, no surrogates,
// nothing above U+10FFFF), without decoding or allocating; ASCII runs take a fast path.
bool IsValidUtf8(std::string_view s);

}  // namespace gw
