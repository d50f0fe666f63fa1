// SignatureVerifier: the port that checks a JWS signature with a public JWK (RFC 7517/7518).
// The core chooses the key and the algorithm; the shell does the cryptography (OpenSSL).
// Contract: true only when `signature` (JWS form: RSASSA-PKCS1-v1_5 bytes for RS384, the raw
// 96-byte r||s for ES384) is valid for `signing_input` under `jwk` with `alg`. Any malformed
// key, unsupported algorithm or mismatch between key type and algorithm gives false.
// Thread safety: implementations must be safe to call from any thread.
#pragma once

#include <string_view>

#include "gateway/core/json/value.h"

namespace gw::ports {

class SignatureVerifier {
 public:
  virtual ~SignatureVerifier() = default;
  virtual bool Verify(const json::Value& jwk, std::string_view alg, std::string_view signing_input,
                      std::string_view signature) const = 0;
};

}  // namespace gw::ports
