// Binding strengths and the request TerminologyService::CheckBinding() evaluates.
//
// The rules (FHIR R4, terminologies.html#strength), applied to the codings of one element:
//  * required:   some coding must be in the value set. None is → error
//                "terminology-code-not-in-valueset"; no coding at all → error
//                "terminology-code-missing" (text alone is not enough).
//  * extensible: some coding should be in the value set. None is → warning
//                "terminology-code-not-in-valueset", or information when the CodeableConcept
//                has text (the concept may not be covered by the value set); no coding and no
//                text → warning "terminology-code-missing".
//  * preferred / example: no issues.
// For required and extensible:
//  * when no coding is a member but some could not be checked offline → information
//    "terminology-not-checked" instead of the error/warning above;
//  * a coding with a system whose code is not defined by that loaded, complete code system (or
//    is malformed for UCUM/BCP-47/MIME) → error "terminology-code-unknown" at the coding's
//    location (bare codes only get the value set issue);
//  * a member coding with a display that is not one of the code's displays → warning
//    "terminology-display-mismatch" at the coding's location;
//  * a value set that is not found → warning "terminology-valueset-not-found"; one that cannot
//    be used (cycle, malformed) → warning "terminology-valueset-invalid".
// Locations: element-level issues use BindingRequest::location, coding-level issues the
// coding's own location (or the element's when it is empty).
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::terminology {

enum class BindingStrength : std::uint8_t { kRequired, kExtensible, kPreferred, kExample };

// "required", "extensible", "preferred", "example"; nullopt otherwise.
std::optional<BindingStrength> ParseBindingStrength(std::string_view text);
const char* BindingStrengthName(BindingStrength strength);

struct CodingRef {
  std::string system;  // empty for a bare `code` element
  std::string code;
  std::string display;   // empty when absent
  std::string location;  // e.g. "Patient.maritalStatus.coding[0]"
};

struct BindingRequest {
  BindingStrength strength = BindingStrength::kRequired;
  std::string value_set;  // canonical, "url" or "url|version"
  std::vector<CodingRef> codings;
  bool has_text = false;    // CodeableConcept.text is present
  std::string location;     // the bound element, e.g. "Patient.maritalStatus"
  bool additional = false;  // an additional binding of the element (named so in messages)
};

}  // namespace gw::terminology
