// Page cursors come back from clients in next links: DecodeCursor must reject any text without
// crashing, and what it accepts must encode back to the same text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "gateway/shell/store/sql_search.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto cursor = gw::shell::DecodeCursor(text);
  if (cursor.ok() && gw::shell::EncodeCursor(cursor.value()) != text) {
    // Non-canonical spellings ("+1", "01") may decode; they must decode to the same cursor.
    auto again = gw::shell::DecodeCursor(gw::shell::EncodeCursor(cursor.value()));
    if (!again.ok() || again->snapshot != cursor->snapshot || again->last_rid != cursor->last_rid ||
        again->sort_values != cursor->sort_values) {
      std::abort();
    }
  }
  return 0;
}
