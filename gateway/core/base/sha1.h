// SHA-1 (FIPS 180-4) message digest, and name-based UUIDs (RFC 4122 version 5) built on it.
//
//   Sha1           incremental hasher: Update() any number of times, then Finish() once; the
//                  20-byte digest. A finished hasher must be Reset() before reuse.
//   Sha1Digest()   the digest of one byte string.
//   NameUuidV5()   the version-5 UUID of `name` under the 16-byte `name_space` (lower-case
//                  8-4-4-4-12 text).
//   ParseUuid()    16 bytes from the 8-4-4-4-12 text form (either case); nullopt when malformed.
// SHA-1 is used here for stable identifiers, not for security.
// Thread safety: a Sha1 object is used by one thread; the free functions are pure.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gw {

using Sha1Bytes = std::array<std::uint8_t, 20>;
using UuidBytes = std::array<std::uint8_t, 16>;

class Sha1 {
 public:
  Sha1() { Reset(); }
  void Reset();
  void Update(std::string_view data);
  Sha1Bytes Finish();

 private:
  void Block(const std::uint8_t* p);

  std::array<std::uint32_t, 5> h_{};
  std::array<std::uint8_t, 64> buf_{};
  std::size_t buf_len_ = 0;
  std::uint64_t total_ = 0;  // bytes
};

Sha1Bytes Sha1Digest(std::string_view data);
std::string HexLower(const std::uint8_t* data, std::size_t n);

std::optional<UuidBytes> ParseUuid(std::string_view text);
std::string UuidText(const UuidBytes& uuid);
std::string NameUuidV5(const UuidBytes& name_space, std::string_view name);

}  // namespace gw
