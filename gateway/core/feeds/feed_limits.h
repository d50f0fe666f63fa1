// FeedLimits: the bounds a feed reader enforces on untrusted input. The memory a reader holds is
// bounded by these numbers, never by the size of the feed.
//   max_record_bytes  one CSV record (its field bytes after unquoting) or one NDJSON line
//   max_fields        fields in one CSV record, the header included
//   max_field_bytes   one CSV field after unquoting
// A record over a limit is reported (issue_codes.h) and skipped; the header over a limit is a
// feed-level error. Plain value; thread-safe to share.
#pragma once

#include <cstddef>

namespace gw::feeds {

struct FeedLimits {
  std::size_t max_record_bytes = 1u << 20;
  std::size_t max_fields = 1000;
  std::size_t max_field_bytes = 64u << 10;
};

}  // namespace gw::feeds
