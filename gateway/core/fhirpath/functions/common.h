// Small helpers shared by the function family files (internal to the engine).
#pragma once

#include <string>
#include <utility>

#include "gateway/core/fhirpath/evaluator.h"
#include "gateway/core/fhirpath/function_registry.h"
#include "gateway/core/fhirpath/operators.h"

namespace gw::fhirpath::fn {

inline FunctionDef Def(std::string name, int min_args, int max_args, FunctionImpl impl,
                       std::uint32_t lazy_args = 0) {
  FunctionDef d;
  d.name = std::move(name);
  d.min_args = min_args;
  d.max_args = max_args;
  d.impl = impl;
  d.lazy_args = lazy_args;
  return d;
}

inline void PushBool(bool b, Collection* out) { out->push_back(Item::Boolean(b)); }

// True when `c` holds an item equal ('=') to `x`.
inline bool ContainsItem(const Collection& c, const Item& x) {
  for (const Item& y : c) {
    if (ItemsEqual(x, y).value_or(false)) return true;
  }
  return false;
}

// The input as a single System value (nullopt when empty), with the function name in errors.
inline Status InputValue(CallContext& call, const Collection& input, std::optional<Item>* out) {
  return SingletonValue(input, call.node().name + "()", out);
}

}  // namespace gw::fhirpath::fn
