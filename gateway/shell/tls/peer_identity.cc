#include "gateway/shell/tls/peer_identity.h"

#include <openssl/crypto.h>
#include <openssl/x509v3.h>

#include <string>

namespace gw::shell::tls {
namespace {

std::string Utf8(const ASN1_STRING* s) {
  unsigned char* out = nullptr;
  int n = ASN1_STRING_to_UTF8(&out, s);
  if (n < 0) return {};
  std::string text(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
  OPENSSL_free(out);
  return text;
}

std::string Ia5(const ASN1_IA5STRING* s) {
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                     static_cast<std::size_t>(ASN1_STRING_length(s)));
}

}  // namespace

ports::PeerIdentity PeerIdentityOf(const X509* cert) {
  ports::PeerIdentity id;
  const X509_NAME* subject = X509_get_subject_name(cert);
  int index = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
  if (index >= 0) {
    id.subject_cn = Utf8(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index)));
  }
  auto* names =
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  if (names == nullptr) return id;
  for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
    if (name->type == GEN_URI) id.san_uris.push_back(Ia5(name->d.uniformResourceIdentifier));
    if (name->type == GEN_DNS) id.san_dns.push_back(Ia5(name->d.dNSName));
  }
  GENERAL_NAMES_free(names);
  return id;
}

std::optional<ports::PeerIdentity> VerifiedPeerIdentity(const SSL* ssl) {
  const X509* cert = SSL_get0_peer_certificate(ssl);
  if (cert == nullptr || SSL_get_verify_result(ssl) != X509_V_OK) return std::nullopt;
  return PeerIdentityOf(cert);
}

}  // namespace gw::shell::tls
