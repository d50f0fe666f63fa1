#include "gateway/core/conformance/gzip.h"

#include <zlib.h>

#include <algorithm>
#include <climits>

namespace gw::conformance {
namespace {

constexpr std::size_t kChunk = 256u << 10;

class Inflater {
 public:
  Inflater() { ok_ = inflateInit2(&zs_, 16 + MAX_WBITS) == Z_OK; }
  ~Inflater() {
    if (ok_) inflateEnd(&zs_);
  }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
  bool ok() const { return ok_; }
  z_stream& zs() { return zs_; }

 private:
  z_stream zs_{};
  bool ok_ = false;
};

bool AllZero(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == 0; });
}

}  // namespace

Result<std::string> Gunzip(std::string_view gz, std::size_t max_output) {
  if (gz.size() < 18 || static_cast<unsigned char>(gz[0]) != 0x1f ||
      static_cast<unsigned char>(gz[1]) != 0x8b) {
    return InvalidArgument("gzip: not gzip data");
  }
  Inflater inflater;
  if (!inflater.ok()) return Internal("gzip: cannot initialise zlib");
  z_stream& zs = inflater.zs();
  std::string out;
  std::size_t consumed = 0;  // input bytes handed to zlib so far
  while (true) {
    if (zs.avail_in == 0 && consumed < gz.size()) {
      std::size_t n = std::min<std::size_t>(gz.size() - consumed, UINT_MAX);
      zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data() + consumed));
      zs.avail_in = static_cast<uInt>(n);
      consumed += n;
    }
    // One byte more than the cap is allowed in, so exactly-at-the-cap output is accepted.
    std::size_t room = std::min(kChunk, max_output + 1 - out.size());
    std::size_t before = out.size();
    out.resize(before + room);
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + before);
    zs.avail_out = static_cast<uInt>(room);
    int rc = inflate(&zs, Z_NO_FLUSH);
    out.resize(before + (room - zs.avail_out));
    if (out.size() > max_output) {
      return ResourceExhausted("gzip: inflated size exceeds the limit of " +
                               std::to_string(max_output) + " bytes");
    }
    if (rc == Z_STREAM_END) {
      std::size_t rest_offset = consumed - zs.avail_in;
      std::string_view rest = gz.substr(rest_offset);
      if (rest.size() >= 2 && static_cast<unsigned char>(rest[0]) == 0x1f &&
          static_cast<unsigned char>(rest[1]) == 0x8b) {
        if (inflateReset(&zs) != Z_OK) return Internal("gzip: cannot reset zlib");
        continue;  // another member follows
      }
      if (!AllZero(rest)) return InvalidArgument("gzip: trailing bytes after the compressed data");
      return out;
    }
    if (rc == Z_OK) continue;
    if (rc == Z_BUF_ERROR) {
      if (zs.avail_in == 0 && consumed >= gz.size()) {
        return InvalidArgument("gzip: truncated data");
      }
      continue;  // output was full; loop grows it (or hits the cap)
    }
    return InvalidArgument(std::string("gzip: corrupt data (") +
                           (zs.msg != nullptr ? zs.msg : "zlib error") + ")");
  }
}

}  // namespace gw::conformance
