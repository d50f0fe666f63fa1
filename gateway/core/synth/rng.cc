#include "gateway/core/synth/rng.h"

namespace gw::synth {
namespace {

constexpr std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

std::uint64_t SplitMix64(std::uint64_t* state) {
  std::uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

Rng::Rng(std::uint64_t seed) {
  std::uint64_t state = seed;
  for (std::uint64_t& word : s_) word = SplitMix64(&state);
}

Rng Rng::Derive(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
  std::uint64_t state = seed;
  std::uint64_t a = SplitMix64(&state);
  state = a ^ (stream * 0xD6E8FEB86659FD93ull);
  std::uint64_t b = SplitMix64(&state);
  state = b ^ (index * 0xA0761D6478BD642Full);
  return Rng(SplitMix64(&state));
}

std::uint64_t Rng::Next() {
  const std::uint64_t result = Rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = Rotl(s_[3], 45);
  return result;
}

std::uint64_t Rng::Below(std::uint64_t n) {
  if (n <= 1) return 0;
  // 2^64 mod n values at the bottom are rejected so that every residue is equally likely.
  const std::uint64_t threshold = (0 - n) % n;
  std::uint64_t x;
  do {
    x = Next();
  } while (x < threshold);
  return x % n;
}

std::int64_t Rng::Between(std::int64_t lo, std::int64_t hi) {
  const std::uint64_t span = static_cast<std::uint64_t>(hi - lo) + 1;
  return lo + static_cast<std::int64_t>(Below(span));
}

bool Rng::Chance(double p) {
  if (p <= 0) return false;
  if (p >= 1) return true;
  // 53 random bits as a double in [0, 1): exact, so portable.
  const double u = static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0);
  return u < p;
}

std::size_t Rng::Weighted(std::span<const unsigned> weights) {
  std::uint64_t total = 0;
  for (unsigned w : weights) total += w;
  std::uint64_t r = Below(total);
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (r < weights[i]) return i;
    r -= weights[i];
  }
  return weights.size() - 1;
}

}  // namespace gw::synth
