// GatewayHandler: the HTTP handler of the gateway — the SMART configuration and token endpoint,
// then, for FHIR routes, the caller's identity (a bearer token, or on a listener that verified a
// client certificate, the partner it names), then the FHIR API with the caller's access.
// Then the rate limit per client (429 with Retry-After), the client's member access (attribution,
// opt-out), and an audit record made durable in the audit journal (group commit; indexed into
// AuditEvent resources later, audit_indexer.h) before the answer leaves — for every FHIR request
// but /metadata, denials included; an answer whose audit cannot be stored becomes 503.
// HandleAsync() answers once the journal has the record, without holding a thread meanwhile;
// Handle() waits for it. IsQuick(): reads and vreads by id and /metadata.
// Every failure is an OperationOutcome (token endpoint: RFC 6749 errors); exceptions never
// escape; nothing identifying a member is logged.
// Thread safety: Handle() may run concurrently; the runtime must outlive the handler.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "gateway/app/client_access.h"
#include "gateway/core/audit/audit_event.h"
#include "gateway/app/gateway_runtime.h"
#include "gateway/core/rest/rest_exchange.h"
#include "gateway/ports/http_handler.h"

namespace gw::app {

class GatewayHandler final : public ports::HttpHandler {
 public:
  explicit GatewayHandler(GatewayRuntime& runtime) : rt_(runtime) {}
  ports::HttpResponse Handle(const ports::HttpRequest& request) override;
  void HandleAsync(const ports::HttpRequest& request, ports::HttpCompletion done) override;
  bool IsQuick(const ports::HttpRequest& request) const override;

 private:
  // A response and the audit record that must be durable before it leaves (none for the token
  // endpoint, the SMART configuration and /metadata).
  struct Answer {
    Answer() = default;
    Answer(ports::HttpResponse r, std::optional<audit::AuditRecord> a = std::nullopt)  // NOLINT
        : response(std::move(r)), audit(std::move(a)) {}
    ports::HttpResponse response;
    std::optional<audit::AuditRecord> audit;
  };
  Answer HandleChecked(const ports::HttpRequest& request);
  ports::HttpResponse SmartConfiguration() const;
  ports::HttpResponse Token(const ports::HttpRequest& request);
  audit::AuditRecord AuditOf(const ports::HttpRequest& request, const rest::RestRequest& rr,
                             int status, const std::string& client_id,
                             const ClientAccess* access) const;
  static ports::HttpResponse AuditFailed(const std::string& route);

  GatewayRuntime& rt_;
};

}  // namespace gw::app
