#include "gateway/core/auth/bearer.h"

namespace gw::auth {

BearerResult AuthenticateBearer(std::string_view authorization,
                                const ports::AccessTokenStore& tokens, std::int64_t now_ms) {
  BearerResult r;
  if (authorization.empty()) return r;
  r.failure = BearerFailure::kInvalid;
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size() || authorization.size() > 4096) return r;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    char c = authorization[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != kScheme[i]) return r;
  }
  std::string_view token = authorization.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  if (token.empty()) return r;
  auto grant = tokens.Find(token, now_ms);
  if (!grant) return r;
  auto scopes = ParseScopes(grant->scope);
  if (!scopes.ok()) return r;
  r.ok = true;
  r.principal = Principal{grant->client_id, std::move(scopes->scopes)};
  return r;
}

}  // namespace gw::auth
