// MakeServerContext(): a TlsPolicy → a ready Asio TLS server context.
//
// Loads the certificate chain and key (and checks they match), restricts protocol versions to
// TLS 1.2..1.3, sets the cipher lists and groups, turns off compression and renegotiation and
// server cipher preference, and sets client-certificate verification:
//   kNone      no certificate requested;
//   kOptional  requested; a certificate that is sent must chain to ca_file (else handshake fails);
//   kRequired  a certificate chaining to ca_file with clientAuth usage is mandatory.
// `session_id_context` separates session resumption between listeners (use the listener name).
// Errors: kInvalidArgument naming the policy field and file ("cert_file: /p: reason"), with the
// OpenSSL reasons. Thread safety: the returned context may be shared by all server threads.
#pragma once

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string_view>

#include "gateway/core/base/status.h"
#include "gateway/shell/tls/tls_policy.h"

namespace gw::shell::tls {

Result<std::shared_ptr<boost::asio::ssl::context>> MakeServerContext(
    const TlsPolicy& policy, std::string_view session_id_context);

}  // namespace gw::shell::tls
