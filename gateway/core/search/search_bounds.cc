#include "gateway/core/search/search_bounds.h"

namespace gw::search {

std::optional<DecimalInterval> NumberCondition(Prefix prefix, const fhirpath::Decimal& value) {
  using fhirpath::Decimal;
  DecimalInterval out;
  auto precision_range = [&]() -> bool {
    if (value.scale() >= Decimal::kMaxScale) {
      out.low = value;
      out.high = value;
      out.high_inclusive = true;
      return true;
    }
    Decimal half = Decimal::FromParts(5, value.scale() + 1);
    out.low = value.Sub(half);
    out.high = value.Add(half);
    out.low_inclusive = true;
    out.high_inclusive = false;
    return out.low.has_value() && out.high.has_value();
  };
  switch (prefix) {
    case Prefix::kEq:
      if (!precision_range()) return std::nullopt;
      break;
    case Prefix::kNe:
      if (!precision_range()) return std::nullopt;
      out.outside = true;
      break;
    case Prefix::kGt:
    case Prefix::kSa:
      out.low = value;
      out.low_inclusive = false;
      break;
    case Prefix::kLt:
    case Prefix::kEb:
      out.high = value;
      out.high_inclusive = false;
      break;
    case Prefix::kGe:
      out.low = value;
      out.low_inclusive = true;
      break;
    case Prefix::kLe:
      out.high = value;
      out.high_inclusive = true;
      break;
    case Prefix::kAp: {
      if (value.is_zero()) {
        if (!precision_range()) return std::nullopt;
        break;
      }
      std::optional<Decimal> tenth = value.Abs().Div(Decimal::FromInt(10));
      if (!tenth) return std::nullopt;
      out.low = value.Sub(*tenth);
      out.high = value.Add(*tenth);
      out.low_inclusive = true;
      out.high_inclusive = true;
      if (!out.low || !out.high) return std::nullopt;
      break;
    }
  }
  return out;
}

}  // namespace gw::search
