// fhir-gateway serve: runs the HTTPS server from a JSON config file until SIGTERM or SIGINT.
// The FHIR REST API, the SMART token endpoint and the partner port (gateway_handler.h).
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <vector>
#include <optional>
#include <charconv>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "gateway/app/commands.h"
#include "gateway/app/gateway_handler.h"
#include "gateway/app/gateway_runtime.h"
#include "gateway/core/config/server_config.h"
#include "gateway/core/json/parse.h"
#include "gateway/ports/http_handler.h"
#include "gateway/core/json/write.h"
#include "gateway/core/rest/request_access.h"
#include "gateway/shell/dev/dev_environment.h"
#include "gateway/shell/fs/file.h"
#include "gateway/shell/http/https_server.h"
#include "gateway/shell/http/outcome_body.h"
#include "gateway/shell/sys/buffered_line_writer.h"

namespace gw::app {
namespace {

constexpr char kHelp[] =
    "usage: fhir-gateway serve --config FILE [--package TGZ_OR_DIR]... [--load BUNDLE]...\n"
    "                          [--store-postgres CONNINFO]\n"
    "       fhir-gateway serve --dev --data DIR [--port P] [--partner-port Q] [--package ...]\n"
    "                          [--load BUNDLE]...\n\n"
    "Runs the gateway's FHIR server with the listeners, TLS files, limits, clients and packages\n"
    "of FILE (JSON; relative paths in it are relative to FILE's folder).\n"
    "--dev: development mode on loopback: makes (or reuses) a development CA, server and partner\n"
    "certificates and a SMART client key in DIR, an SQLite store DIR/gateway.db, a public port P\n"
    "(default 8443) and a partner port Q requiring client certificates (default 8444; 0 picks\n"
    "free ports), and writes DIR/dev.json with what a client needs (base URLs, token URL, CA,\n"
    "client certificate and key, client_id and its private JWK).\n"
    "--store-postgres CONNINFO: keep resources in PostgreSQL (libpq connection string) instead of\n"
    "SQLite; several gateway instances may share the database.\n"
    "--load: POSTs transaction or batch Bundles before serving. SIGTERM or SIGINT stops accepting,\n"
    "lets requests in flight finish (up to shutdown_grace_ms) and exits.\n"
    "Each request is logged on stderr as: listener method route status milliseconds.\n\n"
    "Exit codes: 0 stopped by a signal, 2 usage, configuration or start-up error.\n";

// The server is created (ports bound) before the runtime that needs its base URLs exists; this
// forwards to the gateway's handler once it is built, before the server starts.
class ForwardingHandler : public ports::HttpHandler {
 public:
  ports::HttpResponse Handle(const ports::HttpRequest& request) override {
    if (target_ != nullptr) return target_->Handle(request);
    ports::HttpResponse r;
    r.status = 503;
    r.headers.push_back({"Content-Type", std::string(shell::http::kFhirJson)});
    r.body = shell::http::OutcomeBody("transient", "The server is starting.");
    r.route = "starting";
    return r;
  }
  void HandleAsync(const ports::HttpRequest& request, ports::HttpCompletion done) override {
    if (target_ != nullptr) return target_->HandleAsync(request, std::move(done));
    done(Handle(request));
  }
  bool IsQuick(const ports::HttpRequest& request) const override {
    return target_ == nullptr || target_->IsQuick(request);
  }
  void set_target(ports::HttpHandler* target) { target_ = target; }

 private:
  ports::HttpHandler* target_ = nullptr;
};

std::string BaseUrl(const config::ListenerConfig& l, std::uint16_t port) {
  if (!l.base_url.empty()) return l.base_url;
  std::string host = l.address;
  if (host == "0.0.0.0" || host == "::") host = "localhost";
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return "https://" + host + ":" + std::to_string(port);
}

std::string FolderOf(const std::string& path) {
  auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

int Fail(const std::string& message) {
  std::cerr << "fhir-gateway serve: " << message << "\n";
  return 2;
}

// Loads transaction/batch Bundles through the API (as an internal caller) before serving.
bool LoadBundles(const std::vector<std::string>& files, GatewayRuntime& rt) {
  rest::AllowAllAccess internal;
  for (const std::string& f : files) {
    auto text = shell::ReadFile(f, 256u << 20);
    if (!text.ok()) {
      std::cerr << "fhir-gateway serve: " << text.status().message() << "\n";
      return false;
    }
    rest::RestRequest r;
    r.method = "POST";
    r.target.kind = rest::RouteKind::kSystem;
    r.base_url = rt.base_urls.begin()->second;
    r.content_type = "application/fhir+json";
    r.prefer = "return=minimal";
    r.body = std::move(text).value();
    rest::RestResponse out = rt.api->Handle(r, internal);
    if (out.status != 200) {
      std::cerr << "fhir-gateway serve: " << f << ": status " << out.status << ": "
                << out.body.substr(0, 2000) << "\n";
      return false;
    }
  }
  if (!files.empty()) std::cout << "fhir-gateway: loaded " << files.size() << " bundle(s)\n";
  return true;
}

}  // namespace

int RunServeCommand(int argc, char** argv) {
  std::string config_file;
  bool dev = false;
  std::string data_dir;
  int port = 8443, partner_port = 8444;
  std::vector<std::string> loads, packages;
  std::string postgres;
  auto port_arg = [](std::string_view v, int* out) {
    int n = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || ptr != v.data() + v.size() || n < 0 || n > 65535) return false;
    *out = n;
    return true;
  };
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--help" || a == "-h") {
      std::cout << kHelp;
      return 0;
    }
    bool has_value = i + 1 < argc;
    if (a == "--config" && has_value) {
      config_file = argv[++i];
    } else if (a == "--dev") {
      dev = true;
    } else if (a == "--data" && has_value) {
      data_dir = argv[++i];
    } else if (a == "--port" && has_value) {
      if (!port_arg(argv[++i], &port)) return Fail("--port: not a port number");
    } else if (a == "--partner-port" && has_value) {
      if (!port_arg(argv[++i], &partner_port)) return Fail("--partner-port: not a port number");
    } else if (a == "--load" && has_value) {
      loads.emplace_back(argv[++i]);
    } else if (a == "--package" && has_value) {
      packages.emplace_back(argv[++i]);
    } else if (a == "--store-postgres" && has_value) {
      postgres = argv[++i];
    } else {
      return Fail("unexpected argument " + std::string(a) + " (see --help)");
    }
  }
  if (dev == !config_file.empty()) return Fail("give --config FILE or --dev --data DIR (see --help)");
  if (dev && data_dir.empty()) return Fail("--dev needs --data DIR (see --help)");

  std::optional<config::ServerConfig> cfg;
  std::optional<shell::dev::DevMaterial> material;
  std::string source = config_file;
  if (dev) {
    auto m = shell::dev::EnsureDevMaterial(data_dir);
    if (!m.ok()) return Fail(m.status().message());
    material = std::move(m).value();
    cfg = shell::dev::DevServerConfig(*material, static_cast<std::uint16_t>(port),
                                         static_cast<std::uint16_t>(partner_port));
    config::ClientConfig client;
    client.client_id = material->client_id;
    client.jwks_json = json::Write(material->client_jwks);
    client.scopes = std::string(shell::dev::kDevScope) + " " + std::string(shell::dev::kDevScopeV2);
    client.kind = config::ClientKind::kInternal;
    client.all_members = true;
    cfg->access.clients.push_back(client);
    config::ClientConfig partner;
    partner.client_id = "dev-partner";
    partner.identity = material->partner_identity;
    partner.scopes = std::string(shell::dev::kDevScopeV2);
    partner.kind = config::ClientKind::kPartner;
    partner.all_members = true;
    cfg->access.partners.push_back(partner);
    // Development: loopback only, one trusted client; limits that never get in a test's way.
    cfg->access.rate_limit.requests_per_second = 1'000'000;
    cfg->access.rate_limit.burst = 1'000'000;
    source = "--dev";
  } else {
    auto text = shell::ReadFile(config_file, 1u << 20);
    if (!text.ok()) return Fail(text.status().message());
    auto root = json::Parse(*text);
    if (!root.ok()) return Fail(config_file + ": " + root.status().message());
    auto parsed = config::ServerConfig::FromJson(*root);
    if (!parsed.ok()) return Fail(config_file + ": " + parsed.status().message());
    cfg = std::move(parsed).value();
    cfg->ResolvePaths(FolderOf(config_file));
  }
  for (std::string& p : packages) cfg->packages.push_back(std::move(p));
  if (!postgres.empty()) cfg->postgres_conninfo = postgres;

  // Server threads inherit this mask, so the signals reach only sigwait() below.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  ForwardingHandler handler;
  std::string config_name = source;
  // Access lines go out in batches (a write(2) per line cost the network threads a system call
  // per request); lines never interleave and serving never waits for stderr.
  shell::BufferedLineWriter access_lines(2);
  auto server = shell::http::HttpsServer::Create(
      *cfg, handler, [&access_lines](const shell::http::AccessLogEntry& e) {
        std::string_view route = e.route;
        if (route.size() > e.method.size() && route.substr(0, e.method.size()) == e.method &&
            route[e.method.size()] == ' ') {
          route.remove_prefix(e.method.size() + 1);
        }
        char ms[32];
        std::snprintf(ms, sizeof ms, "%.3f", e.duration.count() / 1000.0);
        std::string line;
        line.reserve(96);
        line.append(e.listener).append(" ").append(e.method).append(" ").append(route);
        line.append(" ").append(std::to_string(e.status)).append(" ").append(ms).append("\n");
        access_lines.Write(line);
      });
  if (!server.ok()) return Fail(config_name + ": " + server.status().message());
  std::map<std::string, std::string> base_urls;
  std::string public_listener;
  for (const config::ListenerConfig& l : cfg->listeners) {
    base_urls[l.name] = BaseUrl(l, (*server)->port(l.name));
    if (public_listener.empty() && l.tls.client_certificates != config::ClientCertMode::kRequired) {
      public_listener = l.name;
    }
  }
  if (public_listener.empty()) public_listener = cfg->listeners.front().name;
  auto runtime = BuildRuntime(*cfg, base_urls, public_listener);
  if (!runtime.ok()) return Fail(runtime.status().message());
  if (!LoadBundles(loads, **runtime)) return 2;
  GatewayHandler gateway(**runtime);
  handler.set_target(&gateway);
  (*server)->Start();
  if (material) {
    shell::dev::DevEndpoints endpoints{base_urls["public"], base_urls["partner"],
                                       (*runtime)->token_url};
    Status written = shell::dev::WriteDevJson(*material, endpoints);
    if (!written.ok()) return Fail(written.message());
    std::cout << shell::dev::DevJson(*material, endpoints) << "\n";
  }
  for (const config::ListenerConfig& l : cfg->listeners) {
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
