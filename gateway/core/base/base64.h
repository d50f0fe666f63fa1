// Base64 (RFC 4648 section 4) and base64url (section 5) encoding and strict decoding.
//
// Base64UrlDecode accepts only the URL alphabet, no padding and no whitespace (the form JOSE
// uses, RFC 7515 section 2); trailing bits that are not zero are rejected so that every text
// has one decoding. Returns nullopt on any other input.
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gw {

std::string Base64UrlEncode(std::string_view bytes);
std::optional<std::string> Base64UrlDecode(std::string_view text);

}  // namespace gw
