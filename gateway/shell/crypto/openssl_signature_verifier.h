// OpenSslSignatureVerifier: ports::SignatureVerifier on OpenSSL 3.
// Supports RS384 (RSA keys of at least 2048 bits, RSASSA-PKCS1-v1_5 with SHA-384) and ES384
// (EC P-384, JWS raw r||s signatures of 96 bytes). Keys are public JWKs (n/e, crv/x/y); a JWK
// holding private parts ("d") is refused. Thread safety: stateless; safe from any thread.
#pragma once

#include "gateway/ports/signature_verifier.h"

namespace gw::shell {

class OpenSslSignatureVerifier final : public ports::SignatureVerifier {
 public:
  bool Verify(const json::Value& jwk, std::string_view alg, std::string_view signing_input,
              std::string_view signature) const override;
};

}  // namespace gw::shell
