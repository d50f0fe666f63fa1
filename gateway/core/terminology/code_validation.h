// CodeValidation: the answer to "is this code (with this display) valid in this value set?".
//
// membership is kMember / kNotMember / kUnknown ("not checked": the value set or a code system
// it depends on is not available offline, or cannot be used). reason says why (see
// MembershipReason); detail names the canonical that could not be used (never a code or a
// display, so it is safe to log). display reports whether the given display is one of the
// code's displays or designations, compared ignoring ASCII case and runs of white space.
// Thread safety: plain values; DisplayMatches is a pure function.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/terminology/membership.h"

namespace gw::terminology {

enum class Membership : std::uint8_t { kMember, kNotMember, kUnknown };
const char* MembershipName(Membership m);  // "member", "not-member", "unknown"

enum class DisplayCheck : std::uint8_t {
  kNotGiven,    // no display to check
  kMatches,     // the display is one of the code's displays/designations
  kMismatch,    // it is not; expected_display holds the preferred display
  kNotChecked,  // the code's displays are not known offline
};
const char* DisplayCheckName(DisplayCheck d);

struct CodeValidation {
  Membership membership = Membership::kUnknown;
  MembershipReason reason = MembershipReason::kSystemNotLoaded;
  std::string detail;
  DisplayCheck display = DisplayCheck::kNotGiven;
  std::string expected_display;
};

// True when `given` equals one of `candidates` after trimming, collapsing white space and
// ignoring ASCII case. Empty candidates are ignored.
bool DisplayMatches(std::string_view given, const std::vector<std::string_view>& candidates);

}  // namespace gw::terminology
