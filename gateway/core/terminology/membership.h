// Membership of a code in a compiled value set, in three-valued logic, without expansion.
//
// A code is in the value set when it matches some include and no exclude. A part matches when
// the system agrees (an empty coding system matches any part: a bare `code`), the system part
// accepts the code (listed concept; concept of a loaded code system passing all filters; whole
// loaded system; well-formed code of a syntax-checked system), and the code is in every value set
// the part includes. Whatever cannot be decided offline is kUnknown, with the reason.
// A value set without compose (or whose compose answers kUnknown) falls back on its stored
// expansion, when it has one: listed codes are members, others are not.
//
// Thread safety: pure functions over immutable compiled value sets.
// Lifetime: MembershipAnswer::detail and ::listed point into the compiled value set (or its
// code systems) and live as long as it does.
#pragma once

#include <cstdint>
#include <string_view>

#include "gateway/core/terminology/truth.h"
#include "gateway/core/terminology/value_set.h"

namespace gw::terminology {

enum class MembershipReason : std::uint8_t {
  kMember,               // the code is in the value set
  kNotInValueSet,        // the code is not in the value set
  kUnknownCode,          // not defined by its loaded, complete code system
  kInvalidSyntax,        // not well formed for a syntax-checked system (UCUM, BCP-47, MIME)
  kSystemNotLoaded,      // a code system the answer depends on is not available offline
  kSystemNotEnumerated,  // the code system is loaded, but its content is not complete
  kValueSetNotFound,     // the value set (or one it includes) is not available
  kValueSetInvalid,      // the value set cannot be used (see CompiledValueSet::status)
  kFilterNotSupported,   // a filter this layer does not evaluate
};
const char* MembershipReasonName(MembershipReason reason);

struct MembershipAnswer {
  Truth truth = Truth::kFalse;
  MembershipReason reason = MembershipReason::kNotInValueSet;
  // For kUnknown: the canonical (code system or value set) that could not be used.
  std::string_view detail;
  // When the code matched a listed concept: that concept (display, designations).
  const ListedConcept* listed = nullptr;
};

MembershipAnswer EvaluateMembership(const CompiledValueSet& value_set, std::string_view system,
                                    std::string_view code);

// One include/exclude part (exposed for the expander and for tests).
MembershipAnswer MatchPart(const ComposePart& part, std::string_view system, std::string_view code);

}  // namespace gw::terminology
