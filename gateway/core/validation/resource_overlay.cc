#include "gateway/core/validation/resource_overlay.h"

#include "gateway/core/conformance/canonical.h"
#include "gateway/core/validation/json_util.h"

namespace gw::validation {

std::size_t ResourceOverlay::Add(json::Value resource) {
  resources_.push_back(std::move(resource));
  return Index(resources_.back());
}

std::size_t ResourceOverlay::Index(const json::Value& resource) {
  if (StringMember(resource, "resourceType") == "Bundle") {
    std::size_t n = 0;
    const json::Value* entries = resource.Find("entry");
    if (entries == nullptr || !entries->is_array()) return 0;
    for (const json::Value& e : entries->items()) {
      if (const json::Value* r = e.Find("resource"); r != nullptr && r->is_object()) n += Index(*r);
    }
    return n;
  }
  std::string_view url = StringMember(resource, "url");
  if (url.empty()) return 0;
  by_url_[std::string(url)] = &resource;
  std::string_view version = StringMember(resource, "version");
  if (!version.empty()) by_version_[std::string(url) + "|" + std::string(version)] = &resource;
  return 1;
}

const json::Value* ResourceOverlay::Resolve(std::string_view canonical) const {
  conformance::CanonicalRef ref = conformance::SplitCanonical(canonical);
  return Resolve(ref.url, ref.version);
}

const json::Value* ResourceOverlay::Resolve(std::string_view url, std::string_view version) const {
  if (version.empty()) {
    auto it = by_url_.find(std::string(url));
    return it == by_url_.end() ? nullptr : it->second;
  }
  std::string key = std::string(url) + "|" + std::string(version);
  if (auto it = by_version_.find(key); it != by_version_.end()) return it->second;
  const json::Value* best = nullptr;
  std::string_view best_version;
  for (const auto& [k, v] : by_version_) {
    std::size_t bar = k.find('|');
    if (std::string_view(k).substr(0, bar) != url) continue;
    std::string_view have = std::string_view(k).substr(bar + 1);
    if (!conformance::VersionMatches(version, have)) continue;
    if (best == nullptr || conformance::CompareVersions(have, best_version) > 0) {
      best = v;
      best_version = have;
    }
  }
  return best;
}

}  // namespace gw::validation
