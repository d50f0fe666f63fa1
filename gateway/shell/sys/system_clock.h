// SystemClock: the Clock port on the system's real-time clock.
// Thread safety: stateless; safe from any thread.
#pragma once

#include "gateway/ports/clock.h"

namespace gw::shell {

class SystemClock final : public ports::Clock {
 public:
  std::int64_t NowMillis() const override;
};

}  // namespace gw::shell
