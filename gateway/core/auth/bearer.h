// AuthenticateBearer(): the caller of a FHIR request from its Authorization header
// ("Bearer <token>", RFC 6750), looked up in the access-token store.
// Returns the principal, or an error that the edge answers with 401 and
// `WWW-Authenticate: Bearer error="invalid_token"` (or without error= when the header is absent).
// Thread safety: reentrant given a thread-safe store.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "gateway/core/auth/scopes.h"
#include "gateway/core/base/status.h"
#include "gateway/ports/access_tokens.h"

namespace gw::auth {

struct Principal {
  std::string client_id;
  ScopeSet scopes;
};

enum class BearerFailure { kMissing, kInvalid };

struct BearerResult {
  bool ok = false;
  Principal principal;
  BearerFailure failure = BearerFailure::kMissing;
};

BearerResult AuthenticateBearer(std::string_view authorization,
                                const ports::AccessTokenStore& tokens, std::int64_t now_ms);

}  // namespace gw::auth
