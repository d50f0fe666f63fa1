#include "gateway/shell/crypto/openssl_signature_verifier.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <memory>
#include <optional>
#include <string>

#include "gateway/core/base/base64.h"
#include "gateway/shell/crypto/openssl_handles.h"

namespace gw::shell {
namespace {

using ossl::Bn;
using ossl::EcSig;
using ossl::MdCtx;
using ossl::Params;
using ossl::ParamBld;
using ossl::PKey;
using ossl::PKeyCtx;

std::optional<std::string> Member(const json::Value& jwk, std::string_view key) {
  const json::Value* v = jwk.Find(key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  auto bytes = Base64UrlDecode(v->string_value());
  if (!bytes || bytes->empty() || bytes->size() > 1024) return std::nullopt;
  return bytes;
}

Bn ToBn(const std::string& bytes) {
  return Bn(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                      static_cast<int>(bytes.size()), nullptr));
}

PKey FromData(const char* type, OSSL_PARAM_BLD* bld) {
  Params params(OSSL_PARAM_BLD_to_param(bld));
  PKeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0) return nullptr;
  EVP_PKEY* key = nullptr;
  if (EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0) return nullptr;
  return PKey(key);
}

PKey RsaKey(const json::Value& jwk) {
  auto n = Member(jwk, "n");
  auto e = Member(jwk, "e");
  if (!n || !e || n->size() < 256 || e->size() > 8) return nullptr;  // >= 2048-bit modulus
  Bn bn_n = ToBn(*n);
  Bn bn_e = ToBn(*e);
  ParamBld bld(OSSL_PARAM_BLD_new());
  if (!bn_n || !bn_e || !bld ||
      !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) ||
      !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get())) {
    return nullptr;
  }
  return FromData("RSA", bld.get());
}

PKey EcP384Key(const json::Value& jwk) {
  auto x = Member(jwk, "x");
  auto y = Member(jwk, "y");
  if (!x || !y || x->size() != 48 || y->size() != 48) return nullptr;
  std::string point = "\x04" + *x + *y;
  ParamBld bld(OSSL_PARAM_BLD_new());
  char group[] = "secp384r1";
  if (!bld || !OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, 0) ||
      !OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                        point.size())) {
    return nullptr;
  }
  return FromData("EC", bld.get());
}

// JWS ECDSA signatures are r||s; OpenSSL verifies DER.
std::optional<std::string> EcdsaDer(std::string_view raw) {
  if (raw.size() != 96) return std::nullopt;
  EcSig sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()), 48, nullptr);
  BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data() + 48), 48, nullptr);
  if (!sig || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return std::nullopt;
  }
  unsigned char* der = nullptr;
  int len = i2d_ECDSA_SIG(sig.get(), &der);
  if (len <= 0) return std::nullopt;
  std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

}  // namespace

bool OpenSslSignatureVerifier::Verify(const json::Value& jwk, std::string_view alg,
                                      std::string_view signing_input,
                                      std::string_view signature) const {
  if (!jwk.is_object() || jwk.Find("d") != nullptr) return false;
  const json::Value* kty = jwk.Find("kty");
  if (kty == nullptr || !kty->is_string()) return false;
  PKey key;
  std::string sig(signature);
  if (alg == "RS384" && kty->string_value() == "RSA") {
    key = RsaKey(jwk);
  } else if (alg == "ES384" && kty->string_value() == "EC") {
    const json::Value* crv = jwk.Find("crv");
    if (crv == nullptr || !crv->is_string() || crv->string_value() != "P-384") return false;
    key = EcP384Key(jwk);
    auto der = EcdsaDer(signature);
    if (!der) return false;
    sig = std::move(*der);
  }
  if (!key) return false;
  if (alg == "RS384" && EVP_PKEY_get_bits(key.get()) < 2048) return false;
  MdCtx md(EVP_MD_CTX_new());
  if (!md || EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha384(), nullptr, key.get()) != 1) {
    return false;
  }
  return EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                          reinterpret_cast<const unsigned char*>(signing_input.data()),
                          signing_input.size()) == 1;
}

}  // namespace gw::shell
