// libFuzzer target: arbitrary bytes through the FHIR JSON parser (with tight limits so that the
// limit paths are exercised), then a write/parse round trip of whatever was accepted.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "gateway/core/json/parse.h"
#include "gateway/core/json/write.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  gw::json::ParseLimits limits;
  limits.max_depth = 32;
  limits.max_nodes = 20000;
  limits.max_array_length = 5000;
  limits.max_object_members = 5000;
  limits.max_string_length = 1 << 16;
  auto v = gw::json::Parse(text, limits);
  if (!v.ok()) return 0;
  std::string written = gw::json::Write(*v);
  auto again = gw::json::Parse(written, limits);
  if (!again.ok() || !(*again == *v)) std::abort();  // the writer must round-trip
  return 0;
}
