// fhir-gateway serve: runs the HTTPS server from a JSON config file until SIGTERM or SIGINT.
// Every route answers 404 with an OperationOutcome until the REST layer is wired in.
#include <signal.h>

#include <chrono>
#include <iostream>
#include <mutex>
#include <string>

#include "gateway/app/commands.h"
#include "gateway/core/config/server_config.h"
#include "gateway/core/json/parse.h"
#include "gateway/ports/http_handler.h"
#include "gateway/shell/fs/file.h"
#include "gateway/shell/http/https_server.h"
#include "gateway/shell/http/outcome_body.h"

namespace gw::app {
namespace {

constexpr char kHelp[] =
    "usage: fhir-gateway serve --config FILE\n\n"
    "Runs the gateway's HTTPS server with the listeners, TLS files and limits of FILE (JSON;\n"
    "relative paths in it are relative to FILE's folder). SIGTERM or SIGINT stops accepting,\n"
    "lets requests in flight finish (up to shutdown_grace_ms) and exits.\n"
    "Each request is logged on stderr as: listener method route status milliseconds.\n\n"
    "Exit codes: 0 stopped by a signal, 2 usage, configuration or start-up error.\n";

class NotFoundHandler : public ports::HttpHandler {
 public:
  ports::HttpResponse Handle(const ports::HttpRequest&) override {
    ports::HttpResponse r;
    r.status = 404;
    r.headers.push_back({"Content-Type", std::string(shell::http::kFhirJson)});
    r.body = shell::http::OutcomeBody("not-found", "No resource or operation at this address.");
    r.route = "not-found";
    return r;
  }
};

std::string FolderOf(const std::string& path) {
  auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

int Fail(const std::string& message) {
  std::cerr << "fhir-gateway serve: " << message << "\n";
  return 2;
}

}  // namespace

int RunServeCommand(int argc, char** argv) {
  std::string config_file;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--help" || a == "-h") {
      std::cout << kHelp;
      return 0;
    }
    if (a == "--config" && i + 1 < argc) {
      config_file = argv[++i];
      continue;
    }
    return Fail("unexpected argument " + std::string(a) + " (see --help)");
  }
  if (config_file.empty()) return Fail("--config FILE is required (see --help)");

  auto text = shell::ReadFile(config_file, 1u << 20);
  if (!text.ok()) return Fail(text.status().message());
  auto root = json::Parse(*text);
  if (!root.ok()) return Fail(config_file + ": " + root.status().message());
  auto config = config::ServerConfig::FromJson(*root);
  if (!config.ok()) return Fail(config_file + ": " + config.status().message());
  config->ResolvePaths(FolderOf(config_file));

  // Server threads inherit this mask, so the signals reach only sigwait() below.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  std::mutex log_mu;
  NotFoundHandler handler;
  auto server = shell::http::HttpsServer::Create(
      *config, handler, [&log_mu](const shell::http::AccessLogEntry& e) {
        std::lock_guard<std::mutex> lock(log_mu);
        std::cerr << e.listener << ' ' << e.method << ' ' << e.route << ' ' << e.status << ' '
                  << std::chrono::duration<double, std::milli>(e.duration).count() << "\n";
      });
  if (!server.ok()) return Fail(config_file + ": " + server.status().message());
  (*server)->Start();
  for (const config::ListenerConfig& l : config->listeners) {
    std::string host = l.address.find(':') == std::string::npos ? l.address : "[" + l.address + "]";
    std::cout << "fhir-gateway: listening: " << l.name << " https://" << host << ':'
              << (*server)->port(l.name) << "/ (client certificates "
              << config::ClientCertModeName(l.tls.client_certificates) << ")\n";
  }
  std::cout.flush();

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  std::cout << "fhir-gateway: stopping (signal " << signal_number << ")\n";
  (*server)->Shutdown();
  std::cout << "fhir-gateway: stopped\n";
  return 0;
}

}  // namespace gw::app
