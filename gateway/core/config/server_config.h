// ServerConfig: the validated settings of the HTTPS server (listeners, TLS files, limits,
// threads, data folder), built once at start-up from the JSON config file.
//
// JSON shape (unknown keys are errors, so a misspelt security setting cannot pass unnoticed):
//   {
//     "data_dir": "/var/lib/fhir-gateway",             required
//     "threads": 0,                                    0 or absent: one per core
//     "handler_threads": 32,                           0: handlers run on network threads
//     "shutdown_grace_ms": 10000,
//     "limits": {"max_header_bytes": 16384, "max_body_bytes": 10485760,
//                "request_timeout_ms": 30000, "idle_timeout_ms": 60000,
//                "handshake_timeout_ms": 10000, "max_connections": 10000},
//     "packages": ["us-core.tgz", "pas/"],             FHIR packages loaded besides base R4
//     "store": {"postgres": "host=db dbname=fhir user=gw", "pool_size": 8},
//                                                      absent: SQLite in data_dir/gateway.db
//     "access": {                                      who may call, and how much
//       "clients": [{"client_id": "ehr-1", "jwks_file": "ehr-1.jwks.json" (or "jwks": {...}),
//                    "scopes": "system/*.rs", "kind": "provider|payer|partner|internal",
//                    "all_members": false}],
//       "partners": [{"identity": "urn:fhir-gateway:client:hie-hub", "client_id": "hie-hub",
//                     "scopes": "system/*.cruds", "kind": "partner", "all_members": true}],
//       "rate_limit": {"requests_per_second": 200, "burst": 400},
//       "audit": true},
//     "listeners": [                                   at least one
//       {"name": "public", "address": "0.0.0.0", "port": 8443,
//        "base_url": "https://fhir.example.org",       links in responses (default https://address:port)
//        "tls": {"cert_file": "server.crt", "key_file": "server.key",
//                "ca_file": "ca.crt", "client_certificates": "none|optional|required"}}]
//   }
// FromJson() errors: Status kInvalidArgument whose message starts with the offending field,
// e.g. `listeners[1].tls.ca_file: required when client_certificates is "required"`.
// File paths are kept as written; ResolvePaths() anchors relative ones to a folder.
// Thread safety: plain value, immutable after construction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/base/status.h"
#include "gateway/core/json/value.h"

namespace gw::config {

enum class ClientCertMode { kNone, kOptional, kRequired };

const char* ClientCertModeName(ClientCertMode mode);

struct TlsSettings {
  std::string cert_file;  // PEM certificate chain, leaf first
  std::string key_file;   // PEM private key
  std::string ca_file;    // PEM CA certificates that client certificates must chain to
  ClientCertMode client_certificates = ClientCertMode::kNone;
};

struct ListenerConfig {
  std::string name;  // [a-z0-9_-]+, unique; handlers see it with every request
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;  // 0: the system picks a free port
  TlsSettings tls;
  std::string base_url;  // "" = https://address:port
};

struct ServerLimits {
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 10 * 1024 * 1024;
  std::uint32_t request_timeout_ms = 30'000;    // first byte of a request → fully read
  std::uint32_t idle_timeout_ms = 60'000;       // keep-alive wait for the next request
  std::uint32_t handshake_timeout_ms = 10'000;  // TCP accept → TLS handshake done
  std::size_t max_connections = 10'000;         // open connections over all listeners
};

enum class ClientKind { kProvider, kPayer, kPartner, kInternal };

// A caller the gateway knows: a SMART Backend Services client (jwks) or a partner identified by
// its client certificate (identity: a subjectAltName URI or DNS name, or the subject CN).
struct ClientConfig {
  std::string client_id;
  std::string jwks_file;  // SMART clients: public keys (JSON Web Key Set); or inline:
  std::string jwks_json;
  std::string identity;   // partners
  std::string scopes;     // what the client may be granted ("system/*.rs")
  ClientKind kind = ClientKind::kProvider;
  bool all_members = false;  // false: only members attributed to the client
};

struct RateLimitConfig {
  std::uint32_t requests_per_second = 200;
  std::uint32_t burst = 400;
};

struct AccessConfig {
  std::vector<ClientConfig> clients;
  std::vector<ClientConfig> partners;
  RateLimitConfig rate_limit;
  bool audit = true;
};

struct ServerConfig {
  std::vector<ListenerConfig> listeners;
  ServerLimits limits;
  unsigned threads = 0;  // 0: one per core (resolved by the server)
  // Threads that run the request handler, so that network threads never wait on a handler
  // (a store commit, say); 0: handlers run on the network threads.
  unsigned handler_threads = 32;
  std::uint32_t shutdown_grace_ms = 10'000;
  std::string data_dir;
  std::vector<std::string> packages;
  std::string postgres_conninfo;  // "" = the embedded SQLite store in data_dir
  unsigned postgres_pool_size = 8;
  AccessConfig access;

  static Result<ServerConfig> FromJson(const json::Value& root);

  // Prefixes every relative file path (TLS files, data_dir) with `base_dir` + "/".
  void ResolvePaths(std::string_view base_dir);
};

}  // namespace gw::config
