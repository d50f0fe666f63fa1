// Truth: three-valued (Kleene) logic for terminology answers that may not be checkable offline.
//
// kTrue / kFalse are definite answers; kUnknown means the data needed to decide (a code system
// or value set) is not available. And/Or follow Kleene's strong logic: And(kFalse, x) is kFalse,
// Or(kTrue, x) is kTrue, otherwise any kUnknown makes the result kUnknown.
// Thread safety: plain values and pure functions.
#pragma once

#include <cstdint>

namespace gw::terminology {

enum class Truth : std::uint8_t { kFalse, kTrue, kUnknown };

constexpr Truth FromBool(bool b) { return b ? Truth::kTrue : Truth::kFalse; }

constexpr Truth And(Truth a, Truth b) {
  if (a == Truth::kFalse || b == Truth::kFalse) return Truth::kFalse;
  if (a == Truth::kUnknown || b == Truth::kUnknown) return Truth::kUnknown;
  return Truth::kTrue;
}

constexpr Truth Or(Truth a, Truth b) {
  if (a == Truth::kTrue || b == Truth::kTrue) return Truth::kTrue;
  if (a == Truth::kUnknown || b == Truth::kUnknown) return Truth::kUnknown;
  return Truth::kFalse;
}

constexpr Truth Not(Truth a) {
  if (a == Truth::kUnknown) return a;
  return a == Truth::kTrue ? Truth::kFalse : Truth::kTrue;
}

}  // namespace gw::terminology
