// ProfileChecker: the port FHIRPath conformsTo() uses to test a resource or element against a
// StructureDefinition.
// Contract: ConformsTo() returns true/false; Status kNotFound when the profile is unknown (the
// FHIRPath call then fails with an execution error); it never throws.
// Thread safety: implementations must be safe to call from concurrent evaluations.
#pragma once

#include <string_view>

#include "gateway/core/base/status.h"
#include "gateway/core/json/value.h"

namespace gw::ports {

class ProfileChecker {
 public:
  virtual ~ProfileChecker() = default;
  // `type` is the FHIR type of `value` ("Patient", "HumanName"), possibly empty when unknown.
  virtual Result<bool> ConformsTo(const json::Value& value, std::string_view type,
                                  std::string_view profile_url) const = 0;
};

}  // namespace gw::ports
