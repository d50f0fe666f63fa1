#include "gateway/core/ingest/provider_index.h"

#include <algorithm>
#include <optional>

namespace gw::ingest {
namespace {

std::optional<std::uint64_t> NpiNumber(std::string_view npi) {
  if (npi.size() != 10) return std::nullopt;
  std::uint64_t n = 0;
  for (char c : npi) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return n;
}

}  // namespace

void ProviderIndex::Add(std::string_view npi, bool organization) {
  if (auto n = NpiNumber(npi)) {
    entries_.emplace_back(*n, organization);
    frozen_ = false;
  }
}

void ProviderIndex::Freeze() {
  std::stable_sort(entries_.begin(), entries_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  entries_.erase(std::unique(entries_.begin(), entries_.end(),
                             [](const auto& a, const auto& b) { return a.first == b.first; }),
                 entries_.end());
  frozen_ = true;
}

std::string_view ProviderIndex::KindOf(std::string_view npi) const {
  auto n = NpiNumber(npi);
  if (!n || !frozen_) return {};
  auto it = std::lower_bound(entries_.begin(), entries_.end(), *n,
                             [](const auto& e, std::uint64_t k) { return e.first < k; });
  if (it == entries_.end() || it->first != *n) return {};
  return it->second ? "organization" : "individual";
}

}  // namespace gw::ingest
