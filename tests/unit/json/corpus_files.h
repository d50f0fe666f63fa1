// Helpers for tests that read the shared corpora.
#pragma once

#include <string>
#include <vector>

namespace gw::testing {

// Files in `dir` (recursively when `recursive`) whose names end with `suffix`, sorted.
// Empty when the folder does not exist.
std::vector<std::string> CorpusFiles(const std::string& dir, const std::string& suffix,
                                     bool recursive = false);
std::string BaseName(const std::string& path);

}  // namespace gw::testing
