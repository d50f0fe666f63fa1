// HttpsServer: the gateway's HTTP/1.1-over-TLS server (Boost.Beast), in front of an HttpHandler.
//
// One io_context per thread (config.threads, 0 = one per core); each listener has its own
// acceptor and TLS context (TlsPolicy::Intermediate of its settings); accepted connections are
// spread round-robin over the threads and stay on theirs. Per connection: TLS handshake within
// handshake_timeout_ms; keep-alive requests, each read within request_timeout_ms of its first
// byte (else 408); idle keep-alive connections closed after idle_timeout_ms; header over
// max_header_bytes → 431; a declared Content-Length over max_body_bytes → 413 before any of the
// body is read (chunked bodies are cut at the limit, also 413); malformed HTTP → 400. Transport
// errors carry an OperationOutcome body and close the connection. Connections over
// max_connections are closed on accept.
//
// Lifecycle: Create() binds every listener (port 0 picks a free port, see port()), Start() runs
// the threads, Shutdown() stops accepting, closes idle connections, lets requests in flight
// finish and their responses be written within shutdown_grace_ms, then closes the rest and
// joins the threads. The destructor shuts down if needed.
// Thread safety: port() and Shutdown() may be called from any thread; Start() once.
// The handler and the access log must outlive the server and be thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "gateway/core/base/status.h"
#include "gateway/core/config/server_config.h"
#include "gateway/ports/http_handler.h"

namespace gw::shell::http {

// One line of the access log. Deliberately without the target, headers or body (PHI).
struct AccessLogEntry {
  std::string_view listener;
  std::string_view method;  // "-" when the request could not be parsed
  std::string_view route;   // the handler's route template, or "transport" for transport errors
  int status = 0;
  std::chrono::microseconds duration{0};  // first byte of the request → response written
};

using AccessLog = std::function<void(const AccessLogEntry&)>;

class HttpsServer {
 public:
  // Errors: kInvalidArgument for a bad address or TLS file (naming listeners[i]...), kIo when a
  // port cannot be bound.
  static Result<std::unique_ptr<HttpsServer>> Create(const config::ServerConfig& config,
                                                     ports::HttpHandler& handler,
                                                     AccessLog access_log = {});
  ~HttpsServer();
  HttpsServer(const HttpsServer&) = delete;
  HttpsServer& operator=(const HttpsServer&) = delete;

  void Start();
  // The bound port of the named listener (0 if there is none).
  std::uint16_t port(std::string_view listener) const;
  // Idempotent; blocks until every thread has stopped.
  void Shutdown();

 private:
  class Impl;
  explicit HttpsServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gw::shell::http
