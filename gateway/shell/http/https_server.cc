// HttpsServer: threads, listeners and acceptors, graceful shutdown. Connections: connection.cc.
#include "gateway/shell/http/https_server.h"

#include <algorithm>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "gateway/shell/http/connection.h"
#include "gateway/shell/sys/thread_name.h"
#include "gateway/shell/tls/server_context.h"

namespace gw::shell::http {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using internal::SharedState;

struct Worker {
  internal::Registry registry;  // declared before ioc: outlives the handlers ioc destroys
  net::io_context ioc{1};
  internal::CompletionInbox inbox{ioc.get_executor()};
  std::optional<net::executor_work_guard<net::io_context::executor_type>> guard;
};

struct Listener {
  internal::ListenerRuntime runtime;
  Worker* home = nullptr;  // the thread that runs the acceptor
  std::optional<tcp::acceptor> acceptor;
  std::optional<net::steady_timer> retry;  // back-off when accept fails (e.g. out of files)
  std::uint16_t port = 0;
};

// Holds one reserved connection slot until a connection takes it over.
class Slot {
 public:
  explicit Slot(SharedState* s) : s_(s) { s_->open.fetch_add(1); }
  Slot(Slot&& o) noexcept : s_(std::exchange(o.s_, nullptr)) {}
  Slot& operator=(Slot&&) = delete;
  ~Slot() {
    if (s_ != nullptr) s_->ReleaseSlot();
  }
  void Release() { s_ = nullptr; }

 private:
  SharedState* s_;
};

Status BindListener(const config::ListenerConfig& c, const std::string& field, Listener* l) {
  boost::system::error_code ec;
  net::ip::address address = net::ip::make_address(c.address, ec);
  if (ec) return InvalidArgument(field + ".address: not an IP address: " + c.address);
  tcp::endpoint endpoint(address, c.port);
  l->acceptor.emplace(l->home->ioc);
  l->retry.emplace(l->home->ioc);
  tcp::acceptor& a = *l->acceptor;
  a.open(endpoint.protocol(), ec);
  if (!ec) a.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) a.bind(endpoint, ec);
  if (!ec) a.listen(net::socket_base::max_listen_connections, ec);
  if (!ec) l->port = a.local_endpoint(ec).port();
  if (ec) {
    return IoError(field + ".port: cannot listen on " + c.address + ":" + std::to_string(c.port) +
                   ": " + ec.message());
  }
  return Status::Ok();
}

}  // namespace

class HttpsServer::Impl {
 public:
  Impl(const config::ServerConfig& config, ports::HttpHandler& handler, AccessLog log)
      : grace_(config.shutdown_grace_ms) {
    shared_.limits = config.limits;
    shared_.handler = &handler;
    shared_.access_log = std::move(log);
    if (config.handler_threads != 0) {
      handler_pool_ = std::make_unique<net::thread_pool>(config.handler_threads);
      shared_.handler_pool = handler_pool_.get();
    }
    unsigned n = config.threads != 0 ? config.threads : std::thread::hardware_concurrency();
    for (unsigned i = 0; i < std::max(1u, n); ++i) workers_.push_back(std::make_unique<Worker>());
  }

  ~Impl() { Shutdown(); }

  Status Bind(const config::ServerConfig& config) {
    for (std::size_t i = 0; i < config.listeners.size(); ++i) {
      const config::ListenerConfig& c = config.listeners[i];
      std::string field = "listeners[" + std::to_string(i) + "]";
      auto l = std::make_unique<Listener>();
      l->runtime.name = c.name;
      auto context = tls::MakeServerContext(tls::TlsPolicy::Intermediate(c.tls), c.name);
      if (!context.ok()) return InvalidArgument(field + ".tls." + context.status().message());
      l->runtime.tls = std::move(context).value();
      l->home = workers_[i % workers_.size()].get();
      GW_RETURN_IF_ERROR(BindListener(c, field, l.get()));
      listeners_.push_back(std::move(l));
    }
    return Status::Ok();
  }

  void Start() {
    std::lock_guard<std::mutex> lock(lifecycle_);
    if (started_ || stopped_) return;
    started_ = true;
    for (auto& l : listeners_) Accept(*l);
    for (std::size_t i = 0; i < workers_.size(); ++i) {
      Worker* w = workers_[i].get();
      w->guard.emplace(w->ioc.get_executor());
      threads_.emplace_back([w, i] {
        NameThisThread("gw-net-" + std::to_string(i));
        RunWorker(*w);
      });
    }
  }

  std::uint16_t port(std::string_view name) const {
    for (const auto& l : listeners_) {
      if (l->runtime.name == name) return l->port;
    }
    return 0;
  }

  void Shutdown() {
    std::lock_guard<std::mutex> lock(lifecycle_);
    if (stopped_) return;
    stopped_ = true;
    shared_.stopping = true;
    for (auto& l : listeners_) {
      net::post(l->home->ioc, [l = l.get()] {
        boost::system::error_code ignored;
        l->acceptor->close(ignored);
        l->retry->cancel();
      });
    }
    if (!started_) {
      for (auto& w : workers_) w->ioc.run();  // runs the closes posted above
      return;
    }
    ForEachConnection([](internal::Connection* c) { c->CloseIfIdle(); });
    if (!WaitDrained(std::chrono::milliseconds(grace_))) {
      ForEachConnection([](internal::Connection* c) { c->Abort(); });
      if (!WaitDrained(std::chrono::seconds(1))) {
        for (auto& w : workers_) w->ioc.stop();  // a handler that never returns: give up on it
      }
    }
    for (auto& w : workers_) w->guard.reset();
    for (auto& t : threads_) t.join();
    threads_.clear();
    if (handler_pool_ != nullptr) {
      handler_pool_->stop();
      handler_pool_->join();
    }
  }

 private:
  static void RunWorker(Worker& w) {
    for (;;) {
      try {
        w.ioc.run();
        return;
      } catch (const std::exception& e) {
        std::cerr << "https server: unexpected error in a network thread: " << e.what() << "\n";
      }
    }
  }

  Worker& NextWorker() { return *workers_[next_.fetch_add(1) % workers_.size()]; }

  void Accept(Listener& l) {
    Worker& w = NextWorker();
    // The socket is made on the thread that will serve it; the acceptor's thread fills it.
    auto socket = std::make_shared<internal::Socket>(w.ioc.get_executor());
    l.acceptor->async_accept(*socket, [this, &l, &w, socket](boost::system::error_code ec) {
      if (ec == net::error::operation_aborted || !l.acceptor->is_open()) return;
      if (ec) {
        // Out of descriptors or a transient failure: back off instead of spinning.
        l.retry->expires_after(std::chrono::milliseconds(50));
        l.retry->async_wait([this, &l](boost::system::error_code e) {
          if (!e) Accept(l);
        });
        return;
      }
      if (!shared_.stopping && shared_.open.load() < shared_.limits.max_connections) {
        boost::system::error_code ignored;
        socket->set_option(tcp::no_delay(true), ignored);
        net::post(w.ioc, [this, &l, &w, slot = Slot(&shared_), socket]() mutable {
          slot.Release();
          internal::StartConnection(std::move(*socket), l.runtime, shared_, {w.registry, w.inbox});
        });
      }  // else the socket closes with its last reference (over the limit, or shutting down)
      Accept(l);
    });
  }

  template <typename F>
  void ForEachConnection(F f) {
    for (auto& w : workers_) {
      net::post(w->ioc, [w = w.get(), f] {
        std::vector<internal::Connection*> all(w->registry.begin(), w->registry.end());
        for (internal::Connection* c : all) f(c);
      });
    }
  }

  bool WaitDrained(std::chrono::milliseconds limit) {
    std::unique_lock<std::mutex> lock(shared_.mu);
    return shared_.drained.wait_for(lock, limit, [this] { return shared_.open.load() == 0; });
  }

  SharedState shared_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<std::unique_ptr<Listener>> listeners_;  // after workers_: destroyed first
  std::vector<std::thread> threads_;
  std::unique_ptr<net::thread_pool> handler_pool_;
  std::atomic<std::size_t> next_{0};
  std::uint32_t grace_;
  std::mutex lifecycle_;
  bool started_ = false;
  bool stopped_ = false;
};

Result<std::unique_ptr<HttpsServer>> HttpsServer::Create(const config::ServerConfig& config,
                                                         ports::HttpHandler& handler,
                                                         AccessLog access_log) {
  auto impl = std::make_unique<Impl>(config, handler, std::move(access_log));
  GW_RETURN_IF_ERROR(impl->Bind(config));
  return std::unique_ptr<HttpsServer>(new HttpsServer(std::move(impl)));
}

HttpsServer::HttpsServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpsServer::~HttpsServer() = default;
void HttpsServer::Start() { impl_->Start(); }
std::uint16_t HttpsServer::port(std::string_view listener) const { return impl_->port(listener); }
void HttpsServer::Shutdown() { impl_->Shutdown(); }

}  // namespace gw::shell::http
