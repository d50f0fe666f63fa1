// FHIRPath operator semantics on items and collections: equality (=), equivalence (~),
// ordering (<, <=, >, >=) and arithmetic (+, -, *, /, div, mod, &).
// Items are converted implicitly (FHIR primitives → System values, Integer → Decimal,
// Date → DateTime, FHIR Quantity → Quantity) before they are compared or combined.
// Errors: Status "execution error: ..." for operands of types that cannot be combined.
// Thread safety: reentrant.
#pragma once

#include <optional>

#include "gateway/core/base/status.h"
#include "gateway/core/fhirpath/ast.h"
#include "gateway/core/fhirpath/item.h"

namespace gw::fhirpath {

// '=' on two items: true/false, or nullopt when unknown (temporal precision, units).
std::optional<bool> ItemsEqual(const Item& a, const Item& b);
// '~' on two items.
bool ItemsEquivalent(const Item& a, const Item& b);

// '=' on collections: empty operand → nullopt; different sizes → false; else item-wise in order.
std::optional<bool> CollectionsEqual(const Collection& a, const Collection& b);
// '~' on collections: both empty → true; one empty → false; order-independent item matching.
bool CollectionsEquivalent(const Collection& a, const Collection& b);

// Ordering of two System-convertible items: <0, 0, >0; nullopt when unknown (precision);
// error when the types cannot be compared.
Status CompareItems(const Item& a, const Item& b, std::optional<int>* out);

// Arithmetic `op` (kAdd, kSub, kMul, kDiv, kIntDiv, kMod) on two singletons. Sets *out to the
// result, or to nullopt when FHIRPath defines the result as empty (division by zero, overflow).
Status Arithmetic(Op op, const Item& a, const Item& b, std::optional<Item>* out);

}  // namespace gw::fhirpath
