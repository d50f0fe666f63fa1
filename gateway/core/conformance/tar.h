// ReadTar(): lists the regular files of a POSIX tar archive (ustar, with pax "path"/"size"
// records and GNU long names) held in memory.
//
// Untrusted input: every header checksum is verified; names that are absolute, contain "..",
// backslashes, NUL or control characters are rejected (path traversal); entry count, the size of
// one entry and the sum of all entry sizes are capped. Directories are skipped; links, devices
// and FIFOs are skipped too (never followed). Names are normalised: a leading "./" is removed.
// Errors: kInvalidArgument (bad header, checksum, truncated archive, unsafe name),
// kResourceExhausted (a limit). Messages name the offending entry.
// The returned views point into `tar`, which must outlive them.
// Thread safety: reentrant.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/base/status.h"

namespace gw::conformance {

struct TarLimits {
  std::size_t max_entries = 20'000;
  std::size_t max_entry_bytes = 64u << 20;
  std::size_t max_total_bytes = 512u << 20;
  std::size_t max_name_bytes = 1024;
};

struct TarEntry {
  std::string name;       // "package/StructureDefinition-x.json"
  std::string_view data;  // the file's bytes, inside the archive buffer
};

Result<std::vector<TarEntry>> ReadTar(std::string_view tar, const TarLimits& limits = {});

// True when `name` is a relative path without "..", empty components, backslashes or control
// characters (the rule ReadTar applies; also used for files of unpacked folders).
bool IsSafeRelativePath(std::string_view name);

}  // namespace gw::conformance
