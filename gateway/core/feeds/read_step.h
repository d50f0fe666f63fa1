// ReadStep: what a feed reader's Next() produced — a record (read it with record()), a skipped
// record with its problem (error()), or the end of the feed. Code failures and feed-level
// problems are not steps: Next() returns them as a non-OK Status instead.
#pragma once

#include <cstdint>

namespace gw::feeds {

enum class ReadStep : std::uint8_t { kRecord, kError, kEnd };

}  // namespace gw::feeds
