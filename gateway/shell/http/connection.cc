// One TLS connection: handshake, then a keep-alive loop of read request → handler → write
// response, with the transport limits of ServerLimits. All of it runs on the socket's thread.
#include "gateway/shell/http/connection.h"

#include <array>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <ctime>
#include <openssl/ssl.h>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "gateway/shell/http/outcome_body.h"
#include "gateway/shell/tls/peer_identity.h"

namespace gw::shell::http::internal {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using Executor = net::io_context::executor_type;
using TcpStream = beast::basic_stream<tcp, Executor>;
using Timer = net::basic_waitable_timer<Clock, net::wait_traits<Clock>, Executor>;
using std::chrono::milliseconds;

// How long a closing connection waits for the peer's close_notify or drains unread input.
constexpr milliseconds kCloseTimeout{2000};

// RFC 9110 IMF-fixdate of the current second, cached per thread.
std::string_view HttpDate() {
  thread_local std::time_t cached_second = -1;
  thread_local std::array<char, 32> text{};
  std::time_t now = std::time(nullptr);
  if (now != cached_second) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    text[std::strftime(text.data(), text.size(), "%a, %d %b %Y %H:%M:%S GMT", &tm)] = '\0';
    cached_second = now;
  }
  return text.data();
}

bool IsHttpParseError(const beast::error_code& ec) {
  return &ec.category() == &bhttp::make_error_code(bhttp::error::bad_method).category();
}

// Header names and values the handler sets must not smuggle in line breaks or NULs.
bool IsSafeHeaderText(std::string_view s) {
  for (char c : s) {
    if (c == '\r' || c == '\n' || c == '\0') return false;
  }
  return true;
}

bool IsServerOwnedHeader(std::string_view name) {
  for (std::string_view owned : {"content-length", "transfer-encoding", "connection", "date"}) {
    if (ports::HeaderNameEquals(name, owned)) return true;
  }
  return false;
}

class BeastConnection final : public Connection,
                              public std::enable_shared_from_this<BeastConnection> {
 public:
  BeastConnection(Socket socket, const ListenerRuntime& listener, SharedState& shared,
                  ThreadLocalState local)
      : stream_(std::move(socket), *listener.tls),
        timer_(stream_.get_executor()),
        listener_(listener),
        shared_(shared),
        registry_(local.registry),
        inbox_(local.inbox) {
    // Asio asks OpenSSL to free its record buffers after every read and write; allocating
    // ~17 KiB twice per request cost 6% of the network threads' CPU. They are kept for the
    // connection's life instead (~34 KiB per open connection, bounded by max_connections).
    SSL_clear_mode(stream_.native_handle(), SSL_MODE_RELEASE_BUFFERS);
    registry_.insert(this);
  }

  ~BeastConnection() override {
    registry_.erase(this);
    shared_.ReleaseSlot();
  }

  void Run() {
    if (shared_.stopping) return CloseNow();
    state_ = State::kIdle;
    Lowest().expires_after(milliseconds(Limits().handshake_timeout_ms));
    stream_.async_handshake(
        net::ssl::stream_base::server,
        [self = shared_from_this()](beast::error_code ec) { self->OnHandshake(ec); });
  }

  void CloseIfIdle() override {
    closing_ = true;
    if (state_ == State::kIdle) Lowest().cancel();
  }

  void Abort() override {
    closing_ = true;
    CloseNow();
  }

 private:
  enum class State { kIdle, kReading, kBusy, kClosed };

  const config::ServerLimits& Limits() const { return shared_.limits; }
  TcpStream& Lowest() { return beast::get_lowest_layer(stream_); }

  void OnHandshake(beast::error_code ec) {
    if (ec || state_ == State::kClosed) return CloseNow();  // nothing to answer over
    peer_ = tls::VerifiedPeerIdentity(stream_.native_handle());
    WaitForRequest();
  }

  // Keep-alive wait for the first byte of the next request, bounded by the idle timeout.
  void WaitForRequest() {
    if (closing_ || shared_.stopping) return StartClose();
    state_ = State::kIdle;
    if (buffer_.size() > 0) return ReadRequest();  // pipelined bytes already here
    Lowest().expires_after(milliseconds(Limits().idle_timeout_ms));
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->OnFirstBytes(ec, n);
                            });
  }

  void OnFirstBytes(beast::error_code ec, std::size_t n) {
    if (state_ == State::kClosed) return;
    if (ec == net::error::operation_aborted && closing_) return StartClose();
    if (ec) return CloseNow();  // idle timeout, peer closed, or I/O error
    buffer_.commit(n);
    ReadRequest();
  }

  void ReadRequest() {
    state_ = State::kReading;
    started_ = Clock::now();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(Limits().max_header_bytes));
    parser_->body_limit(Limits().max_body_bytes);
    Lowest().expires_never();
    timed_out_ = false;
    timer_.expires_after(milliseconds(Limits().request_timeout_ms));
    timer_.async_wait([weak = weak_from_this()](beast::error_code ec) {
      auto self = weak.lock();
      if (ec || !self || self->state_ != State::kReading) return;
      self->timed_out_ = true;
      self->Lowest().cancel();
    });
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    if (state_ == State::kClosed) return;
    if (ec) return OnReadError(ec);
    const auto& req = parser_->get();
    if (req.version() != 11 && req.version() != 10) {
      return SendError(bhttp::status::bad_request, "structure", "Unsupported HTTP version.");
    }
    if (req.version() == 11 && req.find(bhttp::field::host) == req.end()) {
      return SendError(bhttp::status::bad_request, "structure", "The Host header is missing.");
    }
    if (req.target().empty() || req.target().front() != '/') {
      return SendError(bhttp::status::bad_request, "structure",
                       "The request target must be a path.");
    }
    if (auto length = parser_->content_length(); length && *length > Limits().max_body_bytes) {
      return SendError(bhttp::status::payload_too_large, "too-long",
                       "The request body is larger than the server accepts.");
    }
    if (parser_->is_done()) return Dispatch();
    if (timed_out_) return OnReadError(net::error::operation_aborted);
    auto expect = req.find(bhttp::field::expect);
    if (expect != req.end() && beast::iequals(expect->value(), "100-continue")) {
      interim_.emplace(bhttp::status::continue_, 11);
      return bhttp::async_write(stream_, *interim_,
                                [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                  if (self->state_ == State::kClosed) return;
                                  if (ec) return self->OnReadError(ec);
                                  self->ReadBody();
                                });
    }
    ReadBody();
  }

  void ReadBody() {
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        if (self->state_ == State::kClosed) return;
                        if (ec) return self->OnReadError(ec);
                        self->Dispatch();
                      });
  }

  void OnReadError(beast::error_code ec) {
    if (timed_out_) {
      return SendError(bhttp::status::request_timeout, "timeout",
                       "The request was not received in time.");
    }
    if (ec == bhttp::error::header_limit) {
      return SendError(bhttp::status::request_header_fields_too_large, "too-long",
                       "The request header is larger than the server accepts.");
    }
    if (ec == bhttp::error::body_limit) {
      return SendError(bhttp::status::payload_too_large, "too-long",
                       "The request body is larger than the server accepts.");
    }
    if (IsHttpParseError(ec) && ec != bhttp::error::end_of_stream &&
        ec != bhttp::error::partial_message) {
      return SendError(bhttp::status::bad_request, "structure",
                       "The request is not valid HTTP/1.1.");
    }
    CloseNow();  // the peer went away mid-request, or an I/O error
  }

  void Dispatch() {
    timer_.cancel();
    state_ = State::kBusy;
    auto& req = parser_->get();
    ports::HttpRequest request;
    request.method = std::string(req.method_string());
    request.target = std::string(req.target());
    for (const auto& field : req) {
      request.headers.push_back({std::string(field.name_string()), std::string(field.value())});
    }
    request.body = std::move(req.body());
    request.peer = peer_;
    request.listener = listener_.name;

    // The answer comes back to this connection's thread, from whichever thread finishes it.
    ports::HttpCompletion done = [self = shared_from_this()](ports::HttpResponse out) {
      self->inbox_.Deliver(
          [self, out = std::move(out)]() mutable { self->Respond(std::move(out)); });
    };
    if (shared_.handler_pool == nullptr || shared_.handler->IsQuick(request)) {
      return RunHandler(request, std::move(done));
    }
    net::post(*shared_.handler_pool, [self = shared_from_this(), request = std::move(request),
                                      done = std::move(done)]() mutable {
      self->RunHandler(request, std::move(done));
    });
  }

  // Calls the handler; `done` runs exactly once, with a 500 when the handler throws before it
  // answered.
  void RunHandler(const ports::HttpRequest& request, ports::HttpCompletion done) {
    auto answered = std::make_shared<std::atomic<bool>>(false);
    ports::HttpCompletion once = [answered, done = std::move(done)](ports::HttpResponse out) {
      if (!answered->exchange(true)) done(std::move(out));
    };
    try {
      shared_.handler->HandleAsync(request, once);
    } catch (...) {
      once(InternalError());
    }
  }

  void Respond(ports::HttpResponse out) {
    if (state_ == State::kClosed) return;
    auto& req = parser_->get();
    // Checked after the handler: a shutdown that began meanwhile ends this connection.
    bool keep_alive = req.keep_alive() && !closing_ && !shared_.stopping;
    res_.emplace(bhttp::status::ok, req.version());
    if (!BuildResponse(std::move(out), &*res_)) {
      out = InternalError();
      res_.emplace(bhttp::status::ok, req.version());
      BuildResponse(std::move(out), &*res_);
    }
    Write(keep_alive, /*drain=*/false);
  }

  static ports::HttpResponse InternalError() {
    ports::HttpResponse r;
    r.status = 500;
    r.headers.push_back({"Content-Type", std::string(kFhirJson)});
    r.body = OutcomeBody("exception", "The server could not process the request.");
    r.route = "internal-error";
    return r;
  }

  bool BuildResponse(ports::HttpResponse out, bhttp::response<bhttp::string_body>* res) {
    if (out.status < 200 || out.status > 599) return false;
    res->result(static_cast<unsigned>(out.status));
    for (const ports::HttpHeader& h : out.headers) {
      if (h.name.empty() || !IsSafeHeaderText(h.name) || !IsSafeHeaderText(h.value)) return false;
      if (!IsServerOwnedHeader(h.name)) res->insert(h.name, h.value);
    }
    route_ = out.route.empty() ? "-" : std::move(out.route);
    if (out.status != 204 && out.status != 304) res->body() = std::move(out.body);
    return true;
  }

  // A transport-level answer: OperationOutcome body, then the connection closes (any unread
  // request bytes are drained briefly so the client sees the answer rather than a reset).
  void SendError(bhttp::status status, std::string_view issue_type, std::string_view text) {
    timer_.cancel();
    state_ = State::kBusy;
    unsigned version = 11;
    if (parser_ && parser_->is_header_done()) version = parser_->get().version();
    res_.emplace(status, version);
    res_->set(bhttp::field::content_type, kFhirJson);
    res_->body() = OutcomeBody(issue_type, text);
    route_ = "transport";
    Write(/*keep_alive=*/false, /*drain=*/true);
  }

  void Write(bool keep_alive, bool drain) {
    res_->set(bhttp::field::date, HttpDate());
    res_->keep_alive(keep_alive);
    res_->prepare_payload();
    Lowest().expires_after(milliseconds(Limits().request_timeout_ms));
    bhttp::async_write(
        stream_, *res_,
        [self = shared_from_this(), keep_alive, drain](beast::error_code ec, std::size_t) {
          self->OnWritten(ec, keep_alive, drain);
        });
  }

  void OnWritten(beast::error_code ec, bool keep_alive, bool drain) {
    if (state_ == State::kClosed) return;
    Log(res_->result_int());
    res_.reset();
    if (ec) return CloseNow();
    if (drain) return Drain();
    if (!keep_alive) return StartClose();
    parser_.reset();
    WaitForRequest();
  }

  void Log(int status) {
    if (!shared_.access_log) return;
    AccessLogEntry entry;
    entry.listener = listener_.name;
    // The start line may be known even when the header failed (e.g. a body over the limit).
    std::string_view method = parser_ ? parser_->get().method_string() : std::string_view();
    entry.method = method.empty() ? "-" : method;
    entry.route = route_;
    entry.status = status;
    entry.duration = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started_);
    try {
      shared_.access_log(entry);
    } catch (...) {
    }
  }

  // Orderly TLS close: send close_notify and wait (briefly) for the peer's.
  void StartClose() {
    state_ = State::kBusy;
    timer_.cancel();
    Lowest().expires_after(kCloseTimeout);
    stream_.async_shutdown([self = shared_from_this()](beast::error_code) { self->CloseNow(); });
  }

  // After an error answer: stop sending (FIN) and discard what the client still sends, for a
  // short while, so that closing does not reset the connection before the answer is read.
  void Drain() {
    state_ = State::kBusy;
    beast::error_code ignored;
    Lowest().socket().shutdown(Socket::shutdown_send, ignored);
    drain_deadline_ = Clock::now() + kCloseTimeout;
    scratch_.resize(4096);
    DrainSome();
  }

  void DrainSome() {
    auto left = drain_deadline_ - Clock::now();
    if (left <= Clock::duration::zero()) return CloseNow();
    Lowest().expires_after(left);
    Lowest().async_read_some(net::buffer(scratch_),
                             [self = shared_from_this()](beast::error_code ec, std::size_t) {
                               if (ec || self->state_ == State::kClosed) return self->CloseNow();
                               self->DrainSome();
                             });
  }

  void CloseNow() {
    if (state_ == State::kClosed) return;
    state_ = State::kClosed;
    timer_.cancel();
    Lowest().close();
  }

  beast::ssl_stream<TcpStream> stream_;
  Timer timer_;  // request timeout
  const ListenerRuntime& listener_;
  SharedState& shared_;
  Registry& registry_;
  CompletionInbox& inbox_;
  State state_ = State::kIdle;
  bool closing_ = false;
  bool timed_out_ = false;
  std::optional<ports::PeerIdentity> peer_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::optional<bhttp::response<bhttp::empty_body>> interim_;
  std::optional<bhttp::response<bhttp::string_body>> res_;
  std::string route_ = "-";
  Clock::time_point started_ = Clock::now();
  Clock::time_point drain_deadline_;
  std::vector<char> scratch_;  // only while draining
};

}  // namespace

void StartConnection(Socket socket, const ListenerRuntime& listener, SharedState& shared,
                     ThreadLocalState local) {
  std::make_shared<BeastConnection>(std::move(socket), listener, shared, local)->Run();
}

}  // namespace gw::shell::http::internal
