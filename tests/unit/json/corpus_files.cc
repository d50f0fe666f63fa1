#include "tests/unit/json/corpus_files.h"

#include <algorithm>
#include <filesystem>

namespace gw::testing {

std::vector<std::string> CorpusFiles(const std::string& dir, const std::string& suffix,
                                     bool recursive) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return out;
  auto take = [&](const std::filesystem::directory_entry& e) {
    std::string p = e.path().string();
    if (e.is_regular_file() && p.size() >= suffix.size() &&
        p.compare(p.size() - suffix.size(), suffix.size(), suffix) == 0) {
      out.push_back(p);
    }
  };
  if (recursive) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir, ec)) take(e);
  } else {
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) take(e);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string BaseName(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

}  // namespace gw::testing
