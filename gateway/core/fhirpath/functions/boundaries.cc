// Precision functions: lowBoundary, highBoundary, precision (decimals, quantities, temporals).
#include "gateway/core/fhirpath/functions/common.h"
#include "gateway/core/fhirpath/functions/register.h"

namespace gw::fhirpath {
namespace {

using fn::Def;

constexpr int kDefaultDecimalPrecision = 8;

__int128 Pow10(int n) {
  __int128 r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}

// Truncates (toward zero) or rounds (half up) a non-negative decimal to `p` digits.
std::optional<Decimal> ToPrecision(const Decimal& d, int p, bool round) {
  if (p >= d.scale()) return d.WithScale(p);
  if (round) return d.Round(p);
  __int128 m = d.mantissa() / Pow10(d.scale() - p);
  return Decimal::FromParts(m, p);
}

// Boundary of a non-negative decimal `d` at output precision `p`.
std::optional<Decimal> PositiveBoundary(const Decimal& d, int p, bool high) {
  // Half a unit in the last written place: 5 × 10^-(scale+1).
  Decimal half = Decimal::FromParts(5, d.scale() + 1);
  std::optional<Decimal> b = high ? d.Add(half) : d.Sub(half);
  if (!b) return std::nullopt;
  return ToPrecision(*b, p, high);
}

std::optional<Decimal> DecimalBoundary(const Decimal& d, int p, bool high) {
  if (!d.is_negative()) return PositiveBoundary(d, p, high);
  auto r = PositiveBoundary(d.Abs(), p, !high);
  if (!r) return std::nullopt;
  return r->Negate();
}

Status Boundary(CallContext& call, const Collection& in, Collection* out, bool high) {
  std::optional<Item> v;
  GW_RETURN_IF_ERROR(fn::InputValue(call, in, &v));
  std::optional<std::int64_t> p;
  if (call.argc() > 0) {
    GW_RETURN_IF_ERROR(SingletonInteger(call.arg(0), "boundary precision", &p));
  }
  if (!v) return Status::Ok();
  switch (v->kind()) {
    case ItemKind::kInteger:
    case ItemKind::kDecimal:
    case ItemKind::kQuantity: {
      int digits = static_cast<int>(p.value_or(kDefaultDecimalPrecision));
      if (p && (*p < 0 || *p > Decimal::kMaxScale)) return Status::Ok();
      Decimal d = v->kind() == ItemKind::kInteger   ? Decimal::FromInt(v->integer())
                  : v->kind() == ItemKind::kDecimal ? v->decimal()
                                                    : v->quantity().value;
      auto r = DecimalBoundary(d, digits, high);
      if (!r) return Status::Ok();
      if (v->kind() == ItemKind::kQuantity) {
        Quantity q = v->quantity();
        q.value = *r;
        out->push_back(Item::Qty(std::move(q)));
      } else {
        out->push_back(Item::Dec(*r));
      }
      return Status::Ok();
    }
    case ItemKind::kDate:
    case ItemKind::kDateTime:
    case ItemKind::kTime: {
      std::optional<int> digits;
      if (p) digits = static_cast<int>(*p);
      auto t = high ? v->temporal().HighBoundary(digits) : v->temporal().LowBoundary(digits);
      if (t) out->push_back(Item::Time(*t));
      return Status::Ok();
    }
    default:
      return ExecutionError(call.node().name + "() expects a number, quantity or date/time");
  }
}

Status Low(CallContext& c, const Collection& in, Collection* o) { return Boundary(c, in, o, false); }
Status High(CallContext& c, const Collection& in, Collection* o) { return Boundary(c, in, o, true); }

Status PrecisionOf(CallContext& call, const Collection& in, Collection* out) {
  std::optional<Item> v;
  GW_RETURN_IF_ERROR(fn::InputValue(call, in, &v));
  if (!v) return Status::Ok();
  switch (v->kind()) {
    case ItemKind::kInteger: out->push_back(Item::Integer(0)); break;
    case ItemKind::kDecimal: out->push_back(Item::Integer(v->decimal().precision())); break;
    case ItemKind::kQuantity: out->push_back(Item::Integer(v->quantity().value.precision())); break;
    case ItemKind::kDate:
    case ItemKind::kDateTime:
    case ItemKind::kTime: out->push_back(Item::Integer(v->temporal().PrecisionDigits())); break;
    default: return ExecutionError("precision() expects a number or date/time");
  }
  return Status::Ok();
}

}  // namespace

void RegisterTemporalFunctions(FunctionRegistry* r) {
  r->Add(Def("lowBoundary", 0, 1, Low));
  r->Add(Def("highBoundary", 0, 1, High));
  r->Add(Def("precision", 0, 0, PrecisionOf));
}

}  // namespace gw::fhirpath
