// ParseJwt(): a compact JWS (RFC 7515) as sent in a SMART client assertion, split and decoded but
// NOT verified: the signature is checked by ports::SignatureVerifier (client_assertion.h).
//
// Accepts exactly three base64url segments (no padding), at most kMaxJwtBytes in all; the header
// and the payload must be JSON objects (parsed with small limits: depth 8, 64 KiB). Errors:
// kInvalidArgument with a one-line reason that never echoes the token.
// Thread safety: pure function.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "gateway/core/base/status.h"
#include "gateway/core/json/value.h"

namespace gw::auth {

inline constexpr std::size_t kMaxJwtBytes = 16 * 1024;

struct Jwt {
  json::Value header;         // {"alg":"RS384","kid":"...","typ":"JWT"}
  json::Value payload;        // the claims
  std::string signing_input;  // "<header b64>.<payload b64>", the bytes that were signed
  std::string signature;      // raw signature bytes
};

Result<Jwt> ParseJwt(std::string_view compact);

}  // namespace gw::auth
