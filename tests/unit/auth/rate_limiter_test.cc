// Per-client token buckets: bursts up to capacity, refill over time, Retry-After, overrides,
// independent clients, the bounded client table, clocks going backwards and concurrent use.
#define BOOST_TEST_MODULE rate_limiter_test
#include "gateway/shell/auth/rate_limiter.h"

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <thread>
#include <vector>

namespace gw::shell {
namespace {

constexpr std::int64_t kT0 = 1'750'000'000'000;

RateLimitSettings Settings(double capacity, double refill, std::size_t max_clients = 100) {
  RateLimitSettings s;
  s.defaults = {capacity, refill};
  s.max_clients = max_clients;
  BOOST_TEST_REQUIRE(s.Validate().ok());
  return s;
}

BOOST_AUTO_TEST_CASE(burst_then_refill) {
  RateLimiter limiter(Settings(3, 1));
  for (int i = 0; i < 3; ++i) BOOST_TEST(limiter.Take("a", kT0).allowed);
  RateLimiter::Decision d = limiter.Take("a", kT0);
  BOOST_TEST(!d.allowed);
  BOOST_TEST(d.retry_after_seconds == 1);
  // Half a token after 500 ms: still refused, and Retry-After never says 0.
  d = limiter.Take("a", kT0 + 500);
  BOOST_TEST(!d.allowed);
  BOOST_TEST(d.retry_after_seconds == 1);
  BOOST_TEST(limiter.Take("a", kT0 + 1000).allowed);
  BOOST_TEST(!limiter.Take("a", kT0 + 1000).allowed);
  // A long pause refills to capacity, not beyond.
  for (int i = 0; i < 3; ++i) BOOST_TEST(limiter.Take("a", kT0 + 3'600'000).allowed);
  BOOST_TEST(!limiter.Take("a", kT0 + 3'600'000).allowed);
  // Refused requests take nothing.
  BOOST_TEST(limiter.Take("a", kT0 + 3'601'000).allowed);
}

BOOST_AUTO_TEST_CASE(retry_after_follows_the_rate) {
  RateLimiter slow(Settings(1, 0.1));  // one request per 10 s
  BOOST_TEST(slow.Take("a", kT0).allowed);
  BOOST_TEST(slow.Take("a", kT0).retry_after_seconds == 10);
  BOOST_TEST(slow.Take("a", kT0 + 2500).retry_after_seconds == 8);  // 7.5 s → 8
  BOOST_TEST(slow.Take("a", kT0 + 9999).retry_after_seconds == 1);
  BOOST_TEST(slow.Take("a", kT0 + 10000).allowed);

  RateLimiter fast(Settings(1, 50));  // 20 ms per token, still a 1 s Retry-After
  BOOST_TEST(fast.Take("a", kT0).allowed);
  BOOST_TEST(fast.Take("a", kT0).retry_after_seconds == 1);
  BOOST_TEST(fast.Take("a", kT0 + 20).allowed);

  RateLimiter tiny(Settings(1, 1e-300));
  BOOST_TEST(tiny.Take("a", kT0).allowed);
  BOOST_TEST(tiny.Take("a", kT0).retry_after_seconds == 1'000'000'000);
}

BOOST_AUTO_TEST_CASE(clients_are_independent_and_overrides_apply) {
  RateLimitSettings s = Settings(1, 1);
  s.per_client["partner"] = {5, 5};
  RateLimiter limiter(s);
  BOOST_TEST(limiter.Take("a", kT0).allowed);
  BOOST_TEST(!limiter.Take("a", kT0).allowed);
  BOOST_TEST(limiter.Take("b", kT0).allowed);
  for (int i = 0; i < 5; ++i) BOOST_TEST(limiter.Take("partner", kT0).allowed);
  BOOST_TEST(!limiter.Take("partner", kT0).allowed);
  BOOST_TEST(limiter.tracked_clients() == 3u);
}

BOOST_AUTO_TEST_CASE(oldest_idle_client_is_forgotten) {
  RateLimiter limiter(Settings(1, 0.001, 2));
  BOOST_TEST(limiter.Take("a", kT0).allowed);
  BOOST_TEST(limiter.Take("b", kT0 + 1).allowed);
  BOOST_TEST(!limiter.Take("a", kT0 + 2).allowed);  // a is now the most recent
  BOOST_TEST(limiter.Take("c", kT0 + 3).allowed);   // b, idle the longest, goes
  BOOST_TEST(limiter.tracked_clients() == 2u);
  BOOST_TEST(!limiter.Take("a", kT0 + 4).allowed);  // a was kept
  BOOST_TEST(limiter.Take("b", kT0 + 5).allowed);   // b starts over (c goes)
  BOOST_TEST(limiter.tracked_clients() == 2u);
}

BOOST_AUTO_TEST_CASE(time_going_backwards_refills_nothing) {
  RateLimiter limiter(Settings(1, 1));
  BOOST_TEST(limiter.Take("a", kT0).allowed);
  BOOST_TEST(!limiter.Take("a", kT0 - 60'000).allowed);
  BOOST_TEST(!limiter.Take("a", kT0 + 999).allowed);
  BOOST_TEST(limiter.Take("a", kT0 + 1000).allowed);
}

BOOST_AUTO_TEST_CASE(settings_are_validated) {
  RateLimitSettings s;
  BOOST_TEST(s.Validate().ok());
  s.defaults.capacity = 0.5;
  BOOST_TEST(s.Validate().message().starts_with("defaults.capacity:"));
  s.defaults.capacity = 10;
  s.defaults.refill_per_second = 0;
  BOOST_TEST(s.Validate().message().starts_with("defaults.refill_per_second:"));
  s.defaults.refill_per_second = 1;
  s.per_client["x"] = {std::numeric_limits<double>::infinity(), 1};
  BOOST_TEST(s.Validate().message().starts_with("per_client.x.capacity:"));
  s.per_client["x"] = {2, std::numeric_limits<double>::quiet_NaN()};
  BOOST_TEST(s.Validate().message().starts_with("per_client.x.refill_per_second:"));
  s.per_client.clear();
  s.max_clients = 0;
  BOOST_TEST(s.Validate().message().starts_with("max_clients:"));
}

BOOST_AUTO_TEST_CASE(concurrent_takes_never_exceed_capacity) {
  RateLimiter limiter(Settings(100, 0.001, 8));
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 1000; ++i) {
        if (limiter.Take("shared", kT0 + i % 3).allowed) ++allowed;
        limiter.Take("own-" + std::to_string(t), kT0);
      }
    });
  }
  for (std::thread& th : threads) th.join();
  BOOST_TEST(allowed.load() == 100);
  BOOST_TEST(limiter.tracked_clients() == 5u);
}

}  // namespace
}  // namespace gw::shell
