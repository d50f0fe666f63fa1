// ResourceOverlay: a small CanonicalResolver over conformance resources handed in at run time
// (the profiles of a request, a test case's supporting files, a CLI's --load files), meant to
// sit in front of the ConformanceStore through a child SchemaRegistry.
//
// Add() takes ownership of a resource tree; resources with a `url` are indexed by "url" and
// "url|version"; a Bundle's entries are added one by one. Resolve() with a version matches it
// exactly (or a partial "6.1" → highest "6.1.x"); without a version the last added wins.
// Thread safety: build on one thread, then read-only (safe for concurrent Resolve()).
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

#include "gateway/core/json/value.h"
#include "gateway/ports/canonical_resolver.h"

namespace gw::validation {

class ResourceOverlay final : public ports::CanonicalResolver {
 public:
  // Returns the number of resources indexed (0 when it has no url and is not a Bundle).
  std::size_t Add(json::Value resource);

  const json::Value* Resolve(std::string_view canonical) const override;
  const json::Value* Resolve(std::string_view url, std::string_view version) const override;
  std::size_t size() const { return resources_.size(); }

 private:
  std::size_t Index(const json::Value& resource);
  std::deque<json::Value> resources_;
  std::unordered_map<std::string, const json::Value*> by_url_;
  std::unordered_map<std::string, const json::Value*> by_version_;
};

}  // namespace gw::validation
