#include "gateway/shell/sys/random_id_generator.h"

#include <cstdint>

namespace gw::shell {

RandomIdGenerator::RandomIdGenerator() {
  std::random_device rd;
  std::seed_seq seed{rd(), rd(), rd(), rd(), rd(), rd(), rd(), rd()};
  rng_.seed(seed);
}

std::string RandomIdGenerator::NewId() const {
  std::uint64_t hi, lo;
  {
    std::lock_guard<std::mutex> lock(mu_);
    hi = rng_();
    lo = rng_();
  }
  hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;  // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 15; i >= 0; --i) {
    out.push_back(kHex[(hi >> (i * 4)) & 0xF]);
    if (i == 8 || i == 4) out.push_back('-');
  }
  out.push_back('-');
  for (int i = 15; i >= 0; --i) {
    out.push_back(kHex[(lo >> (i * 4)) & 0xF]);
    if (i == 12) out.push_back('-');
  }
  return out;
}

}  // namespace gw::shell
