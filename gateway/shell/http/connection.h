// Internal to the HTTPS server: what a connection shares with the server, and how the server
// starts, drains and aborts connections. Not for use outside gateway/shell/http.
//
// Threading: a connection lives on the io_context (thread) its socket belongs to; every call on
// it, and every access to that thread's Registry, happens on that thread.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/ssl/context.hpp>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_set>

#include "gateway/core/config/server_config.h"
#include "gateway/ports/http_handler.h"
#include "gateway/shell/http/completion_inbox.h"
#include "gateway/shell/http/https_server.h"

namespace gw::shell::http::internal {

struct ListenerRuntime {
  std::string name;
  std::shared_ptr<boost::asio::ssl::context> tls;
};

// Shared by the server and all connections; outlives them.
struct SharedState {
  config::ServerLimits limits;
  ports::HttpHandler* handler = nullptr;
  // Where handlers run; null: on the connection's network thread.
  boost::asio::thread_pool* handler_pool = nullptr;
  AccessLog access_log;
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> open{0};  // reserved connection slots (accepted, not yet destroyed)
  std::mutex mu;
  std::condition_variable drained;  // notified when `open` drops to 0

  void ReleaseSlot() {
    if (open.fetch_sub(1) == 1) {
      { std::lock_guard<std::mutex> lock(mu); }
      drained.notify_all();
    }
  }
};

class Connection {
 public:
  virtual ~Connection() = default;
  // Shutdown: close now if no request is in progress (handshake or keep-alive wait); a request
  // in progress finishes and its connection closes after the response.
  virtual void CloseIfIdle() = 0;
  // Shutdown deadline passed: close the socket whatever the state.
  virtual void Abort() = 0;
};

using Registry = std::unordered_set<Connection*>;

// A socket bound to its network thread's io_context by type: the connection's asynchronous
// operations then skip Asio's type-erased executor (copies and allocations per operation).
using Socket = boost::asio::basic_stream_socket<boost::asio::ip::tcp,
                                                boost::asio::io_context::executor_type>;

// What a network thread keeps for its connections; outlives them.
struct ThreadLocalState {
  Registry& registry;
  CompletionInbox& inbox;  // answers finished on other threads come back through it
};

// Takes over a reserved slot in `shared.open` (released when the connection is destroyed),
// performs the TLS handshake and serves requests until the connection closes. Call on the
// socket's thread; `local` is that thread's.
void StartConnection(Socket socket, const ListenerRuntime& listener,
                     SharedState& shared, ThreadLocalState local);

}  // namespace gw::shell::http::internal
