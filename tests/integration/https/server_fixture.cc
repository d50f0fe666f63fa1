#include "tests/integration/https/server_fixture.h"

#include <openssl/ssl.h>
#include <stdlib.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <thread>

namespace gw::testing {
namespace {

std::string g_cert_dir;

struct CertFixture {
  CertFixture() {
    char tmpl[] = "/tmp/gw-https-test-XXXXXX";
    if (mkdtemp(tmpl) == nullptr) throw std::runtime_error("mkdtemp failed");
    g_cert_dir = tmpl;
    std::string cmd =
        "bash " GW_SOURCE_DIR "/certs/make-dev-certs.sh " + g_cert_dir + " >/dev/null";
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("make-dev-certs.sh failed");
  }
  ~CertFixture() {
    std::error_code ignored;
    std::filesystem::remove_all(g_cert_dir, ignored);
  }
};

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(CertFixture);

const std::string& CertDir() { return g_cert_dir; }

ports::HttpResponse RecordingHandler::Handle(const ports::HttpRequest& request) {
  ++in_flight;
  int n = ++calls;
  {
    std::lock_guard<std::mutex> lock(mu_);
    last_ = request;
  }
  if (delay.count() > 0) std::this_thread::sleep_for(delay);
  --in_flight;
  if (request.target == "/throw") throw std::runtime_error("secret-internal-detail");
  ports::HttpResponse res;
  res.headers.push_back({"Content-Type", "application/fhir+json"});
  res.body = R"({"resourceType":"Basic","id":")" + std::to_string(n) + "\"}";
  res.route = "GET /test";
  return res;
}

ports::HttpRequest RecordingHandler::Last() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_;
}

config::ServerConfig TwoListenerConfig() {
  config::ServerConfig c;
  c.threads = 2;
  c.data_dir = CertDir();
  c.shutdown_grace_ms = 5000;
  config::ListenerConfig pub;
  pub.name = "public";
  pub.tls.cert_file = CertFile("server.crt");
  pub.tls.key_file = CertFile("server.key");
  config::ListenerConfig partner = pub;
  partner.name = "partner";
  partner.tls.ca_file = CertFile("ca.crt");
  partner.tls.client_certificates = config::ClientCertMode::kRequired;
  c.listeners = {pub, partner};
  return c;
}

RunningServer::RunningServer(config::ServerConfig config, std::chrono::milliseconds delay) {
  handler.delay = delay;
  auto created = shell::http::HttpsServer::Create(
      config, handler, [this](const shell::http::AccessLogEntry& e) {
        std::lock_guard<std::mutex> lock(log_mu);
        log.push_back(std::string(e.listener) + " " + std::string(e.method) + " " +
                      std::string(e.route) + " " + std::to_string(e.status));
      });
  if (!created.ok()) throw std::runtime_error(created.status().ToString());
  server = std::move(created).value();
  public_port = server->port("public");
  partner_port = server->port("partner");
  server->Start();
}

RunningServer::~RunningServer() { server->Shutdown(); }

ClientTls PublicClientTls() {
  ClientTls tls;
  tls.ca_file = CertFile("ca.crt");
  return tls;
}

ClientTls PartnerClientTls(std::string_view name) {
  ClientTls tls = PublicClientTls();
  if (!name.empty()) {
    tls.cert_file = CertFile(std::string(name) + ".crt");
    tls.key_file = CertFile(std::string(name) + ".key");
  }
  return tls;
}

}  // namespace gw::testing
