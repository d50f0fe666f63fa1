// Number and quantity search semantics as key intervals (decimal_key.h), shared by the stores.
//
// NumberCondition(prefix, v): the target values v_t that match:
//   eq: v - h <= v_t < v + h, where h is half a unit of v's last written digit (100 → [99.5,
//       100.5), 1.50 → [1.495, 1.505)); ne: outside that range;
//   gt/sa: v_t > v; lt/eb: v_t < v; ge: v_t >= v; le: v_t <= v;
//   ap: within 10% of v (|v - v_t| <= |v| / 10), or the eq range when v is 0.
// Thread safety: pure.
#pragma once

#include <optional>
#include <string>

#include "gateway/core/fhirpath/decimal.h"
#include "gateway/core/search/search_query.h"

namespace gw::search {

struct DecimalInterval {
  std::optional<fhirpath::Decimal> low;  // nullopt: unbounded
  bool low_inclusive = true;
  std::optional<fhirpath::Decimal> high;  // nullopt: unbounded
  bool high_inclusive = false;
  bool outside = false;  // match values NOT in the interval (ne)
};

// nullopt only when the bounds overflow Decimal.
std::optional<DecimalInterval> NumberCondition(Prefix prefix, const fhirpath::Decimal& value);

}  // namespace gw::search
