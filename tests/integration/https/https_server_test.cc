// The HTTPS server's transport behaviour on loopback: limits, timeouts, keep-alive, transport
// errors as OperationOutcomes, and graceful shutdown.
#define BOOST_TEST_MODULE https_server
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <future>
#include <string>
#include <thread>

#include "gateway/core/json/parse.h"
#include "tests/integration/https/server_fixture.h"

namespace gw::testing {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

long MsSince(Clock::time_point start) {
  return std::chrono::duration_cast<milliseconds>(Clock::now() - start).count();
}

// The body is an OperationOutcome with one issue of this type and the connection closes.
void ExpectOutcome(const Reply& r, std::string_view issue_type) {
  BOOST_TEST(r.Header("Content-Type") == "application/fhir+json");
  BOOST_TEST(!r.keep_alive);
  auto outcome = json::Parse(r.body);
  BOOST_TEST_REQUIRE(outcome.ok(), r.body);
  BOOST_TEST(outcome->Find("resourceType")->string_value() == "OperationOutcome");
  const json::Value& issue = outcome->Find("issue")->items()[0];
  BOOST_TEST(issue.Find("code")->string_value() == issue_type);
}

std::unique_ptr<TestClient> Connected(std::uint16_t port) {
  auto client = std::make_unique<TestClient>(PublicClientTls());
  BOOST_TEST_REQUIRE(client->Connect(port));
  return client;
}

}  // namespace

BOOST_AUTO_TEST_CASE(many_keep_alive_requests_share_one_connection) {
  RunningServer s(TwoListenerConfig());
  auto client = Connected(s.public_port);
  for (int i = 0; i < 300; ++i) {
    auto reply = client->Request("GET", "/Patient/" + std::to_string(i));
    BOOST_TEST_REQUIRE(StatusOf(reply) == 200, "request " << i);
    BOOST_TEST_REQUIRE(reply->keep_alive);
  }
  BOOST_TEST(s.handler.calls.load() == 300);
  BOOST_TEST(s.handler.Last().target == "/Patient/299");
}

BOOST_AUTO_TEST_CASE(pipelined_requests_are_answered_in_order) {
  RunningServer s(TwoListenerConfig());
  auto client = Connected(s.public_port);
  BOOST_TEST_REQUIRE(
      client->SendRaw("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n"));
  BOOST_TEST(StatusOf(client->ReadReply()) == 200);
  BOOST_TEST(StatusOf(client->ReadReply()) == 200);
  BOOST_TEST(s.handler.calls.load() == 2);
  BOOST_TEST(s.handler.Last().target == "/b");
}

BOOST_AUTO_TEST_CASE(declared_body_over_the_limit_gets_413_before_the_body_is_sent) {
  RunningServer s(TwoListenerConfig());
  auto client = Connected(s.public_port);
  auto start = Clock::now();
  BOOST_TEST_REQUIRE(
      client->SendRaw("POST /Bundle HTTP/1.1\r\nHost: x\r\nContent-Type: application/fhir+json\r\n"
                      "Content-Length: 1073741824\r\n\r\n"));
  auto reply = client->ReadReply();
  BOOST_TEST_REQUIRE(StatusOf(reply) == 413);
  BOOST_TEST(MsSince(start) < 1000);
  ExpectOutcome(*reply, "too-long");
  BOOST_TEST(client->ClosedByPeer());
  BOOST_TEST(s.handler.calls.load() == 0);
}

BOOST_AUTO_TEST_CASE(body_at_the_limit_passes_and_chunked_body_over_it_gets_413) {
  config::ServerConfig c = TwoListenerConfig();
  c.limits.max_body_bytes = 1000;
  RunningServer s(c);
  auto client = Connected(s.public_port);
  BOOST_TEST(StatusOf(client->Request("POST", "/x", std::string(1000, 'a'))) == 200);
  BOOST_TEST(s.handler.Last().body.size() == 1000u);

  auto chunked = Connected(s.public_port);
  std::string chunk(600, 'b');
  BOOST_TEST_REQUIRE(
      chunked->SendRaw("POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                       "258\r\n" +
                       chunk + "\r\n258\r\n" + chunk + "\r\n0\r\n\r\n"));
  auto reply = chunked->ReadReply();
  BOOST_TEST_REQUIRE(StatusOf(reply) == 413);
  ExpectOutcome(*reply, "too-long");
  BOOST_TEST(s.handler.calls.load() == 1);
}

BOOST_AUTO_TEST_CASE(header_over_the_limit_gets_431) {
  RunningServer s(TwoListenerConfig());
  auto client = Connected(s.public_port);
  BOOST_TEST_REQUIRE(client->SendRaw(
      "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'x') + "\r\n\r\n"));
  auto reply = client->ReadReply();
  BOOST_TEST_REQUIRE(StatusOf(reply) == 431);
  ExpectOutcome(*reply, "too-long");
  BOOST_TEST(s.handler.calls.load() == 0);
}

BOOST_AUTO_TEST_CASE(malformed_http_gets_400_with_an_operation_outcome) {
  RunningServer s(TwoListenerConfig());
  for (std::string raw : {"GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
                          "GET / HTTP/1.1\r\n\r\n",                     // no Host
                          "GET http://x/ HTTP/1.1\r\nHost: x\r\n\r\n",  // not a path
                          "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 12x\r\n\r\n"}) {
    auto client = Connected(s.public_port);
    BOOST_TEST_REQUIRE(client->SendRaw(raw));
    auto reply = client->ReadReply();
    BOOST_TEST_REQUIRE(StatusOf(reply) == 400, raw);
    ExpectOutcome(*reply, "structure");
  }
  BOOST_TEST(s.handler.calls.load() == 0);
}

BOOST_AUTO_TEST_CASE(handler_exception_gets_500_without_details) {
  RunningServer s(TwoListenerConfig());
  auto client = Connected(s.public_port);
  auto reply = client->Request("GET", "/throw");
  BOOST_TEST_REQUIRE(StatusOf(reply) == 500);
  BOOST_TEST(reply->body.find("secret-internal-detail") == std::string::npos);
  BOOST_TEST(reply->body.find("OperationOutcome") != std::string::npos);
  BOOST_TEST(StatusOf(client->Request("GET", "/after")) == 200);  // connection still usable
}

BOOST_AUTO_TEST_CASE(expect_100_continue_is_honoured) {
  RunningServer s(TwoListenerConfig());
  auto client = Connected(s.public_port);
  BOOST_TEST_REQUIRE(client->SendRaw(
      "POST /x HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"));
  BOOST_TEST(StatusOf(client->ReadReply()) == 100);
  BOOST_TEST_REQUIRE(client->SendRaw("hello"));
  BOOST_TEST(StatusOf(client->ReadReply()) == 200);
  BOOST_TEST(s.handler.Last().body == "hello");
}

BOOST_AUTO_TEST_CASE(idle_keep_alive_connection_is_closed) {
  config::ServerConfig c = TwoListenerConfig();
  c.limits.idle_timeout_ms = 300;
  RunningServer s(c);
  auto client = Connected(s.public_port);
  BOOST_TEST_REQUIRE(StatusOf(client->Request("GET", "/x")) == 200);
  auto start = Clock::now();
  BOOST_TEST(client->ClosedByPeer());
  long waited = MsSince(start);
  BOOST_TEST(waited >= 250);
  BOOST_TEST(waited < 2000);
}

BOOST_AUTO_TEST_CASE(silent_connection_is_closed_after_the_handshake_timeout) {
  config::ServerConfig c = TwoListenerConfig();
  c.limits.handshake_timeout_ms = 300;
  RunningServer s(c);
  // A client that connects over TCP and never starts TLS.
  auto start = Clock::now();
  std::string cmd = "exec 3<>/dev/tcp/127.0.0.1/" + std::to_string(s.public_port) +
                    " && timeout 5 cat <&3 >/dev/null";
  int rc = std::system(("bash -c '" + cmd + "'").c_str());
  BOOST_TEST(rc == 0);  // cat ended because the server closed, not because of `timeout`
  BOOST_TEST(MsSince(start) < 3000);
}

BOOST_AUTO_TEST_CASE(slow_request_gets_408) {
  config::ServerConfig c = TwoListenerConfig();
  c.limits.request_timeout_ms = 300;
  RunningServer s(c);
  auto client = Connected(s.public_port);
  BOOST_TEST_REQUIRE(client->SendRaw("GET /slow HTTP/1.1\r\nHost: x\r\n"));  // never finished
  auto reply = client->ReadReply();
  BOOST_TEST_REQUIRE(StatusOf(reply) == 408);
  ExpectOutcome(*reply, "timeout");
  BOOST_TEST(s.handler.calls.load() == 0);
}

BOOST_AUTO_TEST_CASE(connections_over_the_limit_are_closed) {
  config::ServerConfig c = TwoListenerConfig();
  c.limits.max_connections = 2;
  RunningServer s(c);
  auto a = Connected(s.public_port);
  auto b = Connected(s.public_port);
  BOOST_TEST(StatusOf(a->Request("GET", "/a")) == 200);
  TestClient third(PublicClientTls());
  BOOST_TEST(!third.Connect(s.public_port));
  b.reset();  // frees a slot
  std::this_thread::sleep_for(milliseconds(200));
  TestClient fourth(PublicClientTls());
  BOOST_TEST(fourth.Connect(s.public_port));
  BOOST_TEST(StatusOf(fourth.Request("GET", "/d")) == 200);
}

BOOST_AUTO_TEST_CASE(graceful_shutdown_lets_the_request_in_flight_finish) {
  RunningServer s(TwoListenerConfig(), milliseconds(800));
  auto busy = Connected(s.public_port);
  auto idle = Connected(s.public_port);
  BOOST_TEST_REQUIRE(StatusOf(idle->Request("GET", "/warm")) == 200);
  auto answer = std::async(std::launch::async, [&] { return busy->Request("GET", "/slow"); });
  while (s.handler.calls.load() < 2) std::this_thread::sleep_for(milliseconds(5));
  auto start = Clock::now();
  s.server->Shutdown();
  long took = MsSince(start);
  auto reply = answer.get();
  BOOST_TEST_REQUIRE(StatusOf(reply) == 200);
  BOOST_TEST(!reply->keep_alive);  // told the connection ends
  BOOST_TEST(reply->body.find("Basic") != std::string::npos);
  BOOST_TEST(took < 4000);  // did not wait for the full grace period
  BOOST_TEST(idle->ClosedByPeer());
  TestClient late(PublicClientTls());
  BOOST_TEST(!late.Connect(s.public_port));
}

BOOST_AUTO_TEST_CASE(shutdown_grace_period_bounds_a_stuck_request) {
  config::ServerConfig c = TwoListenerConfig();
  c.shutdown_grace_ms = 200;
  RunningServer s(c, milliseconds(700));
  auto client = Connected(s.public_port);
  auto answer = std::async(std::launch::async, [&] { return client->Request("GET", "/slow"); });
  while (s.handler.calls.load() < 1) std::this_thread::sleep_for(milliseconds(5));
  auto start = Clock::now();
  s.server->Shutdown();
  BOOST_TEST(MsSince(start) < 3000);
  answer.get();  // answered or cut off; either way the client is released
}

BOOST_AUTO_TEST_CASE(access_log_has_method_route_and_status_but_no_target) {
  RunningServer s(TwoListenerConfig());
  auto client = Connected(s.public_port);
  BOOST_TEST_REQUIRE(StatusOf(client->Request("GET", "/Patient?name=Smith")) == 200);
  BOOST_TEST_REQUIRE(
      client->SendRaw("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n"));
  BOOST_TEST(StatusOf(client->ReadReply()) == 413);
  // The server logs once the response is written, which may be just after the client read it.
  auto logged = [&s] {
    std::lock_guard<std::mutex> lock(s.log_mu);
    return s.log.size();
  };
  for (int i = 0; i < 200 && logged() < 2u; ++i) std::this_thread::sleep_for(milliseconds(10));
  std::lock_guard<std::mutex> lock(s.log_mu);
  BOOST_TEST_REQUIRE(s.log.size() == 2u);
  BOOST_TEST(s.log[0] == "public GET GET /test 200");
  BOOST_TEST(s.log[1] == "public POST transport 413");
  for (const std::string& line : s.log) BOOST_TEST(line.find("Smith") == std::string::npos);
}

}  // namespace gw::testing
