#include "gateway/shell/fs/file.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace gw::shell {

Result<std::string> ReadFile(const std::string& path, std::size_t max_bytes) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return NotFound("no such file: " + path);
  if (std::filesystem::is_directory(path, ec)) return IoError("is a directory: " + path);
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot open " + path);
  std::string data;
  // Regular files: one allocation of the known size (definition bundles are tens of MB).
  std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (!ec) {
    if (size > max_bytes) {
      return ResourceExhausted(path + " is larger than the limit of " + std::to_string(max_bytes) +
                               " bytes");
    }
    data.resize(static_cast<std::size_t>(size));
    in.read(data.data(), static_cast<std::streamsize>(data.size()));
    data.resize(static_cast<std::size_t>(in.gcount()));
  }
  // Then whatever is left (pipes, files that grew while being read), chunk by chunk.
  char buf[1 << 16];
  while (in) {
    in.read(buf, sizeof buf);
    std::streamsize n = in.gcount();
    if (n <= 0) break;
    if (data.size() + static_cast<std::size_t>(n) > max_bytes) {
      return ResourceExhausted(path + " is larger than the limit of " + std::to_string(max_bytes) +
                               " bytes");
    }
    data.append(buf, static_cast<std::size_t>(n));
  }
  if (in.bad()) return IoError("cannot read " + path);
  return data;
}

Status WriteFile(const std::string& path, std::string_view data) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return IoError("cannot write " + tmp);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    out.flush();
    if (!out) return IoError("cannot write " + tmp);
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return IoError("cannot rename " + tmp + " to " + path);
  return Status::Ok();
}

Result<std::vector<std::string>> ListFiles(const std::string& dir) {
  std::error_code ec;
  std::vector<std::string> out;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) return IoError("cannot list " + dir);
  for (const auto& e : it) {
    if (e.is_regular_file(ec)) out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool IsDirectory(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_directory(path, ec);
}

bool PathExists(const std::string& path) {
  std::error_code ec;
  return std::filesystem::exists(path, ec);
}

}  // namespace gw::shell
