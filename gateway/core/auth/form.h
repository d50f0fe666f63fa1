// ParseForm(): an application/x-www-form-urlencoded body (as posted to the token endpoint) into
// name → value, percent-decoded, '+' as space.
// Limits: at most kMaxFormBytes and kMaxFormFields; a repeated name is an error (RFC 6749
// section 3.2: request parameters MUST NOT be included more than once); malformed percent
// escapes are errors. Errors: kInvalidArgument / kResourceExhausted with a one-line reason.
// Thread safety: pure function.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

#include "gateway/core/base/status.h"

namespace gw::auth {

inline constexpr std::size_t kMaxFormBytes = 64 * 1024;
inline constexpr std::size_t kMaxFormFields = 32;

using Form = std::map<std::string, std::string, std::less<>>;

Result<Form> ParseForm(std::string_view body);

}  // namespace gw::auth
