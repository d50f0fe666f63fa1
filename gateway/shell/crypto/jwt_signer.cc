#include "gateway/shell/crypto/jwt_signer.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <optional>
#include <utility>
#include <vector>

#include "gateway/core/base/base64.h"
#include "gateway/core/json/parse.h"
#include "gateway/core/json/write.h"
#include "gateway/shell/crypto/openssl_handles.h"
#include "gateway/shell/fs/file.h"

namespace gw::shell {
namespace {

constexpr std::size_t kCoordinateBytes = 48;  // P-384
constexpr std::size_t kMaxJwkFileBytes = 64 * 1024;

using ossl::Bn;
using ossl::EcSig;
using ossl::MdCtx;
using ossl::Params;
using ossl::ParamBld;
using ossl::PKey;
using ossl::PKeyCtx;

std::shared_ptr<EVP_PKEY> Share(EVP_PKEY* key) {
  return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

std::string_view Str(const json::Value& obj, std::string_view key) {
  const json::Value* v = obj.Find(key);
  return v != nullptr && v->is_string() ? v->string_value() : std::string_view();
}

// A base64url member that decodes to exactly kCoordinateBytes.
std::optional<std::string> Coordinate(const json::Value& jwk, std::string_view key) {
  auto bytes = Base64UrlDecode(Str(jwk, key));
  if (!bytes || bytes->size() != kCoordinateBytes) return std::nullopt;
  return bytes;
}

// A big-endian BIGNUM parameter of `key`, left-padded to kCoordinateBytes.
std::optional<std::string> FixedBytes(const EVP_PKEY* key, const char* name) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &raw) != 1) return std::nullopt;
  Bn bn(raw);
  std::string out(kCoordinateBytes, '\0');
  if (BN_bn2binpad(bn.get(), reinterpret_cast<unsigned char*>(out.data()),
                   static_cast<int>(out.size())) < 0) {
    return std::nullopt;
  }
  return out;
}

std::string Sha256(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr) != 1) return {};
  return std::string(reinterpret_cast<char*>(md), len);
}

// RFC 7638: SHA-256 of the required members in lexicographic order, no whitespace.
std::string Thumbprint(std::string_view x, std::string_view y) {
  std::string canonical = R"({"crv":"P-384","kty":"EC","x":")" + std::string(x) + R"(","y":")" +
                          std::string(y) + "\"}";
  return Base64UrlEncode(Sha256(canonical));
}

// Builds the key pair from raw x, y, d and checks that the point is on the curve and that d is
// its private key.
std::shared_ptr<EVP_PKEY> KeyPair(const std::string& x, const std::string& y,
                                  const std::string& d) {
  std::string point = "\x04" + x + y;
  Bn priv(BN_bin2bn(reinterpret_cast<const unsigned char*>(d.data()), static_cast<int>(d.size()),
                    nullptr));
  ParamBld bld(OSSL_PARAM_BLD_new());
  char group[] = "secp384r1";
  if (!priv || !bld ||
      !OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, 0) ||
      !OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                        point.size()) ||
      !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, priv.get())) {
    return nullptr;
  }
  Params params(OSSL_PARAM_BLD_to_param(bld.get()));
  PKeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_KEYPAIR, params.get()) <= 0) {
    return nullptr;
  }
  std::shared_ptr<EVP_PKEY> key = Share(raw);
  PKeyCtx check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
  if (!check || EVP_PKEY_public_check(check.get()) != 1 ||
      EVP_PKEY_pairwise_check(check.get()) != 1) {
    return nullptr;
  }
  return key;
}

// JOSE wants r||s, each left-padded to the coordinate size; OpenSSL produces DER.
std::optional<std::string> RawSignature(const std::string& der) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  EcSig sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
  if (!sig) return std::nullopt;
  std::string raw(2 * kCoordinateBytes, '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), out, kCoordinateBytes) < 0 ||
      BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), out + kCoordinateBytes, kCoordinateBytes) < 0) {
    return std::nullopt;
  }
  return raw;
}

json::Value Text(std::string_view s) { return json::Value::String(std::string(s)); }

bool LooksLikeJson(const std::string& s) {
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    return c == '{';
  }
  return false;
}

}  // namespace

Result<Es384JwtSigner> Es384JwtSigner::Generate() {
  EVP_PKEY* raw = EVP_EC_gen("P-384");
  if (raw == nullptr) {
    ERR_clear_error();
    return Internal("cannot generate an EC P-384 key");
  }
  std::shared_ptr<EVP_PKEY> key = Share(raw);
  auto x = FixedBytes(key.get(), OSSL_PKEY_PARAM_EC_PUB_X);
  auto y = FixedBytes(key.get(), OSSL_PKEY_PARAM_EC_PUB_Y);
  auto d = FixedBytes(key.get(), OSSL_PKEY_PARAM_PRIV_KEY);
  if (!x || !y || !d) {
    ERR_clear_error();
    return Internal("cannot read the parts of a new EC P-384 key");
  }
  Es384JwtSigner s;
  s.key_ = std::move(key);
  s.x_ = Base64UrlEncode(*x);
  s.y_ = Base64UrlEncode(*y);
  s.d_ = Base64UrlEncode(*d);
  s.kid_ = Thumbprint(s.x_, s.y_);
  return s;
}

Result<Es384JwtSigner> Es384JwtSigner::FromJwk(const json::Value& jwk) {
  if (!jwk.is_object()) return InvalidArgument("JWK: not a JSON object");
  if (Str(jwk, "kty") != "EC" || Str(jwk, "crv") != "P-384") {
    return InvalidArgument("JWK: kty must be \"EC\" and crv \"P-384\"");
  }
  if (jwk.Find("alg") != nullptr && Str(jwk, "alg") != "ES384") {
    return InvalidArgument("JWK: alg must be \"ES384\"");
  }
  if (jwk.Find("use") != nullptr && Str(jwk, "use") != "sig") {
    return InvalidArgument("JWK: use must be \"sig\"");
  }
  if (Str(jwk, "kid").empty()) return InvalidArgument("JWK: kid is required");
  auto x = Coordinate(jwk, "x");
  auto y = Coordinate(jwk, "y");
  if (!x || !y) return InvalidArgument("JWK: x and y must be base64url of 48 bytes");
  auto d = Coordinate(jwk, "d");
  if (!d) return InvalidArgument("JWK: d must be base64url of 48 bytes (a private key)");
  std::shared_ptr<EVP_PKEY> key = KeyPair(*x, *y, *d);
  ERR_clear_error();
  if (!key) return InvalidArgument("JWK: d is not the private key of the point (x, y)");
  Es384JwtSigner s;
  s.key_ = std::move(key);
  s.kid_ = std::string(Str(jwk, "kid"));
  s.x_ = std::string(Str(jwk, "x"));
  s.y_ = std::string(Str(jwk, "y"));
  s.d_ = std::string(Str(jwk, "d"));
  return s;
}

json::Value Es384JwtSigner::Members(bool with_private) const {
  std::vector<json::Member> m;
  m.push_back({"kty", Text("EC")});
  m.push_back({"crv", Text("P-384")});
  m.push_back({"x", Text(x_)});
  m.push_back({"y", Text(y_)});
  if (with_private) m.push_back({"d", Text(d_)});
  m.push_back({"kid", Text(kid_)});
  m.push_back({"alg", Text("ES384")});
  m.push_back({"use", Text("sig")});
  return json::Value::Object(std::move(m));
}

json::Value Es384JwtSigner::PublicJwk() const { return Members(false); }
json::Value Es384JwtSigner::PrivateJwk() const { return Members(true); }

Result<std::string> Es384JwtSigner::Sign(const json::Value& claims) const {
  std::vector<json::Member> header;
  header.push_back({"alg", Text("ES384")});
  header.push_back({"kid", Text(kid_)});
  header.push_back({"typ", Text("JWT")});
  std::string input = Base64UrlEncode(json::Write(json::Value::Object(std::move(header)))) + "." +
                      Base64UrlEncode(json::Write(claims));
  MdCtx md(EVP_MD_CTX_new());
  std::size_t len = 0;
  const auto* in = reinterpret_cast<const unsigned char*>(input.data());
  if (!md || EVP_DigestSignInit(md.get(), nullptr, EVP_sha384(), nullptr, key_.get()) != 1 ||
      EVP_DigestSign(md.get(), nullptr, &len, in, input.size()) != 1) {
    ERR_clear_error();
    return Internal("ES384 signing failed");
  }
  std::string der(len, '\0');
  if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(der.data()), &len, in,
                     input.size()) != 1) {
    ERR_clear_error();
    return Internal("ES384 signing failed");
  }
  der.resize(len);
  auto raw = RawSignature(der);
  if (!raw) return Internal("ES384 signing produced an unreadable signature");
  return input + "." + Base64UrlEncode(*raw);
}

Result<std::string> SignClientAssertion(const std::string& jwk_file_or_json,
                                        std::string_view client_id, std::string_view token_url,
                                        std::string_view jti, std::int64_t iat, std::int64_t exp) {
  if (client_id.empty() || token_url.empty() || jti.empty()) {
    return InvalidArgument("client assertion: client_id, token_url and jti are required");
  }
  if (exp <= iat) return InvalidArgument("client assertion: exp must be after iat");
  bool inline_json = LooksLikeJson(jwk_file_or_json);
  std::string where = inline_json ? "JWK text" : jwk_file_or_json;
  std::string text = jwk_file_or_json;
  if (!inline_json) {
    auto read = ReadFile(jwk_file_or_json, kMaxJwkFileBytes);
    if (!read.ok()) return read.status();
    text = std::move(read).value();
  }
  json::ParseLimits limits;
  limits.max_bytes = kMaxJwkFileBytes;
  limits.max_depth = 8;
  auto jwk = json::Parse(text, limits);
  if (!jwk.ok()) return InvalidArgument(where + ": not a JSON JWK: " + jwk.status().message());
  auto signer = Es384JwtSigner::FromJwk(*jwk);
  if (!signer.ok()) return InvalidArgument(where + ": " + signer.status().message());
  std::vector<json::Member> claims;
  claims.push_back({"iss", Text(client_id)});
  claims.push_back({"sub", Text(client_id)});
  claims.push_back({"aud", Text(token_url)});
  claims.push_back({"jti", Text(jti)});
  claims.push_back({"iat", json::Value::Number(std::to_string(iat))});
  claims.push_back({"exp", json::Value::Number(std::to_string(exp))});
  return signer->Sign(json::Value::Object(std::move(claims)));
}

}  // namespace gw::shell
