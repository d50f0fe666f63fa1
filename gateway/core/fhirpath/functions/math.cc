// Math functions: abs, ceiling, exp, floor, ln, log, power, round, sqrt, truncate.
// exp/ln/log/power(non-integer)/sqrt go through binary floating point and back to Decimal.
#include <cmath>

#include "gateway/core/fhirpath/functions/common.h"
#include "gateway/core/fhirpath/functions/register.h"

namespace gw::fhirpath {
namespace {

using fn::Def;

// The input as a number; nullopt when empty. Errors for non-numbers.
Status Number(CallContext& call, const Collection& in, std::optional<Item>* v) {
  GW_RETURN_IF_ERROR(fn::InputValue(call, in, v));
  if (*v && (*v)->kind() != ItemKind::kInteger && (*v)->kind() != ItemKind::kDecimal &&
      !((*v)->kind() == ItemKind::kQuantity && call.node().name == "abs")) {
    return ExecutionError(call.node().name + "() expects a number");
  }
  return Status::Ok();
}

Decimal ToDec(const Item& v) {
  return v.kind() == ItemKind::kInteger ? Decimal::FromInt(v.integer()) : v.decimal();
}

void PushDouble(double d, Collection* out) {
  if (!std::isfinite(d)) return;
  auto r = Decimal::FromDouble(d);
  if (r) out->push_back(Item::Dec(*r));
}

Status Abs(CallContext& call, const Collection& in, Collection* out) {
  std::optional<Item> v;
  GW_RETURN_IF_ERROR(Number(call, in, &v));
  if (!v) return Status::Ok();
  if (v->kind() == ItemKind::kInteger) {
    out->push_back(Item::Integer(v->integer() < 0 ? -v->integer() : v->integer()));
  } else if (v->kind() == ItemKind::kDecimal) {
    out->push_back(Item::Dec(v->decimal().Abs()));
  } else {
    Quantity q = v->quantity();
    q.value = q.value.Abs();
    out->push_back(Item::Qty(std::move(q)));
  }
  return Status::Ok();
}

template <Decimal (Decimal::*F)() const>
Status Rounder(CallContext& call, const Collection& in, Collection* out) {
  std::optional<Item> v;
  GW_RETURN_IF_ERROR(Number(call, in, &v));
  if (!v) return Status::Ok();
  if (v->kind() == ItemKind::kInteger) {
    out->push_back(*v);
    return Status::Ok();
  }
  auto i = (v->decimal().*F)().ToInt64();
  if (i) out->push_back(Item::Integer(*i));
  return Status::Ok();
}

template <double (*F)(double)>
Status Real(CallContext& call, const Collection& in, Collection* out) {
  std::optional<Item> v;
  GW_RETURN_IF_ERROR(Number(call, in, &v));
  if (!v) return Status::Ok();
  PushDouble(F(ToDec(*v).ToDouble()), out);
  return Status::Ok();
}

Status Log(CallContext& call, const Collection& in, Collection* out) {
  std::optional<Item> v, base;
  GW_RETURN_IF_ERROR(Number(call, in, &v));
  GW_RETURN_IF_ERROR(SingletonValue(call.arg(0), "log() base", &base));
  if (!v || !base) return Status::Ok();
  if (base->kind() != ItemKind::kInteger && base->kind() != ItemKind::kDecimal) {
    return ExecutionError("log() base must be a number");
  }
  PushDouble(std::log(ToDec(*v).ToDouble()) / std::log(ToDec(*base).ToDouble()), out);
  return Status::Ok();
}

Status Power(CallContext& call, const Collection& in, Collection* out) {
  std::optional<Item> v, e;
  GW_RETURN_IF_ERROR(Number(call, in, &v));
  GW_RETURN_IF_ERROR(SingletonValue(call.arg(0), "power() exponent", &e));
  if (!v || !e) return Status::Ok();
  if (e->kind() != ItemKind::kInteger && e->kind() != ItemKind::kDecimal) {
    return ExecutionError("power() exponent must be a number");
  }
  if (v->kind() == ItemKind::kInteger && e->kind() == ItemKind::kInteger && e->integer() >= 0) {
    std::int64_t r = 1;
    for (std::int64_t k = 0; k < e->integer(); ++k) {
      if (__builtin_mul_overflow(r, v->integer(), &r)) return Status::Ok();
      if (r == 0 || r == 1) break;
    }
    out->push_back(Item::Integer(r));
    return Status::Ok();
  }
  PushDouble(std::pow(ToDec(*v).ToDouble(), ToDec(*e).ToDouble()), out);
  return Status::Ok();
}

Status Round(CallContext& call, const Collection& in, Collection* out) {
  std::optional<Item> v;
  GW_RETURN_IF_ERROR(Number(call, in, &v));
  std::optional<std::int64_t> digits;
  if (call.argc() > 0) {
    GW_RETURN_IF_ERROR(SingletonInteger(call.arg(0), "round() precision", &digits));
  }
  if (!v) return Status::Ok();
  if (digits && (*digits < 0 || *digits > Decimal::kMaxScale)) {
    return ExecutionError("round() precision out of range");
  }
  auto r = ToDec(*v).Round(static_cast<int>(digits.value_or(0)));
  if (r) out->push_back(Item::Dec(*r));
  return Status::Ok();
}

double Sqrt(double d) { return d < 0 ? NAN : std::sqrt(d); }
double Ln(double d) { return std::log(d); }
double Exp(double d) { return std::exp(d); }

}  // namespace

void RegisterMathFunctions(FunctionRegistry* r) {
  r->Add(Def("abs", 0, 0, Abs));
  r->Add(Def("ceiling", 0, 0, Rounder<&Decimal::Ceiling>));
  r->Add(Def("floor", 0, 0, Rounder<&Decimal::Floor>));
  r->Add(Def("truncate", 0, 0, Rounder<&Decimal::Truncate>));
  r->Add(Def("exp", 0, 0, Real<Exp>));
  r->Add(Def("ln", 0, 0, Real<Ln>));
  r->Add(Def("sqrt", 0, 0, Real<Sqrt>));
  r->Add(Def("log", 1, 1, Log));
  r->Add(Def("power", 1, 1, Power));
  r->Add(Def("round", 0, 1, Round));
}

}  // namespace gw::fhirpath
