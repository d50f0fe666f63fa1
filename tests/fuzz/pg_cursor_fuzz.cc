// PostgreSQL page cursors come back from clients in next links: DecodePgCursor must reject any
// text without crashing, only accept snapshots PostgreSQL would accept, and what it accepts must
// encode to text that decodes to the same cursor.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "gateway/shell/store/postgres_cursor.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto cursor = gw::shell::pg::DecodePgCursor(text);
  if (!cursor.ok()) return 0;
  if (cursor->snapshot.empty() || cursor->keyset.snapshot != 0) std::abort();
  auto again = gw::shell::pg::DecodePgCursor(gw::shell::pg::EncodePgCursor(cursor.value()));
  if (!again.ok() || again->snapshot != cursor->snapshot ||
      again->keyset.last_rid != cursor->keyset.last_rid ||
      again->keyset.sort_values != cursor->keyset.sort_values) {
    std::abort();
  }
  return 0;
}
