// The development environment of `fhir-gateway serve --dev --data DIR`: the certificates and keys
// a newcomer (or a test) needs to talk to a gateway on loopback, and DIR/dev.json telling a
// client where everything is.
//
// EnsureDevMaterial(DIR) makes DIR (mode 0700) when it is missing, then, for each piece, reuses
// the files that are there or makes them when they are absent:
//   ca.crt, ca.key            development CA, EC P-256, CN "fhir-gateway development CA"
//   server.crt, server.key    TLS server certificate for DNS localhost, IP 127.0.0.1 and ::1
//   partner.crt, partner.key  TLS client certificate of the development partner: CN "dev-partner",
//                             SAN URI "urn:fhir-gateway:client:dev-partner"
//   dev-client.jwk.json       the development SMART client's private ES384 key (EC P-384 JWK)
// Certificates are valid for kDevCertificateDays (825, the most TLS clients accept) from an hour
// ago; keys are unencrypted PEM (PKCS#8). Private files are 0600, certificates 0644; every file
// is written to a temporary name and renamed, so a reader never sees half a file.
// Files found are checked, never replaced: every certificate and key must parse, each key must
// match its certificate, the CA must be a valid self-signed CA, the leaves must verify against
// it now (with serverAuth / clientAuth usage and the names above), the JWK must be a P-384 key
// pair whose d matches x and y, and private files must not be readable by group or others.
// Errors: kInvalidArgument whose message starts with the path of the offending file (corrupt,
// mismatched, expired, too open, or one half of a certificate/key pair missing: remove both, or
// the whole folder, to make new material); kIo when DIR or a file cannot be made or read.
// The messages never contain key material.
//
// DevJson()/WriteDevJson(): what a client needs, as one JSON object (see DevJson below).
// DevClient()/DevServerConfig(): the registration and listeners `serve --dev` runs with.
//
// Thread safety: calls for the same DIR, from any threads or processes, are serialized by an
// advisory lock on DIR/.lock; DevMaterial is a plain value.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/auth/client_registry.h"
#include "gateway/core/base/status.h"
#include "gateway/core/config/server_config.h"
#include "gateway/core/json/value.h"

namespace gw::shell::dev {

inline constexpr std::string_view kDevCaCommonName = "fhir-gateway development CA";
inline constexpr std::string_view kDevClientId = "dev-client";
inline constexpr std::string_view kDevPartnerCommonName = "dev-partner";
inline constexpr std::string_view kDevPartnerIdentity = "urn:fhir-gateway:client:dev-partner";
inline constexpr std::string_view kDevServerNames = "DNS:localhost,IP:127.0.0.1,IP:::1";
inline constexpr int kDevCertificateDays = 825;
// What the development client is registered for and dev.json suggests (SMART v1 form; the v2
// form "system/*.cruds" is granted as well).
inline constexpr std::string_view kDevScope = "system/*.*";
inline constexpr std::string_view kDevScopeV2 = "system/*.cruds";

struct DevMaterial {
  std::string dir;                // absolute path of DIR
  std::string ca_cert_file;       // DIR/ca.crt (what clients trust)
  std::string ca_key_file;        // DIR/ca.key
  std::string server_cert_file;   // DIR/server.crt
  std::string server_key_file;    // DIR/server.key
  std::string partner_cert_file;  // DIR/partner.crt
  std::string partner_key_file;   // DIR/partner.key
  std::string client_jwk_file;    // DIR/dev-client.jwk.json (private JWK)
  std::string dev_json_file;      // DIR/dev.json (written by WriteDevJson, not by Ensure)
  std::string client_id;          // kDevClientId
  std::string kid;                // key id of the client's JWK
  json::Value client_jwks;        // {"keys":[public JWK]}, no "d"
  std::string partner_identity;   // kDevPartnerIdentity (the partner certificate's SAN URI)
  std::vector<std::string> created;  // files made by this call (empty when all were reused)
};

Result<DevMaterial> EnsureDevMaterial(const std::string& dir);

struct DevEndpoints {
  std::string public_base_url;   // e.g. https://localhost:8443 (the FHIR base, SMART clients)
  std::string partner_base_url;  // e.g. https://localhost:8444 (client certificate required)
  std::string token_url;         // the SMART token endpoint (audience of client assertions)
};

// Pretty-printed JSON object, members in this order:
//   fhir_base_url, partner_base_url, token_url, ca_file, client_certificate_file,
//   client_key_file (the partner's), partner_identity, client_id, client_jwk_file, kid,
//   scope (kDevScope), scope_v2 (kDevScopeV2), how (one line: a curl command for the partner
//   listener and how to get a bearer token for the public one).
std::string DevJson(const DevMaterial& m, const DevEndpoints& e);
// Writes DevJson() to m.dev_json_file atomically (temporary file + rename), mode 0600.
// Errors: kIo naming the file.
Status WriteDevJson(const DevMaterial& m, const DevEndpoints& e);

// The development SMART client: kDevClientId with m.client_jwks, allowed kDevScope.
auth::RegisteredClient DevClient(const DevMaterial& m);

// Two loopback listeners on 127.0.0.1: "public" (server certificate, no client certificate) and
// "partner" (client certificate required, trusting the development CA). Port 0 lets the system
// choose. data_dir is m.dir; other settings keep ServerConfig's defaults.
config::ServerConfig DevServerConfig(const DevMaterial& m, std::uint16_t public_port,
                                     std::uint16_t partner_port);

}  // namespace gw::shell::dev
