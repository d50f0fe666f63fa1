// IsValidUtf8: whether bytes are well-formed UTF-8 by the same rules as gw::DecodeUtf8 (no
// overlong forms, no surrogates, nothing above U+10FFFF), without decoding or allocating, with
// a fast path for ASCII runs. The feed readers check every field with it.
// Thread safety: pure function.
#pragma once

#include <string_view>

namespace gw::feeds {

bool IsValidUtf8(std::string_view s);

}  // namespace gw::feeds
