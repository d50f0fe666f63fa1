// Es384JwtSigner: an EC P-384 private key held as a JWK (RFC 7517/7518) that signs compact JWS
// tokens with ES384 (RFC 7515; the signature is the raw r||s pair, 96 bytes, not DER).
// SignClientAssertion(): a SMART Backend Services client assertion (RFC 7523) signed that way,
// for development clients and tests that need access tokens from the gateway.
//
// Private JWK shape: {"kty":"EC","crv":"P-384","x","y","d","kid"[, "alg":"ES384"][, "use":"sig"]}
// with x, y and d base64url (no padding) of exactly 48 bytes each.
// Errors (Status kInvalidArgument unless said otherwise; messages never contain key material):
//   FromJwk: not an object, kty/crv/alg/use wrong, x/y/d missing or malformed, kid missing or
//            empty, the point not on the curve, or d not the private key of (x, y);
//   Generate: kInternal when OpenSSL cannot make a key;
//   Sign: kInternal when OpenSSL fails;
//   SignClientAssertion: as FromJwk, plus kNotFound/kIo for an unreadable file (message names
//            the file), kInvalidArgument for JSON that does not parse or empty ids/URL, exp <= iat.
// Thread safety: a signer is immutable; Sign() may be called from any number of threads at once.
// Copies share the key (reference counted), so a copy may outlive the original.
#pragma once

#include <openssl/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "gateway/core/base/status.h"
#include "gateway/core/json/value.h"

namespace gw::shell {

class Es384JwtSigner {
 public:
  // A fresh key; its kid is the RFC 7638 JWK thumbprint (SHA-256, base64url).
  static Result<Es384JwtSigner> Generate();
  // Checks the JWK as described above (including that d matches x and y).
  static Result<Es384JwtSigner> FromJwk(const json::Value& private_jwk);

  const std::string& kid() const { return kid_; }
  // {"kty","crv","x","y","kid","alg":"ES384","use":"sig"}: what a server registers.
  json::Value PublicJwk() const;
  // The public members plus "d": what the client keeps secret.
  json::Value PrivateJwk() const;
  // "<header>.<claims>.<signature>", base64url; header {"alg":"ES384","kid":kid,"typ":"JWT"};
  // `claims` is written as given (it should be an object).
  Result<std::string> Sign(const json::Value& claims) const;

 private:
  Es384JwtSigner() = default;
  json::Value Members(bool with_private) const;

  std::shared_ptr<EVP_PKEY> key_;
  std::string kid_;
  std::string x_;  // base64url, 48 bytes decoded
  std::string y_;
  std::string d_;
};

// `jwk_file_or_json`: JSON text of a private JWK when its first non-blank character is '{',
// otherwise the path of a file holding one (at most 64 KiB).
// Claims: {"iss":client_id,"sub":client_id,"aud":token_url,"jti":jti,"iat":iat,"exp":exp};
// iat and exp are seconds since the epoch (the gateway accepts exp at most 5 minutes ahead).
Result<std::string> SignClientAssertion(const std::string& jwk_file_or_json,
                                        std::string_view client_id, std::string_view token_url,
                                        std::string_view jti, std::int64_t iat, std::int64_t exp);

}  // namespace gw::shell
