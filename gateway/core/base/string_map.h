// StringMap<V> / StringSet: hash containers keyed by std::string that can be looked up with a
// std::string_view (heterogeneous lookup), so hot paths never build a temporary string.
// Thread safety: as std::unordered_map (concurrent reads of an unmodified map are safe).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace gw {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

}  // namespace gw
