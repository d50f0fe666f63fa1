// Code systems the gateway checks offline without their content: UCUM units, BCP-47 language
// tags and MIME types. They are too large or open-ended to load, so a code is accepted when it
// is well formed (UCUM: the UCUM grammar; BCP-47: RFC 5646 syntax; MIME: RFC 6838 syntax).
//
// A CodeSystem resource supplied for one of these systems takes precedence over this module
// (the service only consults it when no complete CodeSystem is loaded for the url).
// Filters: UCUM `canonical = <unit>` (same dimension as <unit>); BCP-47 `exists` and `=` on
// language, ext-lang, script, region, variant, extension, private-use. Any other filter on
// these systems is kUnknown.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string_view>

#include "gateway/core/terminology/concept_filter.h"
#include "gateway/core/terminology/truth.h"

namespace gw::terminology {

enum class SpecialSystem : std::uint8_t { kNone, kUcum, kLanguageTag, kMimeType };

inline constexpr std::string_view kUcumSystem = "http://unitsofmeasure.org";
inline constexpr std::string_view kLanguageTagSystem = "urn:ietf:bcp:47";
inline constexpr std::string_view kMimeTypeSystem = "urn:ietf:bcp:13";

SpecialSystem ClassifySystem(std::string_view system_url);

// True when `code` is well formed for `system` (false for kNone).
bool IsWellFormedCode(SpecialSystem system, std::string_view code);

// Code equality in `system`: ASCII case-insensitive for BCP-47 and MIME types, exact otherwise.
bool SpecialCodesEqual(SpecialSystem system, std::string_view a, std::string_view b);

// Evaluates one filter on a well-formed `code`.
Truth MatchSpecialFilter(SpecialSystem system, const FilterSpec& filter, std::string_view code);

}  // namespace gw::terminology
