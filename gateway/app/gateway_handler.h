// GatewayHandler: the HTTP handler of the gateway — the SMART configuration and token endpoint,
// then, for FHIR routes, the caller's identity (a bearer token, or on a listener that verified a
// client certificate, the partner it names), then the FHIR API with the caller's access.
// Then the rate limit per client (429 with Retry-After), the client's member access (attribution,
// opt-out), and an AuditEvent stored (group commit) before the answer leaves — for every FHIR
// request but /metadata, denials included; an answer whose audit cannot be stored becomes 503.
// Every failure is an OperationOutcome (token endpoint: RFC 6749 errors); exceptions never
// escape; nothing identifying a member is logged.
// Thread safety: Handle() may run concurrently; the runtime must outlive the handler.
#pragma once

#include "gateway/app/client_access.h"
#include "gateway/app/gateway_runtime.h"
#include "gateway/core/rest/rest_exchange.h"
#include "gateway/ports/http_handler.h"

namespace gw::app {

class GatewayHandler final : public ports::HttpHandler {
 public:
  explicit GatewayHandler(GatewayRuntime& runtime) : rt_(runtime) {}
  ports::HttpResponse Handle(const ports::HttpRequest& request) override;

 private:
  ports::HttpResponse HandleChecked(const ports::HttpRequest& request);
  ports::HttpResponse SmartConfiguration() const;
  ports::HttpResponse Token(const ports::HttpRequest& request);
  bool Audit(const ports::HttpRequest& request, const rest::RestRequest& rr, int status,
             const std::string& client_id, const ClientAccess* access);
  ports::HttpResponse AuditFailed(const std::string& route) const;

  GatewayRuntime& rt_;
};

}  // namespace gw::app
