#include "gateway/core/auth/client_assertion.h"

#include <charconv>
#include <cmath>
#include <optional>

#include "gateway/core/auth/jwt.h"

namespace gw::auth {
namespace {

std::string_view Str(const json::Value& obj, std::string_view key) {
  const json::Value* v = obj.Find(key);
  return v != nullptr && v->is_string() ? v->string_value() : std::string_view();
}

bool Has(const json::Value& obj, std::string_view key) { return obj.Find(key) != nullptr; }

// A NumericDate (seconds since the epoch, RFC 7519 section 2) in milliseconds.
std::optional<std::int64_t> Seconds(const json::Value& obj, std::string_view key) {
  const json::Value* v = obj.Find(key);
  if (v == nullptr || !v->is_number()) return std::nullopt;
  std::string_view text = v->number_text();
  double seconds = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(seconds) ||
      seconds < 0 || seconds > 1e11) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(seconds * 1000);
}

bool AudienceMatches(const json::Value& payload, std::string_view token_url) {
  const json::Value* aud = payload.Find("aud");
  if (aud == nullptr) return false;
  if (aud->is_string()) return aud->string_value() == token_url;
  if (!aud->is_array()) return false;
  for (const json::Value& a : aud->items()) {
    if (a.is_string() && a.string_value() == token_url) return true;
  }
  return false;
}

bool KeyFits(const json::Value& key, std::string_view alg) {
  if (!key.is_object()) return false;
  std::string_view kty = Str(key, "kty");
  if (alg == "RS384" && kty != "RSA") return false;
  if (alg == "ES384" && (kty != "EC" || Str(key, "crv") != "P-384")) return false;
  if (Has(key, "alg") && Str(key, "alg") != alg) return false;
  if (Has(key, "use") && Str(key, "use") != "sig") return false;
  return true;
}

const RegisteredClient* Fail(AuthError* error, std::string description) {
  error->error = "invalid_client";
  error->description = std::move(description);
  return nullptr;
}

}  // namespace

const RegisteredClient* CheckClientAssertion(std::string_view assertion,
                                             const AssertionContext& ctx, AuthError* error) {
  auto parsed = ParseJwt(assertion);
  if (!parsed.ok()) return Fail(error, "client_assertion: " + parsed.status().message());
  const Jwt& jwt = parsed.value();
  std::string_view alg = Str(jwt.header, "alg");
  if (alg != "RS384" && alg != "ES384") {
    return Fail(error, "client_assertion: alg must be RS384 or ES384");
  }
  std::string_view kid = Str(jwt.header, "kid");
  if (kid.empty()) return Fail(error, "client_assertion: kid is required");
  if (Has(jwt.header, "typ") && Str(jwt.header, "typ") != "JWT") {
    return Fail(error, "client_assertion: typ must be JWT");
  }
  if (Has(jwt.header, "crit")) return Fail(error, "client_assertion: crit is not supported");
  std::string_view iss = Str(jwt.payload, "iss");
  if (iss.empty() || iss != Str(jwt.payload, "sub")) {
    return Fail(error, "client_assertion: iss and sub must both be the client_id");
  }
  const RegisteredClient* client = ctx.clients.Find(iss);
  if (client == nullptr) return Fail(error, "client_assertion: unknown client");
  if (!AudienceMatches(jwt.payload, ctx.token_url)) {
    return Fail(error, "client_assertion: aud must be the token endpoint URL");
  }
  std::optional<std::int64_t> exp = Seconds(jwt.payload, "exp");
  if (!exp) return Fail(error, "client_assertion: exp is required");
  if (*exp <= ctx.now_ms) return Fail(error, "client_assertion: expired");
  if (*exp > ctx.now_ms + kMaxAssertionLifetimeMs) {
    return Fail(error, "client_assertion: exp is more than five minutes ahead");
  }
  if (Has(jwt.payload, "nbf")) {
    std::optional<std::int64_t> nbf = Seconds(jwt.payload, "nbf");
    if (!nbf || *nbf > ctx.now_ms + kClockSkewMs) {
      return Fail(error, "client_assertion: not valid yet");
    }
  }
  std::string_view jti = Str(jwt.payload, "jti");
  if (jti.empty() || jti.size() > 256) return Fail(error, "client_assertion: jti is required");
  const json::Value* keys = client->jwks.Find("keys");
  const json::Value* key = nullptr;
  int matches = 0;
  if (keys != nullptr && keys->is_array()) {
    for (const json::Value& k : keys->items()) {
      if (k.is_object() && Str(k, "kid") == kid && KeyFits(k, alg)) {
        key = &k;
        ++matches;
      }
    }
  }
  if (matches != 1) {
    return Fail(error, matches == 0 ? "client_assertion: no registered key fits kid and alg"
                                    : "client_assertion: more than one registered key fits kid");
  }
  if (!ctx.verifier.Verify(*key, alg, jwt.signing_input, jwt.signature)) {
    return Fail(error, "client_assertion: signature does not verify");
  }
  std::string replay_key = std::string(iss) + "\n" + std::string(jti);
  if (!ctx.replay.FirstUse(replay_key, *exp, ctx.now_ms)) {
    return Fail(error, "client_assertion: jti was already used");
  }
  return client;
}

}  // namespace gw::auth
