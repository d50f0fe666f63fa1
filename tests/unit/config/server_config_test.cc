#define BOOST_TEST_MODULE config
#include "gateway/core/config/server_config.h"

#include <boost/test/unit_test.hpp>
#include <string>

#include "gateway/core/json/parse.h"

namespace {

using gw::config::ClientCertMode;
using gw::config::ServerConfig;

gw::Result<ServerConfig> FromText(const std::string& text) {
  auto value = gw::json::Parse(text);
  BOOST_TEST_REQUIRE(value.ok(), text);
  return ServerConfig::FromJson(*value);
}

const char* kListeners = R"("listeners": [
  {"name": "public", "port": 8443,
   "tls": {"cert_file": "server.crt", "key_file": "server.key"}},
  {"name": "partner", "address": "0.0.0.0", "port": 9443,
   "tls": {"cert_file": "/etc/gw/server.crt", "key_file": "server.key", "ca_file": "ca.crt",
           "client_certificates": "required"}}])";

std::string Config(const std::string& extra) {
  return "{\"data_dir\": \"data\", " + extra + (extra.empty() ? "" : ", ") + kListeners + "}";
}

// The error message must start with `field` followed by ": ".
void ExpectError(const std::string& text, const std::string& field) {
  auto c = FromText(text);
  BOOST_TEST_REQUIRE(!c.ok(), "accepted: " << text);
  BOOST_TEST((c.status().code() == gw::StatusCode::kInvalidArgument));
  BOOST_TEST(c.status().message().rfind(field + ": ", 0) == 0, c.status().message());
}

std::string WithPartnerTls(const std::string& tls) {
  return R"({"data_dir": "d", "listeners": [{"name": "partner", "port": 1, "tls": )" + tls + "}]}";
}

}  // namespace

BOOST_AUTO_TEST_CASE(good_config_with_defaults) {
  auto c = FromText(Config(""));
  BOOST_TEST_REQUIRE(c.ok(), c.status().ToString());
  BOOST_TEST(c->data_dir == "data");
  BOOST_TEST(c->threads == 0u);
  BOOST_TEST(c->limits.max_body_bytes == 10u * 1024 * 1024);
  BOOST_TEST_REQUIRE(c->listeners.size() == 2u);
  BOOST_TEST(c->listeners[0].address == "127.0.0.1");
  BOOST_TEST(c->listeners[0].port == 8443);
  BOOST_TEST((c->listeners[0].tls.client_certificates == ClientCertMode::kNone));
  BOOST_TEST((c->listeners[1].tls.client_certificates == ClientCertMode::kRequired));
  BOOST_TEST(c->listeners[1].tls.ca_file == "ca.crt");
}

BOOST_AUTO_TEST_CASE(explicit_limits_and_threads) {
  auto c = FromText(Config(R"("threads": 4, "shutdown_grace_ms": 2500, "limits": {
      "max_header_bytes": 8192, "max_body_bytes": 1048576, "request_timeout_ms": 5000,
      "idle_timeout_ms": 7000, "handshake_timeout_ms": 3000, "max_connections": 100})"));
  BOOST_TEST_REQUIRE(c.ok(), c.status().ToString());
  BOOST_TEST(c->threads == 4u);
  BOOST_TEST(c->shutdown_grace_ms == 2500u);
  BOOST_TEST(c->limits.max_header_bytes == 8192u);
  BOOST_TEST(c->limits.max_body_bytes == 1048576u);
  BOOST_TEST(c->limits.request_timeout_ms == 5000u);
  BOOST_TEST(c->limits.idle_timeout_ms == 7000u);
  BOOST_TEST(c->limits.handshake_timeout_ms == 3000u);
  BOOST_TEST(c->limits.max_connections == 100u);
}

BOOST_AUTO_TEST_CASE(resolve_paths_anchors_relative_paths_only) {
  auto c = FromText(Config(""));
  BOOST_TEST_REQUIRE(c.ok());
  c->ResolvePaths("/srv/gw");
  BOOST_TEST(c->data_dir == "/srv/gw/data");
  BOOST_TEST(c->listeners[0].tls.cert_file == "/srv/gw/server.crt");
  BOOST_TEST(c->listeners[1].tls.cert_file == "/etc/gw/server.crt");
  BOOST_TEST(c->listeners[1].tls.ca_file == "/srv/gw/ca.crt");
  BOOST_TEST(c->listeners[0].tls.ca_file.empty());
}

BOOST_AUTO_TEST_CASE(top_level_errors_name_the_field) {
  ExpectError("[]", "(root)");
  ExpectError(R"({"listeners": []})", "data_dir");
  ExpectError(R"({"data_dir": "d"})", "listeners");
  ExpectError(R"({"data_dir": "d", "listeners": []})", "listeners");
  ExpectError(R"({"data_dir": "", "listeners": []})", "data_dir");
  ExpectError(Config(R"("thread": 2)"), "thread");
  ExpectError(Config(R"("threads": -1)"), "threads");
  ExpectError(Config(R"("threads": 1.5)"), "threads");
  ExpectError(Config(R"("threads": "2")"), "threads");
  ExpectError(Config(R"("threads": 1000)"), "threads");
  ExpectError(Config(R"("limits": 5)"), "limits");
  ExpectError(Config(R"("limits": {"max_body": 5})"), "limits.max_body");
  ExpectError(Config(R"("limits": {"max_body_bytes": 0})"), "limits.max_body_bytes");
  ExpectError(Config(R"("limits": {"max_header_bytes": 10})"), "limits.max_header_bytes");
  ExpectError(Config(R"("limits": {"idle_timeout_ms": 1e3})"), "limits.idle_timeout_ms");
  ExpectError(Config(R"("limits": {"max_connections": 99999999999999999999999})"),
              "limits.max_connections");
}

BOOST_AUTO_TEST_CASE(listener_errors_name_the_listener_and_field) {
  const std::string tls = R"("tls": {"cert_file": "c", "key_file": "k"})";
  auto one = [&](const std::string& listener) {
    return R"({"data_dir": "d", "listeners": [)" + listener + "]}";
  };
  ExpectError(one("7"), "listeners[0]");
  ExpectError(one(R"({"port": 1, )" + tls + "}"), "listeners[0].name");
  ExpectError(one(R"({"name": "Public!", "port": 1, )" + tls + "}"), "listeners[0].name");
  ExpectError(one(R"({"name": "a", )" + tls + "}"), "listeners[0].port");
  ExpectError(one(R"({"name": "a", "port": 70000, )" + tls + "}"), "listeners[0].port");
  ExpectError(one(R"({"name": "a", "port": 1})"), "listeners[0].tls");
  ExpectError(one(R"({"name": "a", "port": 1, "host": "x", )" + tls + "}"), "listeners[0].host");
  ExpectError(
      one(R"({"name": "a", "port": 1, )" + tls + R"(}, {"name": "a", "port": 2, )" + tls + "}"),
      "listeners[1].name");
  ExpectError(
      one(R"({"name": "a", "port": 1, )" + tls + R"(}, {"name": "b", "port": 1, )" + tls + "}"),
      "listeners[1].port");
}

BOOST_AUTO_TEST_CASE(tls_errors_name_the_field) {
  ExpectError(WithPartnerTls(R"({"key_file": "k"})"), "listeners[0].tls.cert_file");
  ExpectError(WithPartnerTls(R"({"cert_file": "c"})"), "listeners[0].tls.key_file");
  ExpectError(
      WithPartnerTls(R"({"cert_file": "c", "key_file": "k", "client_certificates": "yes"})"),
      "listeners[0].tls.client_certificates");
  ExpectError(
      WithPartnerTls(R"({"cert_file": "c", "key_file": "k", "client_certificate": "required"})"),
      "listeners[0].tls.client_certificate");
  ExpectError(WithPartnerTls(R"({"cert_file": "c", "key_file": "k", "ca_file": 3})"),
              "listeners[0].tls.ca_file");
  ExpectError(
      WithPartnerTls(R"({"cert_file": "c", "key_file": "k", "client_certificates": "required"})"),
      "listeners[0].tls.ca_file");
  ExpectError(
      WithPartnerTls(R"({"cert_file": "c", "key_file": "k", "client_certificates": "optional"})"),
      "listeners[0].tls.ca_file");
}
