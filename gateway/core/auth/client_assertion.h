// CheckClientAssertion(): the SMART Backend Services checks of a client's signed assertion
// (private_key_jwt, RFC 7523), in this order, each failure an AuthError "invalid_client":
//   1. parses as a compact JWS (jwt.h);
//   2. header: alg is RS384 or ES384 (none, HS*, anything else refused), kid is a string, typ
//      absent or "JWT";
//   3. claims: iss and sub are strings and equal, naming a registered client; aud is the token
//      URL (a string, or an array holding it); exp is a number, after now and at most
//      kMaxAssertionLifetimeMs ahead; jti a non-empty string (at most 256 chars); nbf, when
//      present, not after now (+ kClockSkewMs);
//   4. exactly one key of the client's JWKS has that kid and fits the algorithm (RSA for RS384,
//      EC P-384 for ES384; its own alg/use, when present, agree);
//   5. the signature verifies with that key (ports::SignatureVerifier);
//   6. the jti was not used before (ports::ReplayGuard, remembered until exp).
// A jti is recorded only after the signature verifies, so forged assertions cannot burn jtis.
// Returns the client on success. Messages name the failed rule, never the token.
// Thread safety: reentrant given thread-safe ports.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "gateway/core/auth/client_registry.h"
#include "gateway/core/base/status.h"
#include "gateway/ports/access_tokens.h"
#include "gateway/ports/signature_verifier.h"

namespace gw::auth {

inline constexpr std::int64_t kMaxAssertionLifetimeMs = 5 * 60 * 1000;
inline constexpr std::int64_t kClockSkewMs = 60 * 1000;

// An OAuth 2.0 error (RFC 6749 section 5.2).
struct AuthError {
  std::string error;        // invalid_request, invalid_client, invalid_scope, ...
  std::string description;  // for the client; no secrets, no PHI
};

struct AssertionContext {
  const ClientRegistry& clients;
  const ports::SignatureVerifier& verifier;
  ports::ReplayGuard& replay;
  std::string_view token_url;
  std::int64_t now_ms = 0;
};

// On failure `error` is filled and nullptr returned.
const RegisteredClient* CheckClientAssertion(std::string_view assertion,
                                             const AssertionContext& ctx, AuthError* error);

}  // namespace gw::auth
