// MemoryChunkSource: a ChunkSource over bytes held in memory (tests, fuzzing, small payloads).
//
// The bytes are handed out either in chunks of a fixed size or cut at given offsets (each cut
// is an offset into the data; cuts out of order, repeated or past the end are ignored, so any
// list of numbers is acceptable). Never fails. The data must outlive the source; the source
// copies nothing.
// Thread safety: one thread at a time.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "gateway/core/feeds/chunk_source.h"

namespace gw::feeds {

class MemoryChunkSource final : public ChunkSource {
 public:
  // Chunks of `chunk_bytes` (0 is taken as 1).
  explicit MemoryChunkSource(std::string_view data, std::size_t chunk_bytes = 64u << 10);
  // Chunks that end at each offset of `cuts` (ascending offsets are used, others skipped), then
  // the rest.
  MemoryChunkSource(std::string_view data, std::vector<std::size_t> cuts);

  Result<std::string_view> Next() override;

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
  std::size_t chunk_bytes_ = 0;  // used when cuts_ is empty
  std::vector<std::size_t> cuts_;
  std::size_t next_cut_ = 0;
  bool use_cuts_ = false;
};

}  // namespace gw::feeds
