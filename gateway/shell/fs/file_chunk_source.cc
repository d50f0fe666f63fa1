#include "gateway/shell/fs/file_chunk_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

namespace gw::shell {

Result<std::unique_ptr<FileChunkSource>> FileChunkSource::Open(const std::string& path,
                                                               std::size_t chunk_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return NotFound("no such file: " + path);
    return IoError("cannot open " + path + ": " + std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    return IoError("is a directory: " + path);
  }
  return std::unique_ptr<FileChunkSource>(
      new FileChunkSource(fd, path, std::max<std::size_t>(chunk_bytes, 1)));
}

FileChunkSource::FileChunkSource(int fd, std::string path, std::size_t chunk_bytes)
    : fd_(fd), path_(std::move(path)), buffer_(chunk_bytes) {}

FileChunkSource::~FileChunkSource() {
  if (fd_ >= 0) ::close(fd_);
}

Result<std::string_view> FileChunkSource::Next() {
  if (at_end_) return std::string_view();
  for (;;) {
    ssize_t n = ::read(fd_, buffer_.data(), buffer_.size());
    if (n > 0) return std::string_view(buffer_.data(), static_cast<std::size_t>(n));
    if (n == 0) {
      at_end_ = true;
      return std::string_view();
    }
    if (errno != EINTR) return IoError("cannot read " + path_ + ": " + std::strerror(errno));
  }
}

}  // namespace gw::shell
