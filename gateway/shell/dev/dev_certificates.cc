#include "gateway/shell/dev/dev_certificates.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <ctime>

namespace gw::shell::dev {
namespace {

constexpr long kBackdateSeconds = 3600;  // notBefore an hour back, like certs/make-dev-certs.sh

struct BioFree {
  void operator()(BIO* p) const { BIO_free(p); }
};
struct BnFree {
  void operator()(BIGNUM* p) const { BN_free(p); }
};
struct StoreFree {
  void operator()(X509_STORE* p) const { X509_STORE_free(p); }
};
struct StoreCtxFree {
  void operator()(X509_STORE_CTX* p) const { X509_STORE_CTX_free(p); }
};
struct NamesFree {
  void operator()(GENERAL_NAMES* p) const { GENERAL_NAMES_free(p); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

// The reasons OpenSSL queued on this thread, oldest first (the queue is emptied).
std::string OpenSslReasons() {
  std::string out;
  while (unsigned long e = ERR_get_error()) {
    const char* reason = ERR_reason_error_string(e);
    if (reason == nullptr) continue;
    if (!out.empty()) out += "; ";
    out += reason;
  }
  return out.empty() ? "unknown OpenSSL error" : out;
}

Status Fail(std::string what) { return InvalidArgument(what + " (" + OpenSslReasons() + ")"); }
Status Broken(std::string what) { return Internal(what + " (" + OpenSslReasons() + ")"); }

// A password callback that refuses: an encrypted key is an error, never a terminal prompt.
int NoPassword(char*, int, int, void*) { return 0; }

Status SetSubject(X509* cert, std::string_view common_name) {
  X509_NAME* name = X509_get_subject_name(cert);
  std::string cn(common_name);
  if (X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                                 reinterpret_cast<const unsigned char*>("FHIR Gateway Dev"), -1,
                                 -1, 0) != 1 ||
      X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                 reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1,
                                 0) != 1) {
    return Broken("cannot set the certificate subject");
  }
  return Status::Ok();
}

Status SetSerial(X509* cert) {
  std::unique_ptr<BIGNUM, BnFree> bn(BN_new());
  // 127 random bits: positive, fits the 20 octets RFC 5280 allows, unique in practice.
  if (!bn || BN_rand(bn.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ODD) != 1 ||
      BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert)) == nullptr) {
    return Broken("cannot make a certificate serial number");
  }
  return Status::Ok();
}

// notBefore = now - 1 h, notAfter = notBefore + days, capped by the issuer's notAfter.
Status SetValidity(X509* cert, int days, X509* issuer) {
  std::time_t now = std::time(nullptr);
  if (X509_time_adj_ex(X509_getm_notBefore(cert), 0, -kBackdateSeconds, &now) == nullptr ||
      X509_time_adj_ex(X509_getm_notAfter(cert), days, -kBackdateSeconds, &now) == nullptr) {
    return Broken("cannot set the certificate validity");
  }
  if (issuer != nullptr && ASN1_TIME_compare(X509_get0_notAfter(issuer),
                                             X509_get0_notAfter(cert)) < 0) {
    if (X509_set1_notAfter(cert, X509_get0_notAfter(issuer)) != 1) {
      return Broken("cannot set the certificate validity");
    }
  }
  return Status::Ok();
}

Status AddExtension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  if (ext == nullptr) return Fail(std::string("bad certificate extension ") + OBJ_nid2sn(nid));
  int added = X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  if (added != 1) return Broken("cannot add a certificate extension");
  return Status::Ok();
}

// Everything but the extensions and the signature.
Result<X509Ptr> NewCertificate(EVP_PKEY* key, std::string_view common_name, int days,
                               X509* issuer) {
  X509Ptr cert(X509_new());
  if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1 ||
      X509_set_pubkey(cert.get(), key) != 1) {
    return Broken("cannot make a certificate");
  }
  GW_RETURN_IF_ERROR(SetSerial(cert.get()));
  GW_RETURN_IF_ERROR(SetSubject(cert.get(), common_name));
  X509_NAME* issuer_name =
      issuer != nullptr ? X509_get_subject_name(issuer) : X509_get_subject_name(cert.get());
  if (X509_set_issuer_name(cert.get(), issuer_name) != 1) {
    return Broken("cannot set the certificate issuer");
  }
  GW_RETURN_IF_ERROR(SetValidity(cert.get(), days, issuer));
  return cert;
}

Status SignCertificate(X509* cert, EVP_PKEY* issuer_key) {
  if (X509_sign(cert, issuer_key, EVP_sha256()) <= 0) return Broken("cannot sign a certificate");
  return Status::Ok();
}

bool HasUri(X509* cert, std::string_view uri) {
  std::unique_ptr<GENERAL_NAMES, NamesFree> names(static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
  if (!names) return false;
  for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
    const GENERAL_NAME* n = sk_GENERAL_NAME_value(names.get(), i);
    if (n->type != GEN_URI) continue;
    const ASN1_IA5STRING* s = n->d.uniformResourceIdentifier;
    std::string_view have(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                          static_cast<std::size_t>(ASN1_STRING_length(s)));
    if (have == uri) return true;
  }
  return false;
}

}  // namespace

Result<PKeyPtr> NewP256Key() {
  PKeyPtr key(EVP_EC_gen("P-256"));
  if (!key) return Broken("cannot generate an EC P-256 key");
  return key;
}

Result<X509Ptr> MakeCaCertificate(EVP_PKEY* key, std::string_view common_name, int days) {
  auto cert = NewCertificate(key, common_name, days, nullptr);
  if (!cert.ok()) return cert.status();
  X509* c = cert->get();
  GW_RETURN_IF_ERROR(AddExtension(c, c, NID_basic_constraints, "critical,CA:TRUE,pathlen:0"));
  GW_RETURN_IF_ERROR(AddExtension(c, c, NID_key_usage, "critical,keyCertSign,cRLSign"));
  GW_RETURN_IF_ERROR(AddExtension(c, c, NID_subject_key_identifier, "hash"));
  GW_RETURN_IF_ERROR(SignCertificate(c, key));
  return cert;
}

Result<X509Ptr> MakeLeafCertificate(const LeafSpec& spec, EVP_PKEY* key, X509* ca,
                                    EVP_PKEY* ca_key, int days) {
  auto cert = NewCertificate(key, spec.common_name, days, ca);
  if (!cert.ok()) return cert.status();
  X509* c = cert->get();
  const char* usage = spec.use == LeafUse::kTlsServer ? "serverAuth" : "clientAuth";
  GW_RETURN_IF_ERROR(AddExtension(c, ca, NID_basic_constraints, "critical,CA:FALSE"));
  GW_RETURN_IF_ERROR(AddExtension(c, ca, NID_key_usage, "critical,digitalSignature"));
  GW_RETURN_IF_ERROR(AddExtension(c, ca, NID_ext_key_usage, usage));
  GW_RETURN_IF_ERROR(AddExtension(c, ca, NID_subject_alt_name, spec.subject_alt_names));
  GW_RETURN_IF_ERROR(AddExtension(c, ca, NID_subject_key_identifier, "hash"));
  GW_RETURN_IF_ERROR(AddExtension(c, ca, NID_authority_key_identifier, "keyid:always"));
  GW_RETURN_IF_ERROR(SignCertificate(c, ca_key));
  return cert;
}

Result<std::string> CertificatePem(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) return Broken("cannot write PEM");
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

Result<std::string> PrivateKeyPem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return Broken("cannot write PEM");
  }
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  std::string pem(data, static_cast<std::size_t>(len));
  OPENSSL_cleanse(data, static_cast<std::size_t>(len));
  return pem;
}

Result<X509Ptr> ParseCertificatePem(std::string_view pem) {
  ERR_clear_error();
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  X509Ptr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, NoPassword, nullptr) : nullptr);
  if (!cert) return Fail("not a PEM certificate");
  return cert;
}

Result<PKeyPtr> ParsePrivateKeyPem(std::string_view pem) {
  ERR_clear_error();
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  PKeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassword, nullptr) : nullptr);
  if (!key) return Fail("not an unencrypted PEM private key");
  return key;
}

Status CheckKeyMatches(X509* cert, EVP_PKEY* key) {
  ERR_clear_error();
  if (X509_check_private_key(cert, key) != 1) return Fail("the key does not match the certificate");
  return Status::Ok();
}

Status CheckCaCertificate(X509* ca) {
  ERR_clear_error();
  if (X509_check_ca(ca) < 1) return InvalidArgument("not a CA certificate");
  if (X509_check_issued(ca, ca) != X509_V_OK || X509_verify(ca, X509_get0_pubkey(ca)) != 1) {
    return Fail("not a self-signed certificate");
  }
  if (X509_cmp_current_time(X509_get0_notBefore(ca)) >= 0) {
    return InvalidArgument("not valid yet");
  }
  if (X509_cmp_current_time(X509_get0_notAfter(ca)) <= 0) return InvalidArgument("expired");
  return Status::Ok();
}

Status CheckIssuedBy(X509* cert, X509* ca, LeafUse use) {
  ERR_clear_error();
  std::unique_ptr<X509_STORE, StoreFree> store(X509_STORE_new());
  std::unique_ptr<X509_STORE_CTX, StoreCtxFree> ctx(X509_STORE_CTX_new());
  if (!store || !ctx || X509_STORE_add_cert(store.get(), ca) != 1 ||
      X509_STORE_CTX_init(ctx.get(), store.get(), cert, nullptr) != 1 ||
      X509_STORE_CTX_set_purpose(ctx.get(), use == LeafUse::kTlsServer ? X509_PURPOSE_SSL_SERVER
                                                                       : X509_PURPOSE_SSL_CLIENT) !=
          1) {
    return Broken("cannot set up certificate verification");
  }
  if (X509_verify_cert(ctx.get()) != 1) {
    int error = X509_STORE_CTX_get_error(ctx.get());
    ERR_clear_error();
    return InvalidArgument(std::string("does not verify against the development CA: ") +
                           X509_verify_cert_error_string(error));
  }
  return Status::Ok();
}

Status CheckSubjectAltNames(X509* cert, std::string_view subject_alt_names) {
  std::size_t start = 0;
  while (start <= subject_alt_names.size()) {
    std::size_t comma = subject_alt_names.find(',', start);
    if (comma == std::string_view::npos) comma = subject_alt_names.size();
    std::string entry(subject_alt_names.substr(start, comma - start));
    start = comma + 1;
    if (entry.empty()) continue;
    bool found = false;
    if (entry.rfind("DNS:", 0) == 0) {
      std::string host = entry.substr(4);
      found = X509_check_host(cert, host.c_str(), host.size(), X509_CHECK_FLAG_NO_WILDCARDS,
                              nullptr) == 1;
    } else if (entry.rfind("IP:", 0) == 0) {
      found = X509_check_ip_asc(cert, entry.substr(3).c_str(), 0) == 1;
    } else if (entry.rfind("URI:", 0) == 0) {
      found = HasUri(cert, entry.substr(4));
    }
    if (!found) {
      ERR_clear_error();
      return InvalidArgument("the certificate lacks the subject alternative name " + entry);
    }
  }
  return Status::Ok();
}

std::string Sha256Fingerprint(X509* cert) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (X509_digest(cert, EVP_sha256(), md, &len) != 1) return {};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 15];
  }
  return out;
}

}  // namespace gw::shell::dev
