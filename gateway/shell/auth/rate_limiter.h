// RateLimiter: per-client token buckets for the FHIR API. Each client has a bucket of
// `capacity` tokens that refills continuously at `refill_per_second`; a request takes one token
// or is refused with the whole seconds after which one will be available (Retry-After, >= 1).
//
// Settings come from configuration (RateLimitSettings::Validate() before use); `per_client`
// overrides the default bucket for named clients. At most `max_clients` buckets are tracked:
// when a new client arrives and the table is full, the bucket idle the longest is forgotten (a
// forgotten client starts again with a full bucket, which is what a long-idle bucket holds
// anyway unless the table is too small for the number of active clients).
// Time is the caller's (milliseconds, any epoch, e.g. Clock::NowMillis()); a time earlier than
// a bucket's last update refills nothing.
// Thread safety: Take() is safe from any thread (one mutex). The limiter is neither copyable nor
// movable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "gateway/core/base/status.h"

namespace gw::shell {

struct BucketLimits {
  double capacity = 60;           // burst size, >= 1
  double refill_per_second = 10;  // sustained rate, > 0
};

struct RateLimitSettings {
  BucketLimits defaults;
  std::map<std::string, BucketLimits, std::less<>> per_client;
  std::size_t max_clients = 10'000;  // >= 1

  // kInvalidArgument naming the field ("per_client.<id>.capacity: ...") when a value is out of
  // range or not finite.
  Status Validate() const;
};

class RateLimiter {
 public:
  struct Decision {
    bool allowed = true;
    std::int64_t retry_after_seconds = 0;  // >= 1 when not allowed, 0 otherwise
  };

  // `settings` must have passed Validate().
  explicit RateLimiter(RateLimitSettings settings);
  RateLimiter(const RateLimiter&) = delete;
  RateLimiter& operator=(const RateLimiter&) = delete;

  Decision Take(std::string_view client_id, std::int64_t now_ms);

  // Buckets currently tracked.
  std::size_t tracked_clients() const;

 private:
  struct Bucket {
    double tokens = 0;
    std::int64_t updated_ms = 0;
    BucketLimits limits;
    std::list<std::string>::iterator lru;  // position in lru_ (front = idle the longest)
  };

  Bucket& BucketFor(std::string_view client_id, std::int64_t now_ms);

  const RateLimitSettings settings_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
  std::list<std::string> lru_;
};

}  // namespace gw::shell
