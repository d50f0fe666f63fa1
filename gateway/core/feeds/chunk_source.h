// ChunkSource: the pull interface through which the feed readers receive bytes, so that the
// core never opens a file. A shell implementation reads a file in fixed-size chunks
// (gateway/shell/fs/file_chunk_source.h); MemoryChunkSource (memory_chunk_source.h) serves bytes
// already in memory.
//
// Contract of Next(): returns the next chunk of the byte stream, never an empty view before the
// end; an empty view means the end of the stream, and every later call returns an empty view
// again. The bytes a view refers to stay valid until the next call to Next() or until the
// source is destroyed, whichever comes first. Errors: a non-OK Status (kIo for a file that
// cannot be read); after an error the stream is unusable and callers stop.
// Thread safety: a source is used by one thread at a time.
#pragma once

#include <string_view>

#include "gateway/core/base/status.h"

namespace gw::feeds {

class ChunkSource {
 public:
  virtual ~ChunkSource() = default;
  virtual Result<std::string_view> Next() = 0;
};

}  // namespace gw::feeds
