// Gunzip(): inflates gzip data (RFC 1952, one or more members) held in memory.
//
// Errors: kInvalidArgument when the bytes are not gzip, are corrupt, or end before the end of the
// compressed stream (truncated); kResourceExhausted when the output would exceed `max_output`
// bytes (checked while inflating, so a small "zip bomb" never allocates more than the cap plus
// one chunk). Bytes after the last member are ignored only when they are all zero (tar padding).
// Thread safety: reentrant.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "gateway/core/base/status.h"

namespace gw::conformance {

Result<std::string> Gunzip(std::string_view gz, std::size_t max_output);

}  // namespace gw::conformance
