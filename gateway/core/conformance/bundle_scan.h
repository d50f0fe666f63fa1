// SplitBundleResources(): finds the exact JSON text of each `entry[].resource` of a Bundle
// without building a tree of the whole Bundle, so a 35 MB definitions Bundle can be parsed one
// resource at a time (peak memory: one resource tree, not the Bundle's).
//
// The scan checks structure only (balanced brackets, terminated strings, the top-level object
// shape); each returned piece must still go through json::Parse(), which validates grammar,
// encoding and limits. The returned views point into `bundle_text`, which must outlive them.
// Members other than "entry" (and entry members other than "resource") are skipped.
// Errors: kInvalidArgument when the text is not an object, when "entry" is not an array of
// objects, or when brackets/strings are unbalanced; kResourceExhausted when there are more than
// `max_entries` entries or nesting is deeper than `max_depth`.
// Thread safety: reentrant.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "gateway/core/base/status.h"

namespace gw::conformance {

struct BundleScanLimits {
  std::size_t max_entries = 200'000;
  std::size_t max_depth = 256;
};

Result<std::vector<std::string_view>> SplitBundleResources(std::string_view bundle_text,
                                                           const BundleScanLimits& limits = {});

}  // namespace gw::conformance
