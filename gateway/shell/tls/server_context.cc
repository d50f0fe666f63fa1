#include "gateway/shell/tls/server_context.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <string>

namespace gw::shell::tls {
namespace {

namespace ssl = boost::asio::ssl;

// The reasons OpenSSL queued on this thread, oldest first, joined by "; " (queue emptied).
std::string OpenSslReasons() {
  std::string out;
  while (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out.empty() ? "unknown OpenSSL error" : out;
}

Status Fail(std::string_view what) {
  return InvalidArgument(std::string(what) + ": " + OpenSslReasons());
}

Status LoadIdentity(SSL_CTX* ctx, const TlsPolicy& p) {
  if (SSL_CTX_use_certificate_chain_file(ctx, p.cert_file.c_str()) != 1) {
    return Fail("cert_file: " + p.cert_file);
  }
  if (SSL_CTX_use_PrivateKey_file(ctx, p.key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
    return Fail("key_file: " + p.key_file);
  }
  if (SSL_CTX_check_private_key(ctx) != 1) {
    return Fail("key_file: " + p.key_file + " does not match " + p.cert_file);
  }
  return Status::Ok();
}

Status SetProtocol(SSL_CTX* ctx, const TlsPolicy& p) {
  if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1 ||
      SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION) != 1) {
    return Fail("protocol versions");
  }
  SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
  SSL_CTX_clear_options(ctx, SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_ALLOW_CLIENT_RENEGOTIATION);
  if (SSL_CTX_set_cipher_list(ctx, p.tls12_ciphers.c_str()) != 1) return Fail("tls12_ciphers");
  if (SSL_CTX_set_ciphersuites(ctx, p.tls13_suites.c_str()) != 1) return Fail("tls13_suites");
  if (SSL_CTX_set1_groups_list(ctx, p.groups.c_str()) != 1) return Fail("groups");
  return Status::Ok();
}

Status SetClientVerification(SSL_CTX* ctx, const TlsPolicy& p) {
  if (p.client_certificates == config::ClientCertMode::kNone) {
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nullptr);
    return Status::Ok();
  }
  if (SSL_CTX_load_verify_locations(ctx, p.ca_file.c_str(), nullptr) != 1) {
    return Fail("ca_file: " + p.ca_file);
  }
  // The CA names the server sends in CertificateRequest, so clients pick the right certificate.
  STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(p.ca_file.c_str());
  if (names == nullptr) return Fail("ca_file: " + p.ca_file);
  SSL_CTX_set_client_CA_list(ctx, names);
  int mode = SSL_VERIFY_PEER;
  if (p.client_certificates == config::ClientCertMode::kRequired) {
    mode |= SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
  }
  SSL_CTX_set_verify(ctx, mode, nullptr);
  SSL_CTX_set_verify_depth(ctx, p.verify_depth);
  // Client certificates must be fit for TLS client authentication (extendedKeyUsage).
  if (X509_VERIFY_PARAM_set_purpose(SSL_CTX_get0_param(ctx), X509_PURPOSE_SSL_CLIENT) != 1) {
    return Fail("client certificate purpose");
  }
  return Status::Ok();
}

}  // namespace

Result<std::shared_ptr<boost::asio::ssl::context>> MakeServerContext(
    const TlsPolicy& policy, std::string_view session_id_context) {
  ERR_clear_error();
  auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
  SSL_CTX* ctx = context->native_handle();
  GW_RETURN_IF_ERROR(SetProtocol(ctx, policy));
  GW_RETURN_IF_ERROR(LoadIdentity(ctx, policy));
  GW_RETURN_IF_ERROR(SetClientVerification(ctx, policy));
  // Session resumption must not carry a client's verified identity from one listener to another.
  unsigned char id[SSL_MAX_SID_CTX_LENGTH];
  unsigned int id_len = 0;
  if (EVP_Digest(session_id_context.data(), session_id_context.size(), id, &id_len, EVP_sha256(),
                 nullptr) != 1 ||
      SSL_CTX_set_session_id_context(ctx, id, id_len) != 1) {
    return Fail("session id context");
  }
  return context;
}

}  // namespace gw::shell::tls
