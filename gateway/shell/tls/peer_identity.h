// VerifiedPeerIdentity(): the subject CN and subjectAltName URIs/DNS names of the client
// certificate of an established TLS connection, or nullopt when the peer sent none or its
// chain did not verify (SSL_get_verify_result() != X509_V_OK).
// PeerIdentityOf(): the same facts read from any certificate (no verification implied).
// Thread safety: reentrant; `ssl` must not be used concurrently by another thread.
#pragma once

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <optional>

#include "gateway/ports/http_handler.h"

namespace gw::shell::tls {

std::optional<ports::PeerIdentity> VerifiedPeerIdentity(const SSL* ssl);
ports::PeerIdentity PeerIdentityOf(const X509* cert);

}  // namespace gw::shell::tls
