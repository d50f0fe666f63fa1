// Shared pieces of the HTTPS server tests: development certificates made once per run by
// certs/make-dev-certs.sh, a recording handler, and a server on loopback with free ports.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/config/server_config.h"
#include "gateway/ports/http_handler.h"
#include "gateway/shell/http/https_server.h"
#include "tests/integration/https/test_client.h"

namespace gw::testing {

// Folder with ca.crt, server.crt, client.crt, client-expired.crt, client-foreign.crt (+ keys).
const std::string& CertDir();
inline std::string CertFile(std::string_view name) { return CertDir() + "/" + std::string(name); }

class RecordingHandler : public ports::HttpHandler {
 public:
  ports::HttpResponse Handle(const ports::HttpRequest& request) override;

  ports::HttpRequest Last() const;
  std::atomic<int> calls{0};
  std::atomic<int> in_flight{0};
  std::chrono::milliseconds delay{0};  // set before the server starts

 private:
  mutable std::mutex mu_;
  ports::HttpRequest last_;
};

// "public" (no client certificate) and "partner" (client certificate required, dev CA), both
// on 127.0.0.1 port 0, two threads.
config::ServerConfig TwoListenerConfig();

struct RunningServer {
  explicit RunningServer(config::ServerConfig config, std::chrono::milliseconds delay = {});
  ~RunningServer();
  RecordingHandler handler;
  std::vector<std::string> log;  // "listener method route status" per access-log entry
  std::mutex log_mu;
  std::unique_ptr<shell::http::HttpsServer> server;
  std::uint16_t public_port = 0;
  std::uint16_t partner_port = 0;
};

ClientTls PublicClientTls();
inline int StatusOf(const std::optional<Reply>& r) { return r ? r->status : -1; }
// `name` is one of "client", "client-expired", "client-foreign"; "" for no certificate.
ClientTls PartnerClientTls(std::string_view name);

}  // namespace gw::testing
