// ChainResolver: a CanonicalResolver that asks `first` and then `second` (e.g. a
// ResourceOverlay of loose resources in front of the ConformanceStore), so the terminology
// layer sees the same conformance resources as a child SchemaRegistry.
// Thread safety: as safe as the two resolvers (both are read-only after loading).
// Lifetime: both resolvers must outlive the chain.
#pragma once

#include <string_view>

#include "gateway/ports/canonical_resolver.h"

namespace gw::validation {

class ChainResolver final : public ports::CanonicalResolver {
 public:
  ChainResolver(const ports::CanonicalResolver& first, const ports::CanonicalResolver& second)
      : first_(first), second_(second) {}
  const json::Value* Resolve(std::string_view canonical) const override {
    const json::Value* v = first_.Resolve(canonical);
    return v != nullptr ? v : second_.Resolve(canonical);
  }
  const json::Value* Resolve(std::string_view url, std::string_view version) const override {
    const json::Value* v = first_.Resolve(url, version);
    return v != nullptr ? v : second_.Resolve(url, version);
  }

 private:
  const ports::CanonicalResolver& first_;
  const ports::CanonicalResolver& second_;
};

}  // namespace gw::validation
