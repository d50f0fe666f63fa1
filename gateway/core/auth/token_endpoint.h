// The SMART Backend Services token endpoint (POST, application/x-www-form-urlencoded):
//   grant_type=client_credentials
//   client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer
//   client_assertion=<signed JWT, client_assertion.h>   scope=<system/... scopes>
// On success: 200 {"access_token","token_type":"bearer","expires_in","scope"} with the scopes
// that are both requested and registered for the client (none → invalid_scope); access tokens
// live kAccessTokenLifetimeMs; no refresh token is ever issued.
// On failure: 400 (401 for invalid_client) {"error","error_description"} (RFC 6749 5.2).
// Responses must be sent with Cache-Control: no-store.
// Thread safety: reentrant given thread-safe ports.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "gateway/core/auth/client_assertion.h"
#include "gateway/ports/access_tokens.h"

namespace gw::auth {

inline constexpr std::int64_t kAccessTokenLifetimeMs = 300 * 1000;

struct TokenResponse {
  int status = 200;
  std::string body;       // JSON
  std::string client_id;  // the authenticated client, when there is one (for the audit)
};

TokenResponse HandleTokenRequest(std::string_view content_type, std::string_view body,
                                 const AssertionContext& ctx, ports::AccessTokenStore& tokens,
                                 bool (*resource_type_known)(std::string_view) = nullptr);

}  // namespace gw::auth
