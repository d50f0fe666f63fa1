// Rng: the portable pseudo-random generator of the synthetic feeds.
//
// xoshiro256** seeded through splitmix64, with its own integer-range reduction (rejection
// sampling) and probability test, so the same seed yields the same sequence on every platform
// and standard library (std::*_distribution is deliberately not used: its output is not
// specified). Derive() makes an independent stream for a numbered sub-task (a family, a
// provider), which lets the generator compute any record on demand without keeping state.
// Thread safety: a value type; one instance per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace gw::synth {

// One splitmix64 step: advances *state and returns a well-mixed 64-bit value.
std::uint64_t SplitMix64(std::uint64_t* state);

class Rng {
 public:
  explicit Rng(std::uint64_t seed);
  // A generator for sub-stream (seed, stream, index): same triple → same sequence.
  static Rng Derive(std::uint64_t seed, std::uint64_t stream, std::uint64_t index);

  std::uint64_t Next();
  // Uniform in [0, n); n == 0 returns 0.
  std::uint64_t Below(std::uint64_t n);
  // Uniform in [lo, hi] (inclusive); requires lo <= hi.
  std::int64_t Between(std::int64_t lo, std::int64_t hi);
  // True with probability p (p <= 0 never, p >= 1 always). Exact IEEE arithmetic only.
  bool Chance(double p);
  // Index chosen with the given integer weights (at least one weight must be positive).
  std::size_t Weighted(std::span<const unsigned> weights);

  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[Below(items.size())];
  }

 private:
  std::uint64_t s_[4];
};

}  // namespace gw::synth
