// TestClient: a blocking HTTPS/1.1 client for the server tests (Beast + OpenSSL underneath, not
// in this header). Every operation gives up after the client's timeout, so a misbehaving server
// fails a test instead of hanging it.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gw::testing {

struct ClientTls {
  std::string ca_file;    // trusted server CA (empty: do not verify the server)
  std::string cert_file;  // client certificate (empty: none)
  std::string key_file;
  int min_version = 0;  // TLS1_x_VERSION, 0 = library default
  int max_version = 0;
  std::string ciphers;  // TLS 1.2 cipher list, empty = library default
};

struct Reply {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool keep_alive = false;
  std::string Header(std::string_view name) const;  // "" when absent
};

class TestClient {
 public:
  explicit TestClient(ClientTls tls, std::chrono::milliseconds timeout = std::chrono::seconds(5));
  ~TestClient();

  // TCP connect to 127.0.0.1:port and TLS handshake. On failure, *error says why.
  bool Connect(std::uint16_t port, std::string* error = nullptr);
  std::string TlsVersion() const;  // "TLSv1.3"
  std::string Cipher() const;      // OpenSSL cipher name

  bool SendRaw(std::string_view bytes);
  std::optional<Reply> ReadReply();  // nullopt on EOF, error or timeout
  std::optional<Reply> Request(std::string_view method, std::string_view target,
                               std::string body = {},
                               std::vector<std::pair<std::string, std::string>> headers = {});
  // True when the server closes the connection (EOF or error) before the timeout.
  bool ClosedByPeer();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gw::testing
