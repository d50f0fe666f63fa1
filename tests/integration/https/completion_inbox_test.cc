#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/test/unit_test.hpp>
#include <thread>
#include <vector>

#include "gateway/shell/http/completion_inbox.h"

BOOST_AUTO_TEST_SUITE(completion_inbox)

// Work finished on other threads runs on the inbox's io_context thread, each producer's items in
// the order delivered, none lost.
BOOST_AUTO_TEST_CASE(every_delivery_runs_on_the_network_thread_in_order) {
  boost::asio::io_context ioc{1};
  gw::shell::http::internal::CompletionInbox inbox(ioc.get_executor());
  constexpr int kProducers = 4;
  constexpr int kItems = 5000;
  std::vector<std::vector<int>> seen(kProducers);
  std::thread::id net_thread;
  bool all_on_net_thread = true;
  auto guard = boost::asio::make_work_guard(ioc);
  std::thread runner([&] {
    net_thread = std::this_thread::get_id();
    ioc.run();
  });
  std::vector<std::thread> producers;
  for (int p = 0; p < kProducers; ++p) {
    producers.emplace_back([&, p] {
      for (int i = 0; i < kItems; ++i) {
        inbox.Deliver([&, p, i] {
          if (std::this_thread::get_id() != net_thread) all_on_net_thread = false;
          seen[p].push_back(i);
        });
      }
    });
  }
  for (auto& t : producers) t.join();
  boost::asio::post(ioc, [&] { guard.reset(); });
  runner.join();
  BOOST_TEST(all_on_net_thread);
  for (int p = 0; p < kProducers; ++p) {
    BOOST_TEST_REQUIRE(seen[p].size() == static_cast<std::size_t>(kItems));
    bool ordered = true;
    for (int i = 0; i < kItems; ++i) ordered = ordered && seen[p][i] == i;
    BOOST_TEST(ordered);
  }
}

BOOST_AUTO_TEST_SUITE_END()
