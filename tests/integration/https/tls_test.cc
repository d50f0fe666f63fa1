// TLS policy and client-certificate checks against a real server on loopback.
#include <openssl/ssl.h>

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "gateway/shell/tls/server_context.h"
#include "tests/integration/https/server_fixture.h"

namespace gw::testing {
namespace {

// A connection attempt that must not reach the handler: the handshake fails, or the first
// request gets no answer (TLS 1.3 reports a rejected client certificate after the handshake).
bool Refused(std::uint16_t port, const ClientTls& tls) {
  TestClient client(tls);
  if (!client.Connect(port)) return true;
  return !client.Request("GET", "/metadata").has_value();
}

// Runs `openssl s_client` against the port; true when it completed a handshake.
bool OpensslConnects(std::uint16_t port, const std::string& options) {
  std::string cmd = "openssl s_client -connect 127.0.0.1:" + std::to_string(port) + " " + options +
                    " </dev/null >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

// Runs a shell command and returns what it printed (stdout and stderr).
std::string Output(const std::string& command) {
  std::string out;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return out;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  pclose(pipe);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tls)

BOOST_AUTO_TEST_CASE(tls_1_1_is_refused_1_2_and_1_3_accepted) {
  RunningServer s(TwoListenerConfig());
  ClientTls old = PublicClientTls();
  old.min_version = TLS1_VERSION;
  old.max_version = TLS1_1_VERSION;
  old.ciphers = "DEFAULT:@SECLEVEL=0";  // let the client offer TLS 1.1 at all
  TestClient c11(old);
  std::string error;
  BOOST_TEST(!c11.Connect(s.public_port, &error));

  ClientTls v12 = PublicClientTls();
  v12.max_version = TLS1_2_VERSION;
  TestClient c12(v12);
  BOOST_TEST_REQUIRE(c12.Connect(s.public_port, &error), error);
  BOOST_TEST(c12.TlsVersion() == "TLSv1.2");
  std::string intermediate(shell::tls::kIntermediateTls12Ciphers);
  BOOST_TEST(intermediate.find(c12.Cipher()) != std::string::npos, c12.Cipher());
  BOOST_TEST(StatusOf(c12.Request("GET", "/metadata")) == 200);

  TestClient c13(PublicClientTls());
  BOOST_TEST_REQUIRE(c13.Connect(s.public_port, &error), error);
  BOOST_TEST(c13.TlsVersion() == "TLSv1.3");
  BOOST_TEST(StatusOf(c13.Request("GET", "/metadata")) == 200);
}

BOOST_AUTO_TEST_CASE(openssl_cli_sees_the_same_versions) {
  if (std::system("command -v openssl >/dev/null 2>&1") != 0) {
    std::puts("GW_SKIPPED: openssl command not found");
    return;
  }
  RunningServer s(TwoListenerConfig());
  BOOST_TEST(!OpensslConnects(s.public_port, "-tls1_1 -cipher DEFAULT@SECLEVEL=0"));
  BOOST_TEST(!OpensslConnects(s.public_port, "-tls1"));
  BOOST_TEST(OpensslConnects(s.public_port, "-tls1_2"));
  BOOST_TEST(OpensslConnects(s.public_port, "-tls1_3"));
  // "R" asks s_client to renegotiate (TLS 1.2); the server refuses.
  std::string reneg = Output("(echo R; sleep 1) | openssl s_client -tls1_2 -connect 127.0.0.1:" +
                             std::to_string(s.public_port));
  BOOST_TEST(reneg.find("RENEGOTIATING") != std::string::npos, reneg);
  BOOST_TEST(reneg.find("no renegotiation") != std::string::npos, reneg);
}

BOOST_AUTO_TEST_CASE(cbc_and_non_forward_secret_tls12_ciphers_are_refused) {
  RunningServer s(TwoListenerConfig());
  for (const char* cipher :
       {"ECDHE-ECDSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA384", "AES128-GCM-SHA256"}) {
    ClientTls tls = PublicClientTls();
    tls.max_version = TLS1_2_VERSION;
    tls.ciphers = cipher;
    TestClient client(tls);
    BOOST_TEST(!client.Connect(s.public_port), cipher);
  }
}

BOOST_AUTO_TEST_CASE(public_listener_needs_no_client_certificate) {
  RunningServer s(TwoListenerConfig());
  TestClient client(PublicClientTls());
  BOOST_TEST_REQUIRE(client.Connect(s.public_port));
  auto reply = client.Request("GET", "/Patient/1");
  BOOST_TEST_REQUIRE(reply.has_value());
  BOOST_TEST(reply->status == 200);
  ports::HttpRequest seen = s.handler.Last();
  BOOST_TEST(seen.listener == "public");
  BOOST_TEST(!seen.peer.has_value());
}

BOOST_AUTO_TEST_CASE(public_listener_ignores_a_client_certificate) {
  RunningServer s(TwoListenerConfig());
  TestClient client(PartnerClientTls("client"));
  BOOST_TEST_REQUIRE(client.Connect(s.public_port));
  BOOST_TEST(StatusOf(client.Request("GET", "/x")) == 200);
  BOOST_TEST(!s.handler.Last().peer.has_value());  // not requested, so not an identity
}

BOOST_AUTO_TEST_CASE(partner_listener_refuses_missing_foreign_and_expired_certificates) {
  RunningServer s(TwoListenerConfig());
  for (int max_version : {TLS1_2_VERSION, TLS1_3_VERSION}) {
    for (const char* name : {"", "client-foreign", "client-expired"}) {
      ClientTls tls = PartnerClientTls(name);
      tls.max_version = max_version;
      BOOST_TEST(Refused(s.partner_port, tls), "certificate '" << name << "' v" << max_version);
    }
  }
  BOOST_TEST(s.handler.calls.load() == 0);
}

BOOST_AUTO_TEST_CASE(partner_listener_accepts_the_partner_and_tells_who_it_is) {
  RunningServer s(TwoListenerConfig());
  for (int max_version : {TLS1_2_VERSION, TLS1_3_VERSION}) {
    ClientTls tls = PartnerClientTls("client");
    tls.max_version = max_version;
    TestClient client(tls);
    std::string error;
    BOOST_TEST_REQUIRE(client.Connect(s.partner_port, &error), error);
    auto reply = client.Request("POST", "/Bundle", R"({"resourceType":"Bundle"})");
    BOOST_TEST_REQUIRE(reply.has_value());
    BOOST_TEST(reply->status == 200);
    ports::HttpRequest seen = s.handler.Last();
    BOOST_TEST(seen.listener == "partner");
    BOOST_TEST_REQUIRE(seen.peer.has_value());
    BOOST_TEST(seen.peer->subject_cn == "hie-hub");
    BOOST_TEST_REQUIRE(seen.peer->san_uris.size() == 1u);
    BOOST_TEST(seen.peer->san_uris[0] == "urn:fhir-gateway:client:hie-hub");
    BOOST_TEST(seen.body == R"({"resourceType":"Bundle"})");
  }
}

BOOST_AUTO_TEST_CASE(bad_tls_files_name_the_listener_field) {
  config::ServerConfig c = TwoListenerConfig();
  c.listeners[1].tls.key_file = CertFile("client.key");  // does not match server.crt
  RecordingHandler handler;
  auto server = shell::http::HttpsServer::Create(c, handler);
  BOOST_TEST_REQUIRE(!server.ok());
  BOOST_TEST(server.status().message().rfind("listeners[1].tls.key_file: ", 0) == 0,
             server.status().message());
  c = TwoListenerConfig();
  c.listeners[0].tls.cert_file = CertDir() + "/missing.crt";
  server = shell::http::HttpsServer::Create(c, handler);
  BOOST_TEST_REQUIRE(!server.ok());
  BOOST_TEST(server.status().message().rfind("listeners[0].tls.cert_file: ", 0) == 0,
             server.status().message());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace gw::testing
