#include "gateway/shell/auth/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace gw::shell {
namespace {

// Refills add up in floating point: a bucket within this of a whole token holds it.
constexpr double kEpsilon = 1e-9;

Status CheckLimits(const BucketLimits& l, const std::string& prefix) {
  if (!std::isfinite(l.capacity) || l.capacity < 1) {
    return InvalidArgument(prefix + "capacity: must be a finite number >= 1");
  }
  if (!std::isfinite(l.refill_per_second) || l.refill_per_second <= 0) {
    return InvalidArgument(prefix + "refill_per_second: must be a finite number > 0");
  }
  return Status::Ok();
}

}  // namespace

Status RateLimitSettings::Validate() const {
  GW_RETURN_IF_ERROR(CheckLimits(defaults, "defaults."));
  for (const auto& [client, limits] : per_client) {
    GW_RETURN_IF_ERROR(CheckLimits(limits, "per_client." + client + "."));
  }
  if (max_clients < 1) return InvalidArgument("max_clients: must be >= 1");
  return Status::Ok();
}

RateLimiter::RateLimiter(RateLimitSettings settings) : settings_(std::move(settings)) {}

RateLimiter::Bucket& RateLimiter::BucketFor(std::string_view client_id, std::int64_t now_ms) {
  std::string key(client_id);
  auto it = buckets_.find(key);
  if (it != buckets_.end()) {
    lru_.splice(lru_.end(), lru_, it->second.lru);
    return it->second;
  }
  while (!lru_.empty() && buckets_.size() >= std::max<std::size_t>(settings_.max_clients, 1)) {
    buckets_.erase(lru_.front());
    lru_.pop_front();
  }
  Bucket b;
  auto o = settings_.per_client.find(client_id);
  b.limits = o != settings_.per_client.end() ? o->second : settings_.defaults;
  b.tokens = b.limits.capacity;
  b.updated_ms = now_ms;
  lru_.push_back(key);
  b.lru = std::prev(lru_.end());
  return buckets_.emplace(std::move(key), b).first->second;
}

RateLimiter::Decision RateLimiter::Take(std::string_view client_id, std::int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  Bucket& b = BucketFor(client_id, now_ms);
  if (now_ms > b.updated_ms) {
    double elapsed_s = (static_cast<double>(now_ms) - static_cast<double>(b.updated_ms)) / 1000.0;
    b.tokens = std::min(b.limits.capacity, b.tokens + elapsed_s * b.limits.refill_per_second);
    b.updated_ms = now_ms;
  }
  Decision d;
  if (b.tokens + kEpsilon >= 1.0) {
    b.tokens = std::max(0.0, b.tokens - 1.0);
    return d;
  }
  d.allowed = false;
  // Capped so that a tiny configured rate cannot overflow the conversion.
  double wait_s = std::min((1.0 - b.tokens) / b.limits.refill_per_second, 1e9);
  d.retry_after_seconds =
      std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(wait_s - kEpsilon)));
  return d;
}

std::size_t RateLimiter::tracked_clients() const {
  std::lock_guard<std::mutex> lock(mu_);
  return buckets_.size();
}

}  // namespace gw::shell
