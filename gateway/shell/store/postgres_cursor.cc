#include "gateway/shell/store/postgres_cursor.h"

#include <charconv>
#include <cstdint>
#include <vector>

namespace gw::shell::pg {
namespace {

Status Malformed() { return InvalidArgument("malformed page cursor"); }

bool ToU64(std::string_view s, std::uint64_t* v) {
  if (s.empty() || s.size() > 20) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  auto r = std::from_chars(s.data(), s.data() + s.size(), *v);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// Splits `s` at every `sep`.
std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

}  // namespace

std::string EncodePgCursor(const PgPageCursor& cursor) {
  std::string snap;
  int colons = 0;
  for (char c : cursor.snapshot) {
    if (c == ':') {
      ++colons;
      // "xmin:xmax:" (no in-progress ids) ends without a separator.
      if (colons == 2 && cursor.snapshot.back() == ':') break;
      snap += '-';
    } else if (c == ',') {
      snap += '_';
    } else {
      snap += c;
    }
  }
  PageCursor keyset = cursor.keyset;
  keyset.snapshot = 0;
  return "p1." + snap + "." + EncodeCursor(keyset);
}

Result<PgPageCursor> DecodePgCursor(std::string_view text) {
  if (!text.starts_with("p1.")) return Malformed();
  text.remove_prefix(3);
  const std::size_t dot = text.find('.');
  if (dot == std::string_view::npos) return Malformed();
  const std::vector<std::string_view> parts = Split(text.substr(0, dot), '-');
  if (parts.size() != 2 && parts.size() != 3) return Malformed();
  std::uint64_t xmin = 0, xmax = 0;
  if (!ToU64(parts[0], &xmin) || !ToU64(parts[1], &xmax) || xmin == 0 || xmin > xmax ||
      xmax > static_cast<std::uint64_t>(INT64_MAX)) {
    return Malformed();
  }
  PgPageCursor out;
  out.snapshot = std::to_string(xmin) + ":" + std::to_string(xmax) + ":";
  if (parts.size() == 3) {
    const std::vector<std::string_view> xips = Split(parts[2], '_');
    if (xips.size() > kMaxSnapshotXip) return Malformed();
    std::uint64_t prev = 0;
    for (std::size_t i = 0; i < xips.size(); ++i) {
      std::uint64_t xip = 0;
      if (!ToU64(xips[i], &xip) || xip < xmin || xip >= xmax || (i > 0 && xip <= prev)) {
        return Malformed();
      }
      prev = xip;
      if (i > 0) out.snapshot += ',';
      out.snapshot += std::to_string(xip);
    }
  }
  Result<PageCursor> keyset = DecodeCursor(text.substr(dot + 1));
  if (!keyset.ok() || keyset->snapshot != 0) return Malformed();
  out.keyset = std::move(keyset).value();
  return out;
}

}  // namespace gw::shell::pg
