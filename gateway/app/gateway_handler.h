// GatewayHandler: the HTTP handler of the gateway — the SMART configuration and token endpoint,
// then, for FHIR routes, the caller's identity (a bearer token, or on a listener that verified a
// client certificate, the partner it names), then the FHIR API with the caller's access.
// Every failure is an OperationOutcome (token endpoint: RFC 6749 errors); exceptions never
// escape; nothing identifying a member is logged.
// Thread safety: Handle() may run concurrently; the runtime must outlive the handler.
#pragma once

#include "gateway/app/gateway_runtime.h"
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

  GatewayRuntime& rt_;
};

}  // namespace gw::app
