// Search page cursors of the PostgreSQL store: the keyset cursor of sql_search.h plus the
// pg_snapshot taken when the first page was read (the SQLite cursor's integer snapshot is
// unused and 0).
//
// Text form: "p1." SNAPSHOT "." KEYSET, where SNAPSHOT is the pg_snapshot "xmin:xmax:xip,..."
// written as "xmin-xmax" or "xmin-xmax-xip_xip_..." (URL-safe) and KEYSET is EncodeCursor().
// DecodePgCursor() accepts only snapshots PostgreSQL would accept (0 < xmin <= xmax, each
// in-progress id in [xmin, xmax), ascending, at most kMaxSnapshotXip of them).
// Errors: kInvalidArgument "malformed page cursor".
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "gateway/core/base/status.h"
#include "gateway/shell/store/sql_search.h"

namespace gw::shell::pg {

inline constexpr std::size_t kMaxSnapshotXip = 4096;

struct PgPageCursor {
  std::string snapshot;  // pg_snapshot text, "xmin:xmax:xip,..."
  PageCursor keyset;     // keyset.snapshot is 0
};

// `cursor.snapshot` must be pg_snapshot text as PostgreSQL prints it.
std::string EncodePgCursor(const PgPageCursor& cursor);
Result<PgPageCursor> DecodePgCursor(std::string_view text);

}  // namespace gw::shell::pg
