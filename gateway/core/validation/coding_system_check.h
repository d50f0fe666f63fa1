// Coding.system must be an absolute URI (FHIR R4 Coding: "The identification of the code system
// that defines the meaning of the symbol"; a system without a scheme is a local reference).
//
// CheckCodingSystem reports "coding-system-not-absolute" (error) at `location`.system when the
// Coding `coding` carries a non-empty string system with no URI scheme ("Location1"), and
// "coding-system-is-value-set" (error) when the system is the canonical URL of a ValueSet
// (`resolve_type` gives the resourceType a canonical URL resolves to, or "" when unknown).
// Thread safety: pure function; `sink` is only written.
#pragma once

#include <functional>
#include <string_view>

#include "gateway/core/base/issue.h"
#include "gateway/core/json/value.h"

namespace gw::validation {

// True when `uri` starts with a URI scheme ("http:", "urn:", "mailto:").
bool HasUriScheme(std::string_view uri);

using CanonicalTypeLookup = std::function<std::string_view(std::string_view canonical)>;

void CheckCodingSystem(const json::Value& coding, std::string_view location,
                       const CanonicalTypeLookup& resolve_type, IssueSink& sink);

}  // namespace gw::validation
