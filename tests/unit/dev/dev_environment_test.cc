// Development material of `serve --dev`: what EnsureDevMaterial makes in a fresh folder (files,
// modes, certificate contents), that the gateway's own TLS contexts accept it in real in-memory
// handshakes, that a second run reuses everything, that damaged files are refused by name and
// left alone, dev.json, and client assertions signed with the development JWK getting through
// the SMART client-assertion checks and the token endpoint.
#define BOOST_TEST_MODULE dev_environment_test
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "gateway/core/auth/client_assertion.h"
#include "gateway/core/auth/jwt.h"
#include "gateway/core/auth/token_endpoint.h"
#include "gateway/core/base/base64.h"
#include "gateway/core/json/parse.h"
#include "gateway/core/json/write.h"
#include "gateway/shell/auth/memory_token_stores.h"
#include "gateway/shell/crypto/jwt_signer.h"
#include "gateway/shell/crypto/openssl_signature_verifier.h"
#include "gateway/shell/dev/dev_certificates.h"
#include "gateway/shell/dev/dev_environment.h"
#include "gateway/shell/fs/file.h"
#include "gateway/shell/tls/peer_identity.h"
#include "gateway/shell/tls/server_context.h"
#include "gateway/shell/tls/tls_policy.h"

namespace gw::shell::dev {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kNowMs = 1'790'000'000'000;
constexpr char kTokenUrl[] = "https://localhost:8443/auth/token";

struct TempDir {
  TempDir() {
    char tmpl[] = "/tmp/gw-dev-test-XXXXXX";
    BOOST_REQUIRE(mkdtemp(tmpl) != nullptr);
    root = tmpl;
    dir = root + "/nested/data";  // EnsureDevMaterial makes the missing folders
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(root, ignored);
  }
  std::string root;
  std::string dir;
};

DevMaterial Ensure(const std::string& dir) {
  auto m = EnsureDevMaterial(dir);
  BOOST_REQUIRE_MESSAGE(m.ok(), m.status().ToString());
  return std::move(m).value();
}

unsigned ModeOf(const std::string& path) {
  struct stat st;
  BOOST_REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

std::string Read(const std::string& path) { return ReadFile(path).value(); }

void Overwrite(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << data;
}

X509Ptr LoadCert(const std::string& path) {
  auto cert = ParseCertificatePem(Read(path));
  BOOST_REQUIRE(cert.ok());
  return std::move(cert).value();
}

std::string Fingerprint(const std::string& path) { return Sha256Fingerprint(LoadCert(path).get()); }

std::string CommonName(X509* cert) {
  char buf[256] = {};
  X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, buf, sizeof buf);
  return buf;
}

long ValiditySeconds(X509* cert) {
  int days = 0, secs = 0;
  BOOST_REQUIRE(ASN1_TIME_diff(&days, &secs, X509_get0_notBefore(cert), X509_get0_notAfter(cert)));
  return days * 86400L + secs;
}

// Verifies `cert_file` against `ca_file` as a TLS server certificate for `name` (a DNS name or
// an IP address), as a client would.
bool VerifiesAsServer(const std::string& cert_file, const std::string& ca_file,
                      const std::string& name) {
  X509Ptr cert = LoadCert(cert_file);
  X509Ptr ca = LoadCert(ca_file);
  X509_STORE* store = X509_STORE_new();
  X509_STORE_add_cert(store, ca.get());
  X509_STORE_CTX* ctx = X509_STORE_CTX_new();
  X509_STORE_CTX_init(ctx, store, cert.get(), nullptr);
  X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SSL_SERVER);
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx);
  if (X509_VERIFY_PARAM_set1_ip_asc(param, name.c_str()) != 1) {
    X509_VERIFY_PARAM_set1_host(param, name.c_str(), 0);
  }
  bool ok = X509_verify_cert(ctx) == 1;
  X509_STORE_CTX_free(ctx);
  X509_STORE_free(store);
  ERR_clear_error();
  return ok;
}

// ---- in-memory TLS handshakes against the gateway's own server contexts ----

std::shared_ptr<boost::asio::ssl::context> ServerContext(const config::ListenerConfig& l) {
  auto ctx = tls::MakeServerContext(tls::TlsPolicy::Intermediate(l.tls), l.name);
  BOOST_REQUIRE_MESSAGE(ctx.ok(), ctx.status().ToString());
  return std::move(ctx).value();
}

struct ClientCtx {
  explicit ClientCtx(const DevMaterial& m, bool with_partner_cert) {
    ctx = SSL_CTX_new(TLS_client_method());
    BOOST_REQUIRE(SSL_CTX_load_verify_locations(ctx, m.ca_cert_file.c_str(), nullptr) == 1);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
    if (with_partner_cert) {
      BOOST_REQUIRE(SSL_CTX_use_certificate_chain_file(ctx, m.partner_cert_file.c_str()) == 1);
      BOOST_REQUIRE(SSL_CTX_use_PrivateKey_file(ctx, m.partner_key_file.c_str(),
                                                SSL_FILETYPE_PEM) == 1);
      BOOST_REQUIRE(SSL_CTX_check_private_key(ctx) == 1);
    }
  }
  ~ClientCtx() { SSL_CTX_free(ctx); }
  SSL_CTX* ctx = nullptr;
};

struct Handshake {
  bool ok = false;
  std::optional<ports::PeerIdentity> peer;  // what the server verified
};

// Client connects to `name` (DNS name checked against the certificate, or an IP address).
Handshake Connect(SSL_CTX* server_ctx, SSL_CTX* client_ctx, const std::string& name) {
  SSL* server = SSL_new(server_ctx);
  SSL* client = SSL_new(client_ctx);
  BIO* server_bio = nullptr;
  BIO* client_bio = nullptr;
  BOOST_REQUIRE(BIO_new_bio_pair(&server_bio, 0, &client_bio, 0) == 1);
  SSL_set_bio(server, server_bio, server_bio);
  SSL_set_bio(client, client_bio, client_bio);
  SSL_set_accept_state(server);
  SSL_set_connect_state(client);
  X509_VERIFY_PARAM* param = SSL_get0_param(client);
  if (X509_VERIFY_PARAM_set1_ip_asc(param, name.c_str()) != 1) {
    SSL_set_tlsext_host_name(client, name.c_str());
    X509_VERIFY_PARAM_set1_host(param, name.c_str(), 0);
  }
  Handshake h;
  bool client_done = false, server_done = false, failed = false;
  for (int round = 0; round < 50 && !failed && !(client_done && server_done); ++round) {
    if (!client_done) {
      int rc = SSL_do_handshake(client);
      client_done = rc == 1;
      failed = !client_done && SSL_get_error(client, rc) != SSL_ERROR_WANT_READ;
    }
    if (!server_done && !failed) {
      int rc = SSL_do_handshake(server);
      server_done = rc == 1;
      failed = !server_done && SSL_get_error(server, rc) != SSL_ERROR_WANT_READ;
    }
  }
  h.ok = client_done && server_done && !failed;
  // TLS 1.3: a client certificate the server refuses is reported after the client finished.
  if (h.ok) {
    char byte = 0;
    SSL_write(client, "x", 1);
    h.ok = SSL_read(server, &byte, 1) == 1 && byte == 'x';
  }
  if (h.ok) h.peer = tls::VerifiedPeerIdentity(server);
  SSL_free(client);
  SSL_free(server);
  ERR_clear_error();
  return h;
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::vector<std::string> NamesIn(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

BOOST_AUTO_TEST_CASE(fresh_folder_gets_every_file_with_private_modes) {
  TempDir t;
  DevMaterial m = Ensure(t.dir);
  BOOST_TEST(m.dir == t.dir);
  BOOST_TEST(ModeOf(m.dir) == 0700u);
  BOOST_TEST(NamesIn(m.dir) ==
                 (std::vector<std::string>{".lock", "ca.crt", "ca.key", "dev-client.jwk.json",
                                           "partner.crt", "partner.key", "server.crt",
                                           "server.key"}),
             boost::test_tools::per_element());
  for (const std::string* key : {&m.ca_key_file, &m.server_key_file, &m.partner_key_file,
                                 &m.client_jwk_file}) {
    BOOST_TEST(ModeOf(*key) == 0600u, *key);
  }
  for (const std::string* cert : {&m.ca_cert_file, &m.server_cert_file, &m.partner_cert_file}) {
    BOOST_TEST(ModeOf(*cert) == 0644u, *cert);
  }
  BOOST_TEST(m.created.size() == 7u);
  BOOST_TEST(m.client_id == "dev-client");
  BOOST_TEST(m.partner_identity == "urn:fhir-gateway:client:dev-partner");
  BOOST_TEST(Read(m.ca_key_file).find("BEGIN PRIVATE KEY") != std::string::npos);

  // The private JWK on disk and the public JWKS in memory.
  json::Value priv = json::Parse(Read(m.client_jwk_file)).value();
  for (const char* member : {"kty", "crv", "x", "y", "d", "kid", "alg", "use"}) {
    BOOST_TEST(priv.Find(member) != nullptr, member);
  }
  BOOST_TEST(priv.Find("kty")->string_value() == "EC");
  BOOST_TEST(priv.Find("crv")->string_value() == "P-384");
  BOOST_TEST(priv.Find("alg")->string_value() == "ES384");
  BOOST_TEST(priv.Find("use")->string_value() == "sig");
  BOOST_TEST(priv.Find("kid")->string_value() == m.kid);
  BOOST_TEST(!m.kid.empty());
  const json::Value* keys = m.client_jwks.Find("keys");
  BOOST_REQUIRE(keys != nullptr && keys->is_array() && keys->items().size() == 1u);
  const json::Value& pub = keys->items()[0];
  BOOST_TEST(pub.Find("d") == nullptr);
  BOOST_TEST(pub.Find("kid")->string_value() == m.kid);
  BOOST_TEST(pub.Find("x")->string_value() == priv.Find("x")->string_value());
  BOOST_TEST(pub.Find("y")->string_value() == priv.Find("y")->string_value());
}

BOOST_AUTO_TEST_CASE(certificates_say_what_clients_need) {
  TempDir t;
  DevMaterial m = Ensure(t.dir);
  X509Ptr ca = LoadCert(m.ca_cert_file);
  X509Ptr server = LoadCert(m.server_cert_file);
  X509Ptr partner = LoadCert(m.partner_cert_file);
  BOOST_TEST(CommonName(ca.get()) == "fhir-gateway development CA");
  BOOST_TEST(X509_check_ca(ca.get()) >= 1);
  BOOST_TEST(CommonName(server.get()) == "localhost");
  BOOST_TEST(CommonName(partner.get()) == "dev-partner");
  for (X509* c : {ca.get(), server.get(), partner.get()}) {
    BOOST_TEST(ValiditySeconds(c) <= 825L * 86400);
    BOOST_TEST(ValiditySeconds(c) > 800L * 86400);
    BOOST_TEST(X509_cmp_current_time(X509_get0_notBefore(c)) < 0);
  }
  // The server certificate, as a TLS client checks it.
  for (const char* name : {"localhost", "127.0.0.1", "::1"}) {
    BOOST_TEST(VerifiesAsServer(m.server_cert_file, m.ca_cert_file, name), name);
  }
  BOOST_TEST(!VerifiesAsServer(m.server_cert_file, m.ca_cert_file, "example.org"));
  BOOST_TEST(!VerifiesAsServer(m.server_cert_file, m.ca_cert_file, "10.0.0.1"));
  // The partner certificate is not a server certificate; it carries the partner identity.
  BOOST_TEST(!VerifiesAsServer(m.partner_cert_file, m.ca_cert_file, "localhost"));
  ports::PeerIdentity id = tls::PeerIdentityOf(partner.get());
  BOOST_TEST(id.subject_cn == "dev-partner");
  BOOST_TEST(id.san_uris == std::vector<std::string>{"urn:fhir-gateway:client:dev-partner"},
             boost::test_tools::per_element());
  BOOST_TEST(CheckIssuedBy(partner.get(), ca.get(), LeafUse::kTlsClient).ok());
  BOOST_TEST(!CheckIssuedBy(partner.get(), ca.get(), LeafUse::kTlsServer).ok());
}

BOOST_AUTO_TEST_CASE(gateway_tls_contexts_accept_the_material) {
  TempDir t;
  DevMaterial m = Ensure(t.dir);
  config::ServerConfig c = DevServerConfig(m, 0, 0);
  BOOST_REQUIRE(c.listeners.size() == 2u);
  BOOST_TEST(c.listeners[0].name == "public");
  BOOST_TEST(c.listeners[1].name == "partner");
  for (const auto& l : c.listeners) BOOST_TEST(l.address == "127.0.0.1");
  BOOST_TEST(c.data_dir == m.dir);
  auto pub = ServerContext(c.listeners[0]);
  auto partner = ServerContext(c.listeners[1]);
  ClientCtx anonymous(m, false);
  ClientCtx with_cert(m, true);

  for (const char* name : {"localhost", "127.0.0.1", "::1"}) {
    Handshake h = Connect(pub->native_handle(), anonymous.ctx, name);
    BOOST_TEST(h.ok, name);
    BOOST_TEST(!h.peer.has_value());
  }
  BOOST_TEST(!Connect(pub->native_handle(), anonymous.ctx, "example.org").ok);

  BOOST_TEST(!Connect(partner->native_handle(), anonymous.ctx, "localhost").ok);
  Handshake h = Connect(partner->native_handle(), with_cert.ctx, "localhost");
  BOOST_REQUIRE(h.ok);
  BOOST_REQUIRE(h.peer.has_value());
  BOOST_TEST(h.peer->subject_cn == "dev-partner");
  BOOST_TEST(Contains(h.peer->san_uris, std::string(kDevPartnerIdentity)));
}

BOOST_AUTO_TEST_CASE(second_run_reuses_everything) {
  TempDir t;
  DevMaterial first = Ensure(t.dir);
  std::map<std::string, std::string> before;
  for (const std::string* f : {&first.ca_cert_file, &first.server_cert_file,
                               &first.partner_cert_file}) {
    before[*f] = Fingerprint(*f);
  }
  std::string jwk_before = Read(first.client_jwk_file);
  std::string key_before = Read(first.server_key_file);

  DevMaterial second = Ensure(t.dir + "/");  // same folder, written differently
  BOOST_TEST(second.created.empty());
  BOOST_TEST(second.dir == first.dir);
  for (const auto& [file, fingerprint] : before) BOOST_TEST(Fingerprint(file) == fingerprint);
  BOOST_TEST(Read(first.client_jwk_file) == jwk_before);
  BOOST_TEST(Read(first.server_key_file) == key_before);
  BOOST_TEST(second.kid == first.kid);
  BOOST_TEST((second.client_jwks == first.client_jwks));
}

BOOST_AUTO_TEST_CASE(concurrent_first_runs_agree) {
  TempDir t;
  std::vector<Result<DevMaterial>> results(4, Result<DevMaterial>(Internal("not run")));
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] { results[i] = EnsureDevMaterial(t.dir); });
  }
  for (auto& th : threads) th.join();
  std::size_t made = 0;
  for (const auto& r : results) {
    BOOST_REQUIRE_MESSAGE(r.ok(), r.status().ToString());
    BOOST_TEST(r->kid == results[0]->kid);
    if (!r->created.empty()) ++made;
  }
  BOOST_TEST(made == 1u);
}

// Damage one file after a good first run; the next run must fail naming that file and leave
// every file as it was.
struct Damaged {
  TempDir t;
  DevMaterial m = Ensure(t.dir);

  std::string RunAndExpectError(const std::string& file) {
    std::map<std::string, std::string> snapshot;
    for (const auto& name : NamesIn(m.dir)) {
      if (name != ".lock") snapshot[name] = Read(m.dir + "/" + name);
    }
    auto again = EnsureDevMaterial(t.dir);
    BOOST_REQUIRE(!again.ok());
    const std::string& message = again.status().message();
    BOOST_TEST(message.rfind(file + ":", 0) == 0, message);
    std::map<std::string, std::string> after;
    for (const auto& name : NamesIn(m.dir)) {
      if (name != ".lock") after[name] = Read(m.dir + "/" + name);
    }
    BOOST_TEST((after == snapshot));
    return message;
  }
};

BOOST_AUTO_TEST_CASE(corrupt_key_is_an_error_naming_the_file) {
  Damaged d;
  Overwrite(d.m.server_key_file, "-----BEGIN PRIVATE KEY-----\nnot base64\n");
  d.RunAndExpectError(d.m.server_key_file);
}

BOOST_AUTO_TEST_CASE(corrupt_certificate_is_an_error_naming_the_file) {
  Damaged d;
  Overwrite(d.m.ca_cert_file, "garbage");
  d.RunAndExpectError(d.m.ca_cert_file);
}

BOOST_AUTO_TEST_CASE(key_of_another_certificate_is_refused) {
  Damaged d;
  Overwrite(d.m.server_key_file, Read(d.m.partner_key_file));
  std::string message = d.RunAndExpectError(d.m.server_key_file);
  BOOST_TEST(message.find("does not match") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(leaf_of_another_ca_is_refused) {
  Damaged d;
  TempDir other;
  DevMaterial o = Ensure(other.dir);
  Overwrite(d.m.partner_cert_file, Read(o.partner_cert_file));
  Overwrite(d.m.partner_key_file, Read(o.partner_key_file));
  std::string message = d.RunAndExpectError(d.m.partner_cert_file);
  BOOST_TEST(message.find("does not verify") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(server_certificate_in_partner_place_is_refused) {
  Damaged d;
  Overwrite(d.m.partner_cert_file, Read(d.m.server_cert_file));
  Overwrite(d.m.partner_key_file, Read(d.m.server_key_file));
  d.RunAndExpectError(d.m.partner_cert_file);
}

BOOST_AUTO_TEST_CASE(corrupt_or_mismatched_jwk_is_refused) {
  {
    Damaged d;
    Overwrite(d.m.client_jwk_file, "{\"kty\":");
    d.RunAndExpectError(d.m.client_jwk_file);
  }
  {
    Damaged d;
    json::Value jwk = json::Parse(Read(d.m.client_jwk_file)).value();
    json::Value other = Es384JwtSigner::Generate().value().PrivateJwk();
    std::vector<json::Member> members;
    for (const json::Member& mem : jwk.members()) {
      members.push_back({mem.key, mem.key == "d" ? *other.Find("d") : mem.value});
    }
    Overwrite(d.m.client_jwk_file, json::Write(json::Value::Object(members)));
    std::string message = d.RunAndExpectError(d.m.client_jwk_file);
    BOOST_TEST(message.find("not the private key") != std::string::npos);
  }
  {
    Damaged d;  // a public JWK where the private one belongs
    Overwrite(d.m.client_jwk_file, json::Write(d.m.client_jwks.Find("keys")->items()[0]));
    d.RunAndExpectError(d.m.client_jwk_file);
  }
}

BOOST_AUTO_TEST_CASE(private_file_readable_by_others_is_refused) {
  Damaged d;
  BOOST_REQUIRE(::chmod(d.m.ca_key_file.c_str(), 0644) == 0);
  std::string message = d.RunAndExpectError(d.m.ca_key_file);
  BOOST_TEST(message.find("0644") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(half_a_pair_is_refused) {
  Damaged d;
  fs::remove(d.m.server_cert_file);
  d.RunAndExpectError(d.m.server_cert_file);
  BOOST_TEST(!PathExists(d.m.server_cert_file));
}

BOOST_AUTO_TEST_CASE(missing_ca_with_leaves_present_is_refused) {
  Damaged d;
  fs::remove(d.m.ca_cert_file);
  fs::remove(d.m.ca_key_file);
  d.RunAndExpectError(d.m.ca_cert_file);
  BOOST_TEST(!PathExists(d.m.ca_cert_file));
}

BOOST_AUTO_TEST_CASE(missing_leaf_is_made_again_with_the_same_ca) {
  TempDir t;
  DevMaterial first = Ensure(t.dir);
  std::string ca = Fingerprint(first.ca_cert_file);
  fs::remove(first.server_cert_file);
  fs::remove(first.server_key_file);
  DevMaterial second = Ensure(t.dir);
  BOOST_TEST(second.created ==
                 (std::vector<std::string>{first.server_cert_file, first.server_key_file}),
             boost::test_tools::per_element());
  BOOST_TEST(Fingerprint(first.ca_cert_file) == ca);
  BOOST_TEST(VerifiesAsServer(first.server_cert_file, first.ca_cert_file, "localhost"));
}

BOOST_AUTO_TEST_CASE(a_file_where_the_folder_belongs_is_refused) {
  TempDir t;
  fs::create_directories(fs::path(t.dir).parent_path());
  Overwrite(t.dir, "x");
  auto m = EnsureDevMaterial(t.dir);
  BOOST_REQUIRE(!m.ok());
  BOOST_TEST(m.status().message().rfind(t.dir + ":", 0) == 0);
}

BOOST_AUTO_TEST_CASE(dev_json_tells_a_client_everything) {
  TempDir t;
  DevMaterial m = Ensure(t.dir);
  DevEndpoints e{"https://localhost:8443/fhir", "https://localhost:8444/", kTokenUrl};
  BOOST_REQUIRE(WriteDevJson(m, e).ok());
  BOOST_TEST(ModeOf(m.dev_json_file) == 0600u);
  std::string text = Read(m.dev_json_file);
  BOOST_TEST(text == DevJson(m, e));
  json::Value v = json::Parse(text).value();
  std::map<std::string, std::string> expected = {
      {"fhir_base_url", "https://localhost:8443/fhir"},
      {"partner_base_url", "https://localhost:8444/"},
      {"token_url", kTokenUrl},
      {"ca_file", m.ca_cert_file},
      {"client_certificate_file", m.partner_cert_file},
      {"client_key_file", m.partner_key_file},
      {"partner_identity", "urn:fhir-gateway:client:dev-partner"},
      {"client_id", "dev-client"},
      {"client_jwk_file", m.client_jwk_file},
      {"kid", m.kid},
      {"scope", "system/*.*"},
      {"scope_v2", "system/*.cruds"},
  };
  for (const auto& [key, value] : expected) {
    const json::Value* member = v.Find(key);
    BOOST_REQUIRE_MESSAGE(member != nullptr && member->is_string(), key);
    BOOST_TEST(member->string_value() == value, key);
  }
  const json::Value* how = v.Find("how");
  BOOST_REQUIRE(how != nullptr && how->is_string());
  std::string how_text(how->string_value());
  BOOST_TEST(how_text.find('\n') == std::string::npos);
  BOOST_TEST(how_text.find("curl --cacert '" + m.ca_cert_file + "'") != std::string::npos);
  BOOST_TEST(how_text.find("'https://localhost:8444/metadata'") != std::string::npos);
  BOOST_TEST(how_text.find("'https://localhost:8443/fhir/metadata'") != std::string::npos);
  // Rewriting replaces the file atomically and leaves no temporary behind.
  e.token_url = "https://127.0.0.1:9443/token";
  BOOST_REQUIRE(WriteDevJson(m, e).ok());
  BOOST_TEST(json::Parse(Read(m.dev_json_file)).value().Find("token_url")->string_value() ==
             e.token_url);
  for (const auto& name : NamesIn(m.dir)) BOOST_TEST(name.find(".tmp") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(dev_json_quotes_paths_for_the_shell) {
  TempDir t;
  DevMaterial m = Ensure(t.root + "/it's here");
  std::string how(
      json::Parse(DevJson(m, {"https://a", "https://b", "https://c"})).value().Find("how")
          ->string_value());
  BOOST_TEST(how.find("'" + t.root + "/it'\\''s here/ca.crt'") != std::string::npos, how);
}

// ---- client assertions signed with the development JWK ----

struct Smart {
  TempDir t;
  DevMaterial m = Ensure(t.dir);
  auth::ClientRegistry clients;
  OpenSslSignatureVerifier verifier;
  MemoryReplayGuard replay;
  MemoryAccessTokenStore tokens;
  Smart() { clients.Add(DevClient(m)); }

  std::string Assertion(const std::string& jti, const std::string& source = "") {
    std::int64_t now_s = kNowMs / 1000;
    auto a = SignClientAssertion(source.empty() ? m.client_jwk_file : source, m.client_id,
                                 kTokenUrl, jti, now_s, now_s + 240);
    BOOST_REQUIRE_MESSAGE(a.ok(), a.status().ToString());
    return std::move(a).value();
  }
  auth::AssertionContext Context() { return {clients, verifier, replay, kTokenUrl, kNowMs}; }
};

BOOST_AUTO_TEST_CASE(assertion_is_a_raw_es384_jws_that_verifies) {
  Smart s;
  auto jwt = auth::ParseJwt(s.Assertion("jti-1"));
  BOOST_REQUIRE(jwt.ok());
  BOOST_TEST(jwt->header.Find("alg")->string_value() == "ES384");
  BOOST_TEST(jwt->header.Find("kid")->string_value() == s.m.kid);
  BOOST_TEST(jwt->header.Find("typ")->string_value() == "JWT");
  BOOST_TEST(jwt->signature.size() == 96u);  // r||s, not DER
  BOOST_TEST(jwt->payload.Find("iss")->string_value() == "dev-client");
  BOOST_TEST(jwt->payload.Find("sub")->string_value() == "dev-client");
  BOOST_TEST(jwt->payload.Find("aud")->string_value() == kTokenUrl);
  BOOST_TEST(jwt->payload.Find("exp")->number_text() == std::to_string(kNowMs / 1000 + 240));
  const json::Value& key = s.m.client_jwks.Find("keys")->items()[0];
  BOOST_TEST(s.verifier.Verify(key, "ES384", jwt->signing_input, jwt->signature));
  std::string tampered = jwt->signing_input;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  BOOST_TEST(!s.verifier.Verify(key, "ES384", tampered, jwt->signature));
  // A key of another client does not verify it.
  json::Value stranger = Es384JwtSigner::Generate().value().PublicJwk();
  BOOST_TEST(!s.verifier.Verify(stranger, "ES384", jwt->signing_input, jwt->signature));
}

BOOST_AUTO_TEST_CASE(assertion_passes_the_client_assertion_checks_once) {
  Smart s;
  std::string assertion = s.Assertion("jti-once");
  auth::AuthError error;
  const auth::RegisteredClient* client = auth::CheckClientAssertion(assertion, s.Context(), &error);
  BOOST_REQUIRE_MESSAGE(client != nullptr, error.description);
  BOOST_TEST(client->client_id == "dev-client");
  BOOST_TEST(auth::CheckClientAssertion(assertion, s.Context(), &error) == nullptr);
  BOOST_TEST(error.error == "invalid_client");  // the jti was used

  // The JWK given as JSON text instead of a file name signs the same way.
  std::string inline_jwk = "\n  " + Read(s.m.client_jwk_file);
  BOOST_TEST(auth::CheckClientAssertion(s.Assertion("jti-inline", inline_jwk), s.Context(),
                                        &error) != nullptr);
}

BOOST_AUTO_TEST_CASE(dev_client_gets_tokens_for_v1_and_v2_scopes) {
  Smart s;
  int n = 0;
  for (const std::string& scope : {std::string(kDevScope), std::string(kDevScopeV2)}) {
    std::string body =
        "grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3A"
        "client-assertion-type%3Ajwt-bearer&scope=" +
        scope + "&client_assertion=" + s.Assertion("jti-token-" + std::to_string(++n));
    auth::TokenResponse r = auth::HandleTokenRequest("application/x-www-form-urlencoded", body,
                                                     s.Context(), s.tokens);
    BOOST_TEST(r.status == 200, r.body);
    BOOST_TEST(r.client_id == "dev-client");
    json::Value v = json::Parse(r.body).value();
    BOOST_TEST(v.Find("scope")->string_value() == scope);
    BOOST_TEST(!v.Find("access_token")->string_value().empty());
  }
}

BOOST_AUTO_TEST_CASE(signing_refuses_bad_input) {
  Smart s;
  std::int64_t now = kNowMs / 1000;
  auto missing = SignClientAssertion(s.t.root + "/none.json", "dev-client", kTokenUrl, "j", now,
                                     now + 60);
  BOOST_REQUIRE(!missing.ok());
  BOOST_TEST(missing.status().message().find(s.t.root + "/none.json") != std::string::npos);
  std::string public_jwk = json::Write(s.m.client_jwks.Find("keys")->items()[0]);
  BOOST_TEST(!SignClientAssertion(public_jwk, "dev-client", kTokenUrl, "j", now, now + 60).ok());
  BOOST_TEST(!SignClientAssertion("{", "dev-client", kTokenUrl, "j", now, now + 60).ok());
  BOOST_TEST(!SignClientAssertion(s.m.client_jwk_file, "", kTokenUrl, "j", now, now + 60).ok());
  BOOST_TEST(!SignClientAssertion(s.m.client_jwk_file, "dev-client", kTokenUrl, "j", now, now).ok());
  // An RSA or P-256 JWK is not an ES384 key.
  BOOST_TEST(!Es384JwtSigner::FromJwk(
                  json::Parse(R"({"kty":"EC","crv":"P-256","x":"AA","y":"AA","d":"AA","kid":"k"})")
                      .value())
                  .ok());
  // Error messages never carry the private key.
  json::Value priv = json::Parse(Read(s.m.client_jwk_file)).value();
  std::string d(priv.Find("d")->string_value());
  std::string broken = Read(s.m.client_jwk_file);
  broken.replace(broken.find(std::string(priv.Find("x")->string_value())), 4, "AAAA");
  auto refused = SignClientAssertion(broken, "dev-client", kTokenUrl, "j", now, now + 60);
  BOOST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.status().message().find(d) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(generated_kid_is_the_rfc7638_thumbprint) {
  // RFC 7638 section 3.1 uses an RSA key; for EC the same rule gives
  // {"crv","kty","x","y"} in that order. Recompute it independently from the public JWK.
  Es384JwtSigner signer = Es384JwtSigner::Generate().value();
  json::Value pub = signer.PublicJwk();
  std::string canonical = R"({"crv":"P-384","kty":"EC","x":")" +
                          std::string(pub.Find("x")->string_value()) + R"(","y":")" +
                          std::string(pub.Find("y")->string_value()) + "\"}";
  unsigned char md[32];
  unsigned int len = 0;
  EVP_Digest(canonical.data(), canonical.size(), md, &len, EVP_sha256(), nullptr);
  BOOST_TEST(signer.kid() == Base64UrlEncode(std::string(reinterpret_cast<char*>(md), len)));
  BOOST_TEST(signer.kid().size() == 43u);
}

}  // namespace
}  // namespace gw::shell::dev
