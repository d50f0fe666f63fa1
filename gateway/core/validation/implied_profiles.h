// ImpliedProfile(): a core profile that a resource must conform to because of its content,
// whatever profiles it claims. The R4 specification requires it of Observations that carry a
// vital-sign code: a LOINC (or SNOMED CT) code of body temperature, heart rate, blood pressure,
// ... makes the matching vital signs profile apply (http://hl7.org/fhir/StructureDefinition/
// bodytemp, heartrate, bp, ...).
// Returns the canonical of that profile, or "" when none applies (other resource types, no
// such code). When several codings match, the first row of the table that one matches wins
// (the panel first, then respiratory rate, heart rate, oxygen saturation, body temperature,
// height, head circumference, weight, BMI, blood pressure; LOINC before SNOMED CT).
// Thread safety: pure function over static tables.
#pragma once

#include <string_view>

#include "gateway/core/json/value.h"

namespace gw::validation {

std::string_view ImpliedProfile(const json::Value& resource);

}  // namespace gw::validation
