// HttpHandler: the port through which the HTTPS server hands a fully read request to the
// application and takes back the response to write. Plain values only: no Beast, no sockets.
//
// The server has already enforced the transport limits (header and body size, timeouts) and,
// on listeners that ask for it, verified the client certificate. It answers transport errors
// (400, 408, 413, 431) itself; everything else is the handler's choice.
// Thread safety: Handle()/HandleAsync() are called concurrently from the server's threads;
// implementations must be thread-safe.
// An exception escaping Handle() becomes a 500 OperationOutcome without details.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::ports {

// What a verified client certificate says about its holder. Present only when the TLS layer
// verified the certificate chain against the listener's CA.
struct PeerIdentity {
  std::string subject_cn;             // subject commonName (UTF-8), may be empty
  std::vector<std::string> san_uris;  // subjectAltName URIs, e.g. urn:fhir-gateway:client:hie-hub
  std::vector<std::string> san_dns;   // subjectAltName DNS names
};

struct HttpHeader {
  std::string name;
  std::string value;
};

inline bool HeaderNameEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

struct HttpRequest {
  std::string method;  // as sent, e.g. "GET"
  std::string target;  // origin-form request target, e.g. "/Patient?name=x" (may hold PHI)
  std::vector<HttpHeader> headers;  // in arrival order; names as sent
  std::string body;
  std::optional<PeerIdentity> peer;  // verified client certificate, if any
  std::string listener;              // the configured listener name, e.g. "partner"

  // First header with this name (case-insensitive), or nullptr.
  const std::string* FindHeader(std::string_view name) const {
    for (const HttpHeader& h : headers) {
      if (HeaderNameEquals(h.name, name)) return &h.value;
    }
    return nullptr;
  }
};

struct HttpResponse {
  int status = 200;
  std::vector<HttpHeader> headers;  // Content-Length, Date and Connection are set by the server
  std::string body;
  // Route template for the access log, e.g. "GET /[type]/[id]"; never the raw target.
  std::string route;
};

// Receives the response of HandleAsync(); called exactly once, from any thread.
using HttpCompletion = std::function<void(HttpResponse)>;

class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  virtual HttpResponse Handle(const HttpRequest& request) = 0;
  // The asynchronous form the server calls: the handler may finish the response later (after a
  // durable write, say) without holding a thread meanwhile. `request` is valid during the call
  // only. Default: done(Handle(request)).
  virtual void HandleAsync(const HttpRequest& request, HttpCompletion done) {
    done(Handle(request));
  }
  // True when HandleAsync() does only short work for this request before it returns (no long
  // store scans, no waiting), so the server may run it on the network thread instead of
  // handing it to a handler thread. Default: false.
  virtual bool IsQuick(const HttpRequest& /*request*/) const { return false; }
};

}  // namespace gw::ports
