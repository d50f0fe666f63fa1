#include "gateway/app/gateway_handler.h"

#include <future>
#include <optional>
#include <string>
#include <utility>

#include "gateway/app/client_access.h"
#include "gateway/core/auth/bearer.h"
#include "gateway/core/auth/token_endpoint.h"
#include "gateway/core/json/write.h"
#include "gateway/core/audit/audit_event.h"
#include "gateway/core/audit/audit_record_codec.h"
#include "gateway/core/auth/interaction.h"
#include "gateway/core/rest/rest_error.h"
#include "gateway/core/search/instant.h"

namespace gw::app {
namespace {

ports::HttpResponse FromRest(rest::RestResponse r, std::string route) {
  ports::HttpResponse h;
  h.status = r.status;
  if (!r.content_type.empty()) h.headers.push_back({"Content-Type", r.content_type});
  for (auto& [name, value] : r.headers) h.headers.push_back({std::move(name), std::move(value)});
  h.body = std::move(r.body);
  h.route = std::move(route);
  return h;
}

ports::HttpResponse Outcome(rest::RestError e, std::string_view text, std::string route) {
  ports::HttpResponse h;
  h.status = rest::HttpStatus(e);
  h.headers.push_back({"Content-Type", "application/fhir+json"});
  h.body = json::Write(rest::MakeOutcome(e, text));
  h.route = std::move(route);
  return h;
}

std::string Header(const ports::HttpRequest& r, std::string_view name) {
  const std::string* v = r.FindHeader(name);
  return v == nullptr ? std::string() : *v;
}

std::string_view PathOf(std::string_view target) {
  return target.substr(0, target.find('?'));
}

bool KnownType(std::string_view) { return true; }

struct Audited {
  auth::Interaction interaction = auth::Interaction::kRead;
  std::optional<auth::InteractionLevel> level;
};

Audited InteractionOf(const rest::RestRequest& r) {
  using auth::Interaction;
  using auth::InteractionLevel;
  const std::string& m = r.method;
  switch (r.target.kind) {
    case rest::RouteKind::kInstance:
      return {m == "PUT" ? Interaction::kUpdate : m == "DELETE" ? Interaction::kDelete
                                                                : Interaction::kRead, {}};
    case rest::RouteKind::kVersion: return {Interaction::kVRead, {}};
    case rest::RouteKind::kType:
      if (m == "POST") return {Interaction::kCreate, {}};
      return {Interaction::kSearch, InteractionLevel::kType};
    case rest::RouteKind::kTypeSearch: return {Interaction::kSearch, InteractionLevel::kType};
    case rest::RouteKind::kHistorySystem: return {Interaction::kHistory, InteractionLevel::kSystem};
    case rest::RouteKind::kHistoryType: return {Interaction::kHistory, InteractionLevel::kType};
    case rest::RouteKind::kHistoryInstance:
      return {Interaction::kHistory, InteractionLevel::kInstance};
    case rest::RouteKind::kCapabilities: return {Interaction::kCapabilities, {}};
    default: return {Interaction::kOperation, {}};
  }
}

std::string QueryOf(std::string_view target) {
  std::size_t q = target.find('?');
  return q == std::string_view::npos ? std::string() : std::string(target.substr(q + 1));
}

}  // namespace

// The audit record of one FHIR request.
audit::AuditRecord GatewayHandler::AuditOf(const ports::HttpRequest& request,
                                           const rest::RestRequest& rr, int status,
                                           const std::string& client_id,
                                           const ClientAccess* access) const {
  audit::AuditRecord a;
  Audited what = InteractionOf(rr);
  a.interaction = what.interaction;
  a.level = what.level;
  a.recorded = search::FormatInstant(rt_.clock->NowMillis());
  a.http_status = status;
  a.client_id = client_id;
  a.server_url = rr.base_url;
  a.resource_type = rr.target.resource_type;
  a.resource_id = rr.target.id;
  if (rr.target.kind == rest::RouteKind::kVersion) a.version_id = std::to_string(rr.target.version);
  if (access != nullptr) a.patient_ids.assign(access->patients().begin(), access->patients().end());
  if (rr.target.resource_type == "Patient" && !rr.target.id.empty() && a.patient_ids.empty()) {
    a.patient_ids.push_back(rr.target.id);
  }
  a.query = QueryOf(request.target);
  const std::string* correlation = request.FindHeader("X-Request-Id");
  if (correlation != nullptr && correlation->size() <= 200) a.correlation_id = *correlation;
  return a;
}

ports::HttpResponse GatewayHandler::Handle(const ports::HttpRequest& request) {
  std::promise<ports::HttpResponse> promise;
  std::future<ports::HttpResponse> response = promise.get_future();
  HandleAsync(request, [&promise](ports::HttpResponse r) { promise.set_value(std::move(r)); });
  return response.get();
}

void GatewayHandler::HandleAsync(const ports::HttpRequest& request, ports::HttpCompletion done) {
  Answer answer;
  try {
    answer = HandleChecked(request);
  } catch (...) {
    return done(Outcome(rest::RestError::kInternal, "The request could not be processed.", "error"));
  }
  if (!answer.audit || rt_.audit_journal == nullptr) return done(std::move(answer.response));
  rt_.audit_journal->Append(
      audit::EncodeAuditRecord(*answer.audit),
      [done = std::move(done), response = std::move(answer.response)](Status stored) mutable {
        if (stored.ok()) return done(std::move(response));
        done(AuditFailed(response.route));
      });
}

bool GatewayHandler::IsQuick(const ports::HttpRequest& request) const {
  if (request.method != "GET") return false;
  std::string_view path = PathOf(request.target);
  if (path == "/metadata") return true;
  // /[type]/[id] or /[type]/[id]/_history/[vid]: one row by key.
  if (path.size() < 4 || path[0] != '/' || path[1] < 'A' || path[1] > 'Z') return false;
  if (path.back() == '/') return false;
  int slashes = 0;
  for (char c : path) slashes += c == '/';
  return slashes == 2 || (slashes == 4 && path.find("/_history/") != std::string_view::npos);
}

ports::HttpResponse GatewayHandler::SmartConfiguration() const {
  json::Value v = json::Value::Object(
      {{"token_endpoint", json::Value::String(rt_.token_url)},
       {"grant_types_supported", json::Value::Array({json::Value::String("client_credentials")})},
       {"token_endpoint_auth_methods_supported",
        json::Value::Array({json::Value::String("private_key_jwt")})},
       {"token_endpoint_auth_signing_alg_values_supported",
        json::Value::Array({json::Value::String("RS384"), json::Value::String("ES384")})},
       {"scopes_supported", json::Value::Array({json::Value::String("system/*.read"),
                                                json::Value::String("system/*.rs"),
                                                json::Value::String("system/*.cruds")})},
       {"capabilities", json::Value::Array({json::Value::String("client-confidential-asymmetric"),
                                            json::Value::String("permission-v1"),
                                            json::Value::String("permission-v2")})}});
  ports::HttpResponse h;
  h.headers.push_back({"Content-Type", "application/json"});
  h.body = json::Write(v);
  h.route = "GET /.well-known/smart-configuration";
  return h;
}

ports::HttpResponse GatewayHandler::Token(const ports::HttpRequest& request) {
  auth::AssertionContext ctx{rt_.clients, *rt_.verifier, *rt_.replay, rt_.token_url,
                             rt_.clock->NowMillis()};
  auth::TokenResponse t = auth::HandleTokenRequest(Header(request, "Content-Type"), request.body,
                                                   ctx, *rt_.tokens, &KnownType);
  ports::HttpResponse h;
  h.status = t.status;
  h.headers.push_back({"Content-Type", "application/json"});
  h.headers.push_back({"Cache-Control", "no-store"});
  h.headers.push_back({"Pragma", "no-cache"});
  h.body = std::move(t.body);
  h.route = "POST " + std::string(kTokenPath);
  return h;
}

GatewayHandler::Answer GatewayHandler::HandleChecked(const ports::HttpRequest& request) {
  std::string_view path = PathOf(request.target);
  if (path == kTokenPath) {
    if (request.method != "POST") {
      return Outcome(rest::RestError::kMethodNotAllowed, "The token endpoint takes POST.",
                     std::string(kTokenPath));
    }
    return Token(request);
  }
  auto target = rest::ParseRequestTarget(request.target);
  if (!target.ok()) {
    bool too_big = target.status().code() == StatusCode::kResourceExhausted;
    return Outcome(too_big ? rest::RestError::kPayloadTooLarge : rest::RestError::kBadRequest,
                   "The request target is malformed or too large.", "bad-target");
  }
  rest::RestRequest rr;
  rr.method = request.method;
  rr.target = std::move(target).value();
  std::string route = rest::FhirApi::RouteOf(rr);
  if (rr.target.kind == rest::RouteKind::kSmartConfiguration) {
    if (request.method != "GET") {
      return Outcome(rest::RestError::kMethodNotAllowed, "Use GET.", route);
    }
    return SmartConfiguration();
  }
  auto base = rt_.base_urls.find(request.listener);
  rr.base_url = base == rt_.base_urls.end() ? std::string() : base->second;

  // The caller: a partner by its verified certificate, else a bearer token. /metadata is open.
  if (rr.target.kind == rest::RouteKind::kCapabilities) {
    rest::AllowAllAccess open;
    rr.accept = Header(request, "Accept");
    return FromRest(rt_.api->Handle(rr, open), std::move(route));
  }
  const config::ClientConfig* policy = nullptr;
  std::optional<auth::ScopeSet> scopes;
  if (request.peer) {
    for (const config::ClientConfig& p : rt_.config.access.partners) {
      bool match = p.identity == request.peer->subject_cn;
      for (const std::string& u : request.peer->san_uris) match = match || u == p.identity;
      for (const std::string& d : request.peer->san_dns) match = match || d == p.identity;
      if (!match) continue;
      auto parsed = auth::ParseScopes(p.scopes, &KnownType);
      if (parsed.ok()) {
        scopes = parsed->scopes;
        policy = &p;
      }
      break;
    }
  }
  if (!scopes) {
    auth::BearerResult who = auth::AuthenticateBearer(Header(request, "Authorization"),
                                                      *rt_.tokens, rt_.clock->NowMillis());
    if (!who.ok) {
      ports::HttpResponse h = Outcome(rest::RestError::kUnauthorized,
                                      "A valid bearer access token is required.", route);
      h.headers.push_back({"WWW-Authenticate", who.failure == auth::BearerFailure::kMissing
                                                   ? "Bearer"
                                                   : "Bearer error=\"invalid_token\""});
      return {std::move(h), AuditOf(request, rr, 401, "", nullptr)};
    }
    auto found = rt_.client_policies.find(who.principal.client_id);
    if (found != rt_.client_policies.end()) policy = &found->second;
    scopes = who.principal.scopes;
  }
  if (policy == nullptr) {
    return {Outcome(rest::RestError::kForbidden, "The client is not registered.", route),
            AuditOf(request, rr, 403, "", nullptr)};
  }
  shell::RateLimiter::Decision d = rt_.rate_limiter->Take(policy->client_id, rt_.clock->NowMillis());
  if (!d.allowed) {
    ports::HttpResponse h =
        Outcome(rest::RestError::kTooManyRequests, "Too many requests; retry later.", route);
    h.headers.push_back({"Retry-After", std::to_string(d.retry_after_seconds)});
    return {std::move(h), AuditOf(request, rr, 429, policy->client_id, nullptr)};
  }
  auto members = rt_.member_access->For(*policy);
  if (!members.ok()) {
    return Outcome(rest::RestError::kUnavailable, "Access rules could not be read; retry later.",
                   route);
  }
  ClientAccess access(policy->client_id, *scopes, *members, rt_.compartment.get(),
                      policy->kind == config::ClientKind::kInternal);
  rr.accept = Header(request, "Accept");
  rr.content_type = Header(request, "Content-Type");
  rr.if_match = Header(request, "If-Match");
  rr.if_none_exist = Header(request, "If-None-Exist");
  rr.prefer = Header(request, "Prefer");
  rr.body = request.body;
  rest::RestResponse response = rt_.api->Handle(rr, access);
  audit::AuditRecord record = AuditOf(request, rr, response.status, policy->client_id, &access);
  return {FromRest(std::move(response), std::move(route)), std::move(record)};
}

ports::HttpResponse GatewayHandler::AuditFailed(const std::string& route) {
  return Outcome(rest::RestError::kUnavailable, "The request could not be audited; retry later.",
                 route);
}

}  // namespace gw::app
