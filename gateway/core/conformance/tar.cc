#include "gateway/core/conformance/tar.h"

#include <algorithm>
#include <cstdint>
#include <optional>

namespace gw::conformance {
namespace {

constexpr std::size_t kBlock = 512;

// Header field offsets and sizes (POSIX ustar).
constexpr std::size_t kNameOff = 0, kNameLen = 100;
constexpr std::size_t kSizeOff = 124, kSizeLen = 12;
constexpr std::size_t kChksumOff = 148, kChksumLen = 8;
constexpr std::size_t kTypeOff = 156;
constexpr std::size_t kMagicOff = 257;
constexpr std::size_t kPrefixOff = 345, kPrefixLen = 155;

std::string_view Field(std::string_view block, std::size_t off, std::size_t len) {
  std::string_view f = block.substr(off, len);
  std::size_t nul = f.find('\0');
  return nul == std::string_view::npos ? f : f.substr(0, nul);
}

// Octal number (space/NUL terminated) or GNU base-256 (high bit set in the first byte).
std::optional<std::uint64_t> ParseNumber(std::string_view f) {
  if (!f.empty() && (static_cast<unsigned char>(f[0]) & 0x80) != 0) {
    std::uint64_t v = static_cast<unsigned char>(f[0]) & 0x7f;
    for (std::size_t i = 1; i < f.size(); ++i) {
      if (v > (UINT64_MAX >> 8)) return std::nullopt;
      v = (v << 8) | static_cast<unsigned char>(f[i]);
    }
    return v;
  }
  std::uint64_t v = 0;
  std::size_t i = 0;
  while (i < f.size() && f[i] == ' ') ++i;
  bool any = false;
  for (; i < f.size() && f[i] >= '0' && f[i] <= '7'; ++i) {
    if (v > (UINT64_MAX >> 3)) return std::nullopt;
    v = v * 8 + static_cast<std::uint64_t>(f[i] - '0');
    any = true;
  }
  for (; i < f.size(); ++i) {
    if (f[i] != ' ' && f[i] != '\0') return std::nullopt;
  }
  if (!any) return std::nullopt;
  return v;
}

bool ChecksumOk(std::string_view block) {
  std::optional<std::uint64_t> stored = ParseNumber(block.substr(kChksumOff, kChksumLen));
  if (!stored) return false;
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < kBlock; ++i) {
    bool in_field = i >= kChksumOff && i < kChksumOff + kChksumLen;
    sum += in_field ? static_cast<unsigned char>(' ') : static_cast<unsigned char>(block[i]);
  }
  return sum == *stored;
}

bool IsZeroBlock(std::string_view block) {
  return std::all_of(block.begin(), block.end(), [](char c) { return c == 0; });
}

// Reads the "path" and "size" keys of a pax extended header ("LEN key=value\n" records).
Status ParsePax(std::string_view data, std::string* path, std::optional<std::uint64_t>* size) {
  while (!data.empty()) {
    std::size_t space = data.find(' ');
    if (space == std::string_view::npos || space == 0)
      return InvalidArgument("tar: bad pax record");
    std::uint64_t len = 0;
    for (char c : data.substr(0, space)) {
      if (c < '0' || c > '9' || len > 1'000'000'000) return InvalidArgument("tar: bad pax length");
      len = len * 10 + static_cast<std::uint64_t>(c - '0');
    }
    if (len <= space + 1 || len > data.size() || data[len - 1] != '\n') {
      return InvalidArgument("tar: bad pax record");
    }
    std::string_view record = data.substr(space + 1, len - space - 2);
    std::size_t eq = record.find('=');
    if (eq == std::string_view::npos) return InvalidArgument("tar: bad pax record");
    std::string_view key = record.substr(0, eq);
    std::string_view value = record.substr(eq + 1);
    if (key == "path") {
      *path = std::string(value);
    } else if (key == "size") {
      std::uint64_t v = 0;
      for (char c : value) {
        if (c < '0' || c > '9' || v > (UINT64_MAX / 10 - 10)) {
          return InvalidArgument("tar: bad pax size");
        }
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
      }
      *size = v;
    }
    data.remove_prefix(len);
  }
  return Status::Ok();
}

}  // namespace

bool IsSafeRelativePath(std::string_view name) {
  if (name.empty() || name.front() == '/') return false;
  for (char c : name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '\\') return false;
  }
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t slash = name.find('/', start);
    std::size_t end = slash == std::string_view::npos ? name.size() : slash;
    std::string_view part = name.substr(start, end - start);
    if (part == "..") return false;
    if (part.empty() && slash != std::string_view::npos) return false;  // "a//b"
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return true;
}

Result<std::vector<TarEntry>> ReadTar(std::string_view tar, const TarLimits& limits) {
  std::vector<TarEntry> out;
  std::size_t pos = 0;
  std::size_t headers = 0;
  std::uint64_t total = 0;
  std::string pending_name;                   // from a pax or GNU long-name record
  std::optional<std::uint64_t> pending_size;  // from a pax record
  while (true) {
    if (pos + kBlock > tar.size()) {
      if (pos == tar.size() && pending_name.empty()) return out;  // no end marker: tolerated
      return InvalidArgument("tar: truncated archive");
    }
    std::string_view block = tar.substr(pos, kBlock);
    if (IsZeroBlock(block)) return out;  // end-of-archive marker
    if (++headers > limits.max_entries * 2 + 16) {
      return ResourceExhausted("tar: more than " + std::to_string(limits.max_entries) + " entries");
    }
    if (!ChecksumOk(block)) {
      return InvalidArgument("tar: bad header checksum at byte " + std::to_string(pos));
    }
    std::optional<std::uint64_t> size = ParseNumber(block.substr(kSizeOff, kSizeLen));
    if (!size) return InvalidArgument("tar: bad size field at byte " + std::to_string(pos));
    char type = block[kTypeOff];
    if (pending_size && (type == '0' || type == '\0' || type == '7')) size = pending_size;
    std::size_t data_start = pos + kBlock;
    if (*size > tar.size() - data_start) return InvalidArgument("tar: truncated entry data");
    std::uint64_t padded = (*size + kBlock - 1) / kBlock * kBlock;
    std::string_view data = tar.substr(data_start, static_cast<std::size_t>(*size));
    std::size_t next = data_start + static_cast<std::size_t>(
                                        std::min<std::uint64_t>(padded, tar.size() - data_start));

    if (type == 'x' || type == 'L') {  // metadata for the next entry
      if (*size > limits.max_name_bytes * 4 + 4096)
        return ResourceExhausted("tar: header too large");
      if (type == 'x') {
        GW_RETURN_IF_ERROR(ParsePax(data, &pending_name, &pending_size));
      } else {
        std::string_view n = data;
        if (std::size_t nul = n.find('\0'); nul != std::string_view::npos) n = n.substr(0, nul);
        pending_name = std::string(n);
      }
      pos = next;
      continue;
    }
    if (type == 'g') {  // global pax header: nothing we use
      pos = next;
      continue;
    }

    std::string name = std::move(pending_name);
    pending_name.clear();
    pending_size.reset();
    if (name.empty()) {
      std::string_view prefix;
      if (block.substr(kMagicOff, 5) == "ustar") prefix = Field(block, kPrefixOff, kPrefixLen);
      std::string_view base = Field(block, kNameOff, kNameLen);
      name = prefix.empty() ? std::string(base) : std::string(prefix) + "/" + std::string(base);
    }
    while (name.rfind("./", 0) == 0) name.erase(0, 2);
    pos = next;
    if (type == '5') continue;                                 // directory
    if (type != '0' && type != '\0' && type != '7') continue;  // links, devices, fifos: skipped
    if (name.size() > limits.max_name_bytes) return InvalidArgument("tar: entry name too long");
    if (!IsSafeRelativePath(name))
      return InvalidArgument("tar: unsafe entry name \"" + name + "\"");
    if (out.size() >= limits.max_entries) {
      return ResourceExhausted("tar: more than " + std::to_string(limits.max_entries) + " entries");
    }
    if (*size > limits.max_entry_bytes) {
      return ResourceExhausted("tar: entry " + name + " is larger than " +
                               std::to_string(limits.max_entry_bytes) + " bytes");
    }
    total += *size;
    if (total > limits.max_total_bytes) {
      return ResourceExhausted("tar: entries exceed " + std::to_string(limits.max_total_bytes) +
                               " bytes in total");
    }
    out.push_back(TarEntry{std::move(name), data});
  }
}

}  // namespace gw::conformance
