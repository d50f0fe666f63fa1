#include "gateway/core/feeds/memory_chunk_source.h"

#include <algorithm>
#include <utility>

namespace gw::feeds {

MemoryChunkSource::MemoryChunkSource(std::string_view data, std::size_t chunk_bytes)
    : data_(data), chunk_bytes_(std::max<std::size_t>(chunk_bytes, 1)) {}

MemoryChunkSource::MemoryChunkSource(std::string_view data, std::vector<std::size_t> cuts)
    : data_(data), chunk_bytes_(data.size() + 1), cuts_(std::move(cuts)), use_cuts_(true) {}

Result<std::string_view> MemoryChunkSource::Next() {
  if (pos_ >= data_.size()) return std::string_view();
  std::size_t end = data_.size();
  if (use_cuts_) {
    // The first cut beyond the current position; cuts at or before it are spent.
    while (next_cut_ < cuts_.size() && cuts_[next_cut_] <= pos_) ++next_cut_;
    if (next_cut_ < cuts_.size()) end = std::min(cuts_[next_cut_++], data_.size());
  } else {
    end = pos_ + std::min(chunk_bytes_, data_.size() - pos_);
  }
  std::string_view chunk = data_.substr(pos_, end - pos_);
  pos_ = end;
  return chunk;
}

}  // namespace gw::feeds
