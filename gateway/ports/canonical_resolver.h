// CanonicalResolver: the port through which the core finds conformance resources
// (StructureDefinition, ValueSet, CodeSystem, SearchParameter, ...) by canonical URL.
//
// A canonical is "url" or "url|version" (a "#fragment" suffix is ignored). Without a version the
// implementation chooses one (ConformanceStore: the loaded package that depends on the others
// wins, then the highest version). With a version, only that version (or, for a partial
// version like "6.1", the highest matching "6.1.x") is returned.
// Returns nullptr when nothing matches; never fails otherwise.
// The returned tree is owned by the resolver and lives as long as it does.
// Thread safety: implementations are safe for concurrent calls once loading has finished.
#pragma once

#include <string_view>

#include "gateway/core/json/value.h"

namespace gw::ports {

class CanonicalResolver {
 public:
  virtual ~CanonicalResolver() = default;

  // `canonical`: "url" or "url|version".
  virtual const json::Value* Resolve(std::string_view canonical) const = 0;

  // `version` empty means any version (same as Resolve(url)).
  virtual const json::Value* Resolve(std::string_view url, std::string_view version) const = 0;
};

}  // namespace gw::ports
