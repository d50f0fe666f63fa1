#include "tests/integration/https/test_client.h"

#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace gw::testing {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;

ssl::context MakeContext(const ClientTls& tls) {
  ssl::context ctx(ssl::context::tls_client);
  SSL_CTX* c = ctx.native_handle();
  if (tls.min_version != 0) SSL_CTX_set_min_proto_version(c, tls.min_version);
  if (tls.max_version != 0) SSL_CTX_set_max_proto_version(c, tls.max_version);
  if (!tls.ciphers.empty()) SSL_CTX_set_cipher_list(c, tls.ciphers.c_str());
  if (!tls.ca_file.empty()) {
    ctx.load_verify_file(tls.ca_file);
    ctx.set_verify_mode(ssl::verify_peer);
  } else {
    ctx.set_verify_mode(ssl::verify_none);
  }
  if (!tls.cert_file.empty()) {
    ctx.use_certificate_chain_file(tls.cert_file);
    ctx.use_private_key_file(tls.key_file, ssl::context::pem);
  }
  return ctx;
}

Reply ToReply(bhttp::response<bhttp::string_body>& res) {
  Reply r;
  r.status = res.result_int();
  for (const auto& f : res) r.headers.emplace_back(f.name_string(), f.value());
  r.body = std::move(res.body());
  r.keep_alive = res.keep_alive();
  return r;
}

}  // namespace

std::string Reply::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (beast::iequals(k, name)) return v;
  }
  return {};
}

struct TestClient::Impl {
  Impl(const ClientTls& tls, std::chrono::milliseconds t)
      : ctx(MakeContext(tls)), stream(ioc, ctx), timeout(t) {}

  // Runs the I/O started by `start` to completion (the stream's timeout bounds it).
  template <typename Start>
  beast::error_code Run(Start start) {
    beast::error_code result = net::error::would_block;
    beast::get_lowest_layer(stream).expires_after(timeout);
    start([&result](beast::error_code ec, auto&&...) { result = ec; });
    ioc.restart();
    ioc.run();
    return result;
  }

  net::io_context ioc;
  ssl::context ctx;
  beast::ssl_stream<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
  std::chrono::milliseconds timeout;
};

TestClient::TestClient(ClientTls tls, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>(tls, timeout)) {}
TestClient::~TestClient() = default;

bool TestClient::Connect(std::uint16_t port, std::string* error) {
  tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), port);
  auto& s = impl_->stream;
  SSL_set_tlsext_host_name(s.native_handle(), "localhost");
  beast::error_code ec =
      impl_->Run([&](auto done) { beast::get_lowest_layer(s).async_connect(endpoint, done); });
  if (!ec) {
    ec = impl_->Run([&](auto done) { s.async_handshake(ssl::stream_base::client, done); });
  }
  if (ec && error != nullptr) *error = ec.message();
  return !ec;
}

std::string TestClient::TlsVersion() const {
  return SSL_get_version(impl_->stream.native_handle());
}

std::string TestClient::Cipher() const {
  return SSL_get_cipher_name(impl_->stream.native_handle());
}

bool TestClient::SendRaw(std::string_view bytes) {
  auto& s = impl_->stream;
  return !impl_->Run([&](auto done) { net::async_write(s, net::buffer(bytes), done); });
}

std::optional<Reply> TestClient::ReadReply() {
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64u << 20);
  auto& s = impl_->stream;
  if (impl_->Run([&](auto done) { bhttp::async_read(s, impl_->buffer, parser, done); })) {
    return std::nullopt;
  }
  return ToReply(parser.get());
}

std::optional<Reply> TestClient::Request(std::string_view method, std::string_view target,
                                         std::string body,
                                         std::vector<std::pair<std::string, std::string>> headers) {
  bhttp::request<bhttp::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(bhttp::field::host, "localhost");
  for (auto& [k, v] : headers) req.set(k, v);
  req.body() = std::move(body);
  req.prepare_payload();
  auto& s = impl_->stream;
  if (impl_->Run([&](auto done) { bhttp::async_write(s, req, done); })) return std::nullopt;
  return ReadReply();
}

bool TestClient::ClosedByPeer() {
  std::array<char, 4096> scratch;
  auto& s = impl_->stream;
  for (;;) {
    beast::error_code ec =
        impl_->Run([&](auto done) { s.async_read_some(net::buffer(scratch), done); });
    if (ec == beast::error::timeout) return false;
    if (ec) return true;  // EOF, close_notify, reset
  }
}

}  // namespace gw::testing
