// File system access for the shell: whole-file reads with a size cap, directory listings.
// Errors: kIo (cannot open/read), kResourceExhausted (file larger than max_bytes),
// kNotFound (missing path). Messages name the path (paths are operator data, not PHI).
// Thread safety: reentrant.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "gateway/core/base/status.h"

namespace gw::shell {

Result<std::string> ReadFile(const std::string& path, std::size_t max_bytes = 256u << 20);
Status WriteFile(const std::string& path, std::string_view data);
// Regular files directly inside `dir` (full paths), sorted by name.
Result<std::vector<std::string>> ListFiles(const std::string& dir);
bool IsDirectory(const std::string& path);
bool PathExists(const std::string& path);

}  // namespace gw::shell
