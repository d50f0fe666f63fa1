// SMART Backend Services token service: scopes, the client-assertion rules (a valid RS384 and
// ES384 assertion, then one bad assertion per rule, all refused), the token endpoint's request
// rules, and bearer tokens. Keys are made with OpenSSL at test time; signatures are real.
#define BOOST_TEST_MODULE auth_test
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>

#include <boost/test/unit_test.hpp>
#include <memory>
#include <string>
#include <vector>

#include "gateway/core/auth/bearer.h"
#include "gateway/core/auth/form.h"
#include "gateway/core/auth/jwt.h"
#include "gateway/core/auth/scopes.h"
#include "gateway/core/auth/token_endpoint.h"
#include "gateway/core/base/base64.h"
#include "gateway/core/json/parse.h"
#include "gateway/core/json/write.h"
#include "gateway/shell/auth/memory_token_stores.h"
#include "gateway/shell/crypto/openssl_signature_verifier.h"

namespace gw::auth {
namespace {

constexpr std::int64_t kNow = 1'790'000'000'000;  // ms
constexpr char kTokenUrl[] = "https://localhost:8443/auth/token";

json::Value J(std::string_view text) { return json::Parse(text).value(); }

std::string B64(std::string_view s) { return Base64UrlEncode(s); }

std::string BnBytes(const EVP_PKEY* key, const char* name, std::size_t pad = 0) {
  BIGNUM* bn = nullptr;
  EVP_PKEY_get_bn_param(key, name, &bn);
  std::string out(static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
  BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
  BN_free(bn);
  if (out.size() < pad) out.insert(0, pad - out.size(), '\0');
  return out;
}

struct Key {
  std::shared_ptr<EVP_PKEY> pkey;
  std::string alg;
  std::string jwk;  // public JWK text (kid set by the caller)
};

Key MakeRsa(int bits = 2048) {
  EVP_PKEY* k = EVP_RSA_gen(static_cast<unsigned>(bits));
  Key key{std::shared_ptr<EVP_PKEY>(k, EVP_PKEY_free), "RS384", ""};
  key.jwk = R"("kty":"RSA","n":")" + B64(BnBytes(k, OSSL_PKEY_PARAM_RSA_N)) + R"(","e":")" +
            B64(BnBytes(k, OSSL_PKEY_PARAM_RSA_E)) + "\"";
  return key;
}

Key MakeEc() {
  EVP_PKEY* k = EVP_EC_gen("P-384");
  Key key{std::shared_ptr<EVP_PKEY>(k, EVP_PKEY_free), "ES384", ""};
  key.jwk = R"("kty":"EC","crv":"P-384","x":")" + B64(BnBytes(k, OSSL_PKEY_PARAM_EC_PUB_X, 48)) +
            R"(","y":")" + B64(BnBytes(k, OSSL_PKEY_PARAM_EC_PUB_Y, 48)) + "\"";
  return key;
}

std::string Sign(const Key& key, const std::string& input) {
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  EVP_DigestSignInit(md, nullptr, EVP_sha384(), nullptr, key.pkey.get());
  std::size_t len = 0;
  EVP_DigestSign(md, nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()),
                 input.size());
  std::string sig(len, '\0');
  EVP_DigestSign(md, reinterpret_cast<unsigned char*>(sig.data()), &len,
                 reinterpret_cast<const unsigned char*>(input.data()), input.size());
  EVP_MD_CTX_free(md);
  sig.resize(len);
  if (key.alg != "ES384") return sig;
  const unsigned char* p = reinterpret_cast<const unsigned char*>(sig.data());
  ECDSA_SIG* es = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size()));
  std::string raw(96, '\0');
  BN_bn2binpad(ECDSA_SIG_get0_r(es), reinterpret_cast<unsigned char*>(raw.data()), 48);
  BN_bn2binpad(ECDSA_SIG_get0_s(es), reinterpret_cast<unsigned char*>(raw.data() + 48), 48);
  ECDSA_SIG_free(es);
  return raw;
}

std::string Jws(const std::string& header, const std::string& payload, const Key& key) {
  std::string input = B64(header) + "." + B64(payload);
  return input + "." + B64(Sign(key, input));
}

std::string Claims(const std::string& client, std::int64_t exp_s, const std::string& jti,
                   const std::string& extra = "") {
  return R"({"iss":")" + client + R"(","sub":")" + client + R"(","aud":")" + kTokenUrl +
         R"(","exp":)" + std::to_string(exp_s) + R"(,"jti":")" + jti + "\"" + extra + "}";
}

std::string Header(const std::string& alg, const std::string& kid) {
  return R"({"alg":")" + alg + R"(","kid":")" + kid + R"(","typ":"JWT"})";
}

struct Fixture {
  Key rsa = MakeRsa();
  Key ec = MakeEc();
  Key other = MakeRsa();
  ClientRegistry clients;
  shell::OpenSslSignatureVerifier verifier;
  shell::MemoryReplayGuard replay;
  shell::MemoryAccessTokenStore tokens;
  int jti = 0;

  Fixture() {
    RegisteredClient c;
    c.client_id = "ehr-1";
    c.jwks = J(R"({"keys":[{)" + rsa.jwk + R"(,"kid":"r1"},{)" + ec.jwk + R"(,"kid":"e1"},{)" +
               rsa.jwk + R"(,"kid":"dup"},{)" + other.jwk + R"(,"kid":"dup"}]})");
    c.allowed = ParseScopes("system/CarePlan.rs system/Patient.read").value().scopes;
    clients.Add(std::move(c));
  }

  std::string NextJti() { return "jti-" + std::to_string(++jti); }
  std::int64_t Exp() const { return kNow / 1000 + 240; }

  std::string Good(const Key& key, const std::string& kid) {
    return Jws(Header(key.alg, kid), Claims("ehr-1", Exp(), NextJti()), key);
  }

  TokenResponse Post(const std::string& assertion, const std::string& scope = "system/CarePlan.rs",
                     const std::string& extra = "") {
    AssertionContext ctx{clients, verifier, replay, kTokenUrl, kNow};
    std::string body =
        "grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3A"
        "client-assertion-type%3Ajwt-bearer&scope=" +
        scope + "&client_assertion=" + assertion + extra;
    return HandleTokenRequest("application/x-www-form-urlencoded", body, ctx, tokens);
  }
};

std::string ErrorOf(const TokenResponse& r) {
  auto v = json::Parse(r.body);
  if (!v.ok()) return "?";
  const json::Value* e = v->Find("error");
  return e != nullptr && e->is_string() ? std::string(e->string_value()) : "";
}

BOOST_AUTO_TEST_CASE(base64url_strict) {
  BOOST_TEST(Base64UrlEncode("\xfb\xff") == "-_8");
  BOOST_TEST(*Base64UrlDecode("-_8") == "\xfb\xff");
  BOOST_TEST(!Base64UrlDecode("-_9").has_value());   // non-zero trailing bits
  BOOST_TEST(!Base64UrlDecode("ab+/").has_value());  // standard alphabet
  BOOST_TEST(!Base64UrlDecode("YQ==").has_value());  // padding
  BOOST_TEST(!Base64UrlDecode("a").has_value());
  for (const std::string& s :
       std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\x01\xff", 3)}) {
    BOOST_TEST(*Base64UrlDecode(Base64UrlEncode(s)) == s);
  }
}

BOOST_AUTO_TEST_CASE(scopes_v1_and_v2) {
  auto s = ParseScopes(
      "system/CarePlan.read system/Patient.cruds system/*.s launch openid "
      "system/Goal.rs?category=x");
  BOOST_TEST_REQUIRE(s.ok());
  const ScopeSet& set = s->scopes;
  BOOST_TEST(set.Allows("CarePlan", kRead));
  BOOST_TEST(set.Allows("CarePlan", kSearch));
  BOOST_TEST(!set.Allows("CarePlan", kCreate));
  BOOST_TEST(set.Allows("Patient", kDelete | kUpdate));
  BOOST_TEST(set.Allows("Goal", kSearch));  // system/*.s
  BOOST_TEST(!set.Allows("Goal", kRead));
  BOOST_TEST(s->ignored.size() == 3u);
  BOOST_TEST(!ParseScopes("system/CarePlan.sr").ok());  // out of order
  BOOST_TEST(!ParseScopes("system/CarePlan.x").ok());
  BOOST_TEST(!ParseScopes("system/carePlan.read").ok());
  BOOST_TEST(!ParseScopes("system/CarePlan").ok());
  ScopeSet allowed = ParseScopes("system/CarePlan.rs").value().scopes;
  ScopeSet granted = allowed.Grant(ParseScopes("system/CarePlan.read system/CarePlan.c "
                                               "system/*.read")
                                       .value()
                                       .scopes);
  BOOST_TEST(granted.ToString() == "system/CarePlan.read");
}

BOOST_AUTO_TEST_CASE(form_rules) {
  auto f = ParseForm("a=1&b=x+y%21&c=");
  BOOST_TEST_REQUIRE(f.ok());
  BOOST_TEST(f->at("b") == "x y!");
  BOOST_TEST(f->at("c").empty());
  BOOST_TEST(!ParseForm("a=1&a=2").ok());
  BOOST_TEST(!ParseForm("a=%2").ok());
  BOOST_TEST(!ParseForm("a=%zz").ok());
  BOOST_TEST(!ParseForm(std::string(kMaxFormBytes + 1, 'a')).ok());
}

BOOST_AUTO_TEST_CASE(valid_assertions_get_tokens) {
  Fixture f;
  for (auto [key, kid] : {std::pair{&f.rsa, "r1"}, std::pair{&f.ec, "e1"}}) {
    TokenResponse r = f.Post(f.Good(*key, kid), "system/CarePlan.rs%20system/Patient.read");
    BOOST_TEST(r.status == 200, r.body);
    auto body = J(r.body);
    BOOST_TEST(body.Find("scope")->string_value() == "system/CarePlan.rs system/Patient.read");
    BOOST_TEST(body.Find("expires_in")->number_text() == "300");
    BOOST_TEST(body.Find("refresh_token") == nullptr);
    std::string token(body.Find("access_token")->string_value());
    BOOST_TEST(token.size() >= 43u);
    BearerResult b = AuthenticateBearer("Bearer " + token, f.tokens, kNow + 1000);
    BOOST_TEST(b.ok);
    BOOST_TEST(b.principal.client_id == "ehr-1");
    BOOST_TEST(b.principal.scopes.Allows("CarePlan", kSearch));
    BOOST_TEST(!b.principal.scopes.Allows("CarePlan", kCreate));
    BOOST_TEST(!AuthenticateBearer("Bearer " + token, f.tokens, kNow + 300'000).ok);  // expired
  }
}

BOOST_AUTO_TEST_CASE(bad_assertions_are_refused) {
  Fixture f;
  std::int64_t exp = f.Exp();
  auto claims = [&](const std::string& extra = "") {
    return Claims("ehr-1", exp, f.NextJti(), extra);
  };
  std::string good_header = Header("RS384", "r1");
  std::string hmac_input = B64(R"({"alg":"HS384","kid":"r1"})") + "." + B64(claims());
  unsigned char mac[48];
  unsigned int mac_len = 0;
  std::string secret = f.rsa.jwk;
  HMAC(EVP_sha384(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(hmac_input.data()), hmac_input.size(), mac, &mac_len);
  std::string tampered = f.Good(f.rsa, "r1");
  {
    std::size_t dot = tampered.find('.');
    std::string other_payload = B64(Claims("ehr-1", exp + 10, "jti-x"));
    std::size_t dot2 = tampered.find('.', dot + 1);
    tampered = tampered.substr(0, dot + 1) + other_payload + tampered.substr(dot2);
  }
  std::string replayed = f.Good(f.rsa, "r1");
  BOOST_TEST(f.Post(replayed).status == 200);
  Key weak = MakeRsa(1024);
  f.clients.Add(RegisteredClient{"weak", J(R"({"keys":[{)" + weak.jwk + R"(,"kid":"w"}]})"),
                                 ParseScopes("system/*.read").value().scopes});
  f.clients.Add(RegisteredClient{"leaky",
                                 J(R"({"keys":[{)" + f.rsa.jwk + R"(,"kid":"p","d":"AQAB"}]})"),
                                 ParseScopes("system/*.read").value().scopes});
  struct Case {
    const char* name;
    std::string assertion;
  };
  std::vector<Case> cases = {
      {"alg none", B64(R"({"alg":"none","kid":"r1"})") + "." + B64(claims()) + "."},
      {"alg none with signature",
       B64(R"({"alg":"none","kid":"r1"})") + "." + B64(claims()) + ".AAAA"},
      {"HS384 keyed with the public key",
       hmac_input + "." + B64(std::string(reinterpret_cast<char*>(mac), mac_len))},
      {"RS256", Jws(Header("RS256", "r1"), claims(), f.rsa)},
      {"no kid", Jws(R"({"alg":"RS384"})", claims(), f.rsa)},
      {"unknown kid", Jws(Header("RS384", "nope"), claims(), f.rsa)},
      {"kid of two keys", Jws(Header("RS384", "dup"), claims(), f.rsa)},
      {"EC kid with RS384", Jws(Header("RS384", "e1"), claims(), f.rsa)},
      {"RSA kid with ES384", Jws(Header("ES384", "r1"), claims(), f.ec)},
      {"typ not JWT", Jws(R"({"alg":"RS384","kid":"r1","typ":"JOSE+JSON"})", claims(), f.rsa)},
      {"crit header", Jws(R"({"alg":"RS384","kid":"r1","crit":["x"],"x":1})", claims(), f.rsa)},
      {"iss differs from sub",
       Jws(good_header,
           R"({"iss":"ehr-1","sub":"ehr-2","aud":")" + std::string(kTokenUrl) + R"(","exp":)" +
               std::to_string(exp) + R"(,"jti":"a1"})",
           f.rsa)},
      {"unknown client", Jws(good_header, Claims("ehr-9", exp, "a2"), f.rsa)},
      {"aud is another URL",
       Jws(good_header,
           R"({"iss":"ehr-1","sub":"ehr-1","aud":"https://evil/token","exp":)" +
               std::to_string(exp) + R"(,"jti":"a3"})",
           f.rsa)},
      {"no aud",
       Jws(good_header,
           R"({"iss":"ehr-1","sub":"ehr-1","exp":)" + std::to_string(exp) + R"(,"jti":"a4"})",
           f.rsa)},
      {"no exp",
       Jws(good_header,
           R"({"iss":"ehr-1","sub":"ehr-1","aud":")" + std::string(kTokenUrl) + R"(","jti":"a5"})",
           f.rsa)},
      {"expired", Jws(good_header, Claims("ehr-1", kNow / 1000 - 1, "a6"), f.rsa)},
      {"exp more than five minutes ahead",
       Jws(good_header, Claims("ehr-1", kNow / 1000 + 301, "a7"), f.rsa)},
      {"exp as a string", Jws(good_header,
                              R"({"iss":"ehr-1","sub":"ehr-1","aud":")" + std::string(kTokenUrl) +
                                  R"(","exp":")" + std::to_string(exp) + R"(","jti":"a8"})",
                              f.rsa)},
      {"no jti", Jws(good_header,
                     R"({"iss":"ehr-1","sub":"ehr-1","aud":")" + std::string(kTokenUrl) +
                         R"(","exp":)" + std::to_string(exp) + "}",
                     f.rsa)},
      {"nbf in the future",
       Jws(good_header, claims(R"(,"nbf":)" + std::to_string(kNow / 1000 + 120)), f.rsa)},
      {"payload changed after signing", tampered},
      {"signed by another key", Jws(good_header, claims(), f.other)},
      {"jti replayed", replayed},
      {"two segments", B64(good_header) + "." + B64(claims())},
      {"four segments", f.Good(f.rsa, "r1") + ".AAAA"},
      {"header not base64url", "!!!." + B64(claims()) + ".AAAA"},
      {"header not JSON", B64("not json") + "." + B64(claims()) + ".AAAA"},
      {"payload is an array", B64(good_header) + "." + B64("[1]") + ".AAAA"},
      {"weak RSA key", Jws(Header("RS384", "w"), Claims("weak", exp, "a9"), weak)},
      {"registered key holds a private part",
       Jws(Header("RS384", "p"), Claims("leaky", exp, "b1"), f.rsa)},
      {"oversized", std::string(kMaxJwtBytes + 1, 'a')},
  };
  BOOST_TEST(cases.size() >= 30u);
  for (const Case& c : cases) {
    TokenResponse r = f.Post(c.assertion, "system/Patient.read");
    BOOST_TEST_MESSAGE(c.name << " -> " << r.body);
    BOOST_TEST(r.status == 401, c.name << ": " << r.body);
    BOOST_TEST(ErrorOf(r) == "invalid_client", c.name);
    BOOST_TEST(r.body.find(c.assertion.substr(0, 20)) == std::string::npos, c.name);
  }
}

BOOST_AUTO_TEST_CASE(bad_token_requests_are_refused) {
  Fixture f;
  AssertionContext ctx{f.clients, f.verifier, f.replay, kTokenUrl, kNow};
  auto post = [&](std::string_view ct, const std::string& body) {
    return HandleTokenRequest(ct, body, ctx, f.tokens);
  };
  std::string a = f.Good(f.rsa, "r1");
  std::string cat =
      "client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer";
  BOOST_TEST(ErrorOf(post("application/json", "{}")) == "invalid_request");
  BOOST_TEST(ErrorOf(post("application/x-www-form-urlencoded",
                          "grant_type=password&" + cat + "&client_assertion=" + a)) ==
             "unsupported_grant_type");
  BOOST_TEST(ErrorOf(post("application/x-www-form-urlencoded",
                          "grant_type=client_credentials&client_assertion_type=x&"
                          "client_assertion=" +
                              a)) == "invalid_request");
  BOOST_TEST(ErrorOf(post("application/x-www-form-urlencoded",
                          "grant_type=client_credentials&" + cat)) == "invalid_request");
  BOOST_TEST(ErrorOf(post("application/x-www-form-urlencoded",
                          "grant_type=client_credentials&grant_type=client_credentials&" + cat +
                              "&client_assertion=" + a)) == "invalid_request");
  BOOST_TEST(ErrorOf(f.Post(f.Good(f.rsa, "r1"), "system/CarePlan.bogus")) == "invalid_scope");
  BOOST_TEST(ErrorOf(f.Post(f.Good(f.rsa, "r1"), "system/Claim.c")) == "invalid_scope");
  BOOST_TEST(ErrorOf(f.Post(f.Good(f.rsa, "r1"), "system/CarePlan.rs", "&client_id=ehr-2")) ==
             "invalid_client");
}

BOOST_AUTO_TEST_CASE(bearer_header_forms) {
  Fixture f;
  BOOST_TEST(!AuthenticateBearer("", f.tokens, kNow).ok);
  BOOST_TEST((AuthenticateBearer("", f.tokens, kNow).failure == BearerFailure::kMissing));
  BOOST_TEST((AuthenticateBearer("Basic abc", f.tokens, kNow).failure == BearerFailure::kInvalid));
  BOOST_TEST(!AuthenticateBearer("Bearer ", f.tokens, kNow).ok);
  BOOST_TEST(!AuthenticateBearer("Bearer unknown-token", f.tokens, kNow).ok);
  std::string t = f.tokens.Issue({"c", "system/Patient.rs", kNow + 1000}, kNow);
  BOOST_TEST(AuthenticateBearer("bearer " + t, f.tokens, kNow).ok);
}

}  // namespace
}  // namespace gw::auth
