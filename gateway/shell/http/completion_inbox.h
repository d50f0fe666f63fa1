// Internal to the HTTPS server: hands work finished on other threads (handler pool, audit
// journal) back to one network thread with as few wake-ups as possible.
//
// A journal commit completes dozens of requests at once. Posting each completion on its own
// makes the committing thread take the network thread's scheduler lock and interrupt its
// epoll_wait once per request; the inbox queues them under its own lock and posts a single drain
// while one is pending, so a batch costs the network thread one wake-up.
//
// Thread safety: Deliver from any thread; the queued functions run on `executor`'s thread, in
// the order delivered. The inbox must outlive every function delivered to it and the drain it
// posts (the server owns it with the io_context it drains into).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <functional>
#include <mutex>
#include <utility>
#include <vector>

namespace gw::shell::http::internal {

class CompletionInbox {
 public:
  explicit CompletionInbox(boost::asio::io_context::executor_type executor)
      : executor_(executor) {}
  CompletionInbox(const CompletionInbox&) = delete;
  CompletionInbox& operator=(const CompletionInbox&) = delete;

  void Deliver(std::function<void()> fn) {
    bool post = false;
    {
      std::lock_guard<std::mutex> lock(mu_);
      queued_.push_back(std::move(fn));
      post = !drain_pending_;
      drain_pending_ = true;
    }
    if (post) boost::asio::post(executor_, [this] { Drain(); });
  }

 private:
  void Drain() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      running_.swap(queued_);
      drain_pending_ = false;
    }
    for (auto& fn : running_) fn();
    running_.clear();  // keeps its capacity for the next drain
  }

  boost::asio::io_context::executor_type executor_;
  std::mutex mu_;
  std::vector<std::function<void()>> queued_;
  std::vector<std::function<void()>> running_;  // touched on the network thread only
  bool drain_pending_ = false;
};

}  // namespace gw::shell::http::internal
