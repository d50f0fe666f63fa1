#include "gateway/core/auth/token_endpoint.h"

#include <vector>

#include "gateway/core/auth/form.h"
#include "gateway/core/json/write.h"

namespace gw::auth {
namespace {

constexpr std::string_view kJwtBearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

TokenResponse Error(std::string error, std::string description) {
  TokenResponse r;
  r.status = error == "invalid_client" ? 401 : 400;
  std::vector<json::Member> m;
  m.push_back({"error", json::Value::String(std::move(error))});
  m.push_back({"error_description", json::Value::String(std::move(description))});
  r.body = json::Write(json::Value::Object(std::move(m)));
  return r;
}

std::string_view Field(const Form& form, std::string_view name) {
  auto it = form.find(name);
  return it == form.end() ? std::string_view() : std::string_view(it->second);
}

bool IsFormContentType(std::string_view ct) {
  std::string_view type = ct.substr(0, ct.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  std::string lower(type);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return lower == "application/x-www-form-urlencoded";
}

}  // namespace

TokenResponse HandleTokenRequest(std::string_view content_type, std::string_view body,
                                 const AssertionContext& ctx, ports::AccessTokenStore& tokens,
                                 bool (*resource_type_known)(std::string_view)) {
  if (!IsFormContentType(content_type)) {
    return Error("invalid_request", "content type must be application/x-www-form-urlencoded");
  }
  auto form = ParseForm(body);
  if (!form.ok()) return Error("invalid_request", form.status().message());
  if (Field(*form, "grant_type") != "client_credentials") {
    return Error("unsupported_grant_type", "grant_type must be client_credentials");
  }
  if (Field(*form, "client_assertion_type") != kJwtBearer) {
    return Error("invalid_request", "client_assertion_type must be jwt-bearer");
  }
  if (Field(*form, "client_assertion").empty()) {
    return Error("invalid_request", "client_assertion is required");
  }
  auto requested = ParseScopes(Field(*form, "scope"), resource_type_known);
  if (!requested.ok()) return Error("invalid_scope", requested.status().message());
  AuthError error;
  const RegisteredClient* client =
      CheckClientAssertion(Field(*form, "client_assertion"), ctx, &error);
  if (client == nullptr) return Error(error.error, error.description);
  std::string_view client_id_param = Field(*form, "client_id");
  if (!client_id_param.empty() && client_id_param != client->client_id) {
    return Error("invalid_client", "client_id does not match the assertion");
  }
  ScopeSet granted = client->allowed.Grant(requested->scopes);
  if (granted.empty()) {
    TokenResponse r = Error("invalid_scope", "none of the requested scopes can be granted");
    r.client_id = client->client_id;
    return r;
  }
  ports::AccessGrant grant{client->client_id, granted.ToString(),
                           ctx.now_ms + kAccessTokenLifetimeMs};
  std::string token = tokens.Issue(grant, ctx.now_ms);
  if (token.empty()) return Error("temporarily_unavailable", "no access token can be issued now");
  std::vector<json::Member> m;
  m.push_back({"access_token", json::Value::String(std::move(token))});
  m.push_back({"token_type", json::Value::String("bearer")});
  m.push_back({"expires_in", json::Value::Number(std::to_string(kAccessTokenLifetimeMs / 1000))});
  m.push_back({"scope", json::Value::String(grant.scope)});
  TokenResponse r;
  r.body = json::Write(json::Value::Object(std::move(m)));
  r.client_id = client->client_id;
  return r;
}

}  // namespace gw::auth
