// TlsPolicy: everything a listener's TLS server context is made from, as a plain value.
//
// Intermediate() follows Mozilla's "intermediate" server-side TLS guidelines (version 6.0):
// TLS 1.2 and 1.3 only, ECDHE key exchange with AEAD ciphers for TLS 1.2, the three standard
// TLS 1.3 suites, X25519/P-256/P-384 groups, no compression, no renegotiation, and the client's
// cipher preference honoured (server preference off). Only the certificate files and the
// client-certificate mode vary per listener.
// Thread safety: plain value.
#pragma once

#include <string>
#include <string_view>

#include "gateway/core/config/server_config.h"

namespace gw::shell::tls {

inline constexpr std::string_view kIntermediateTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";
inline constexpr std::string_view kIntermediateTls13Suites =
    "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";
inline constexpr std::string_view kIntermediateGroups = "X25519:P-256:P-384";

struct TlsPolicy {
  std::string cert_file;  // PEM chain, leaf first
  std::string key_file;   // PEM private key (unencrypted)
  std::string ca_file;    // PEM CAs trusted for client certificates (modes optional/required)
  config::ClientCertMode client_certificates = config::ClientCertMode::kNone;
  std::string tls12_ciphers{kIntermediateTls12Ciphers};
  std::string tls13_suites{kIntermediateTls13Suites};
  std::string groups{kIntermediateGroups};
  int verify_depth = 4;  // maximum intermediate CAs above a client certificate

  static TlsPolicy Intermediate(const config::TlsSettings& settings) {
    TlsPolicy p;
    p.cert_file = settings.cert_file;
    p.key_file = settings.key_file;
    p.ca_file = settings.ca_file;
    p.client_certificates = settings.client_certificates;
    return p;
  }
};

}  // namespace gw::shell::tls
