// ReferenceResolver: the port FHIRPath resolve() uses to follow a Reference to a resource
// outside the current document (references inside the same Bundle and contained resources are
// resolved by the engine itself).
// Contract: Resolve() returns the target resource or nullptr when it is unknown; it never
// throws. The returned tree must stay alive and unchanged until the evaluation that asked for it
// has finished and its results are no longer used (typically the resolver owns a cache).
// Thread safety: implementations must be safe to call from concurrent evaluations.
#pragma once

#include <string_view>

#include "gateway/core/json/value.h"

namespace gw::ports {

class ReferenceResolver {
 public:
  virtual ~ReferenceResolver() = default;
  // `reference` is the Reference.reference text ("Patient/123", an absolute URL, "urn:uuid:…");
  // `from_resource` is the resource that holds the reference (may be null).
  virtual const json::Value* Resolve(std::string_view reference,
                                     const json::Value* from_resource) const = 0;
};

}  // namespace gw::ports
