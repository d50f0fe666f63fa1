// FileChunkSource: a feeds::ChunkSource that reads a file (or a pipe) in chunks of a fixed size
// (64 KiB by default) into one buffer it owns, so a feed of any size is read in constant memory.
// Open() errors: kNotFound (no such path), kIo (cannot open, or a directory). Next() errors: kIo
// (read failure). Messages name the path (operator data, not PHI). Each view returned by Next()
// is valid until the next call or the source's destruction. The file is closed on destruction.
// Thread safety: one thread at a time.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/base/status.h"
#include "gateway/core/feeds/chunk_source.h"

namespace gw::shell {

class FileChunkSource final : public feeds::ChunkSource {
 public:
  static Result<std::unique_ptr<FileChunkSource>> Open(const std::string& path,
                                                       std::size_t chunk_bytes = 64u << 10);
  ~FileChunkSource() override;
  FileChunkSource(const FileChunkSource&) = delete;
  FileChunkSource& operator=(const FileChunkSource&) = delete;

  Result<std::string_view> Next() override;

 private:
  FileChunkSource(int fd, std::string path, std::size_t chunk_bytes);

  int fd_ = -1;
  std::string path_;
  std::vector<char> buffer_;
  bool at_end_ = false;
};

}  // namespace gw::shell
