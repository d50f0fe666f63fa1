// Clock: the port through which code that needs "now" reads the time. The core reads no clock;
// the shell passes a system clock, tests a fixed one, so outputs are byte-stable.
// Thread safety: implementations must be safe to call from any thread.
#pragma once

#include <cstdint>

namespace gw::ports {

class Clock {
 public:
  virtual ~Clock() = default;
  // Wall-clock time in milliseconds since 1970-01-01T00:00:00Z.
  virtual std::int64_t NowMillis() const = 0;
};

}  // namespace gw::ports
