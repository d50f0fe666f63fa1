// FeedError: one problem a feed reader found, located precisely enough to fix the source row.
//   code    a stable code from issue_codes.h (static storage)
//   line    1-based physical line where the record starts (the header is line 1)
//   column  CSV: the column name when the problem belongs to one field, else empty;
//           NDJSON: the JSON pointer the parser was at, when it said
//   cause   NDJSON: the JSON parser's own code (json-syntax, json-too-deep ...), else empty
//   detail  for humans: counts and positions only, never field content (no PHI)
// ToIssue turns it into an Issue located "FEED:LINE" or "FEED:LINE:COLUMN" (e.g.
// "members.csv:12:last_name"), severity error (fatal for feed-level codes, `feed_level`).
// Plain values; thread-safe to copy.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "gateway/core/base/issue.h"

namespace gw::feeds {

struct FeedError {
  std::string_view code;
  std::uint32_t line = 0;
  std::string column;
  std::string cause;
  std::string detail;
};

Issue ToIssue(const FeedError& error, std::string_view feed_name, bool feed_level = false);

}  // namespace gw::feeds
