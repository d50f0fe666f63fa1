// RandomIdGenerator: the IdGenerator port making random (version 4) UUIDs in lower-case text
// ("3f2c…-…"), 36 characters, from a generator seeded by the operating system's entropy.
// Thread safety: NewId() is safe from any thread (internally locked).
#pragma once

#include <mutex>
#include <random>

#include "gateway/ports/id_generator.h"

namespace gw::shell {

class RandomIdGenerator final : public ports::IdGenerator {
 public:
  RandomIdGenerator();
  std::string NewId() const override;

 private:
  mutable std::mutex mu_;
  mutable std::mt19937_64 rng_;
};

}  // namespace gw::shell
