// The X.509 pieces of the development environment (dev_environment.h), in memory only: EC P-256
// keys, a self-signed development CA, leaf certificates it issues (TLS server or TLS client), PEM
// reading and writing, and the checks run on material found on disk.
//
// Certificates: X.509 v3, random 127-bit serials, ECDSA with SHA-256, subject
// O="FHIR Gateway Dev", CN as given; notBefore one hour back (tolerates clock skew), notAfter
// `days` later, and for a leaf never after its issuer's notAfter. CA: basicConstraints critical
// CA:TRUE pathlen:0, keyUsage critical keyCertSign+cRLSign, subjectKeyIdentifier. Leaf:
// basicConstraints critical CA:FALSE, keyUsage critical digitalSignature, extendedKeyUsage
// serverAuth or clientAuth, subjectAltName as given ("DNS:localhost,IP:127.0.0.1", "URI:urn:..."),
// subject and authority key identifiers.
// Errors: Status kInvalidArgument for unreadable or failing material, kInternal when OpenSSL
// cannot make something; messages carry OpenSSL's reason, never key material, and name no file
// (callers prefix the file).
// Thread safety: reentrant; the objects returned are owned by the caller.
#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <string_view>

#include "gateway/core/base/status.h"

namespace gw::shell::dev {

struct X509Free {
  void operator()(X509* p) const { X509_free(p); }
};
struct PKeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;
using PKeyPtr = std::unique_ptr<EVP_PKEY, PKeyFree>;

enum class LeafUse { kTlsServer, kTlsClient };

struct LeafSpec {
  LeafUse use = LeafUse::kTlsServer;
  std::string common_name;
  std::string subject_alt_names;  // OpenSSL syntax: "DNS:localhost,IP:127.0.0.1,URI:urn:x"
};

Result<PKeyPtr> NewP256Key();
Result<X509Ptr> MakeCaCertificate(EVP_PKEY* key, std::string_view common_name, int days);
Result<X509Ptr> MakeLeafCertificate(const LeafSpec& spec, EVP_PKEY* key, X509* ca,
                                    EVP_PKEY* ca_key, int days);

Result<std::string> CertificatePem(X509* cert);
Result<std::string> PrivateKeyPem(EVP_PKEY* key);  // unencrypted PKCS#8
Result<X509Ptr> ParseCertificatePem(std::string_view pem);
Result<PKeyPtr> ParsePrivateKeyPem(std::string_view pem);  // encrypted keys are refused

// The key is the private key of the certificate's public key.
Status CheckKeyMatches(X509* cert, EVP_PKEY* key);
// A CA certificate (basicConstraints CA:TRUE), self-signed, valid now.
Status CheckCaCertificate(X509* ca);
// `cert` chains to `ca` (the only trust anchor), is valid now and fits `use` (extendedKeyUsage).
Status CheckIssuedBy(X509* cert, X509* ca, LeafUse use);
// Every DNS name, IP address and URI of `subject_alt_names` is in the certificate.
Status CheckSubjectAltNames(X509* cert, std::string_view subject_alt_names);

// Hex SHA-256 of the DER certificate (lower case, no separators).
std::string Sha256Fingerprint(X509* cert);

}  // namespace gw::shell::dev
