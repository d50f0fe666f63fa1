// Existence functions: empty, exists, all, allTrue, anyTrue, allFalse, anyFalse, subsetOf,
// supersetOf, count, distinct, isDistinct, not.
#include "gateway/core/fhirpath/functions/common.h"
#include "gateway/core/fhirpath/functions/register.h"

namespace gw::fhirpath {
namespace {

using fn::Def;
using fn::PushBool;

Status Empty(CallContext&, const Collection& in, Collection* out) {
  PushBool(in.empty(), out);
  return Status::Ok();
}

// Runs the criteria (lazy argument 0) on item `i`; *result is its singleton Boolean value.
Status Criteria(CallContext& call, const Collection& in, std::size_t i,
                std::optional<bool>* result) {
  Collection r;
  GW_RETURN_IF_ERROR(call.EvalLazy(0, in[i], static_cast<std::int64_t>(i), &r));
  return SingletonBoolean(r, call.node().name + "() criteria", result);
}

Status Exists(CallContext& call, const Collection& in, Collection* out) {
  if (call.argc() == 0) {
    PushBool(!in.empty(), out);
    return Status::Ok();
  }
  for (std::size_t i = 0; i < in.size(); ++i) {
    std::optional<bool> b;
    GW_RETURN_IF_ERROR(Criteria(call, in, i, &b));
    if (b == true) {
      PushBool(true, out);
      return Status::Ok();
    }
  }
  PushBool(false, out);
  return Status::Ok();
}

Status All(CallContext& call, const Collection& in, Collection* out) {
  for (std::size_t i = 0; i < in.size(); ++i) {
    std::optional<bool> b;
    GW_RETURN_IF_ERROR(Criteria(call, in, i, &b));
    if (b != true) {
      PushBool(false, out);
      return Status::Ok();
    }
  }
  PushBool(true, out);
  return Status::Ok();
}

// allTrue/anyTrue/allFalse/anyFalse: `want` is the value looked for, `all` the quantifier.
Status BoolAggregate(CallContext& call, const Collection& in, Collection* out, bool want,
                     bool all) {
  bool result = all;
  for (const Item& item : in) {
    std::optional<Item> v = ToSystem(item);
    if (!v || v->kind() != ItemKind::kBoolean) {
      return ExecutionError(call.node().name + "() expects Boolean items");
    }
    bool match = v->boolean() == want;
    if (all && !match) result = false;
    if (!all && match) result = true;
  }
  PushBool(result, out);
  return Status::Ok();
}

Status AllTrue(CallContext& c, const Collection& in, Collection* o) {
  return BoolAggregate(c, in, o, true, true);
}
Status AnyTrue(CallContext& c, const Collection& in, Collection* o) {
  return BoolAggregate(c, in, o, true, false);
}
Status AllFalse(CallContext& c, const Collection& in, Collection* o) {
  return BoolAggregate(c, in, o, false, true);
}
Status AnyFalse(CallContext& c, const Collection& in, Collection* o) {
  return BoolAggregate(c, in, o, false, false);
}

bool IsSubset(const Collection& a, const Collection& b) {
  for (const Item& x : a) {
    if (!fn::ContainsItem(b, x)) return false;
  }
  return true;
}

Status SubsetOf(CallContext& call, const Collection& in, Collection* out) {
  PushBool(IsSubset(in, call.arg(0)), out);
  return Status::Ok();
}

Status SupersetOf(CallContext& call, const Collection& in, Collection* out) {
  PushBool(IsSubset(call.arg(0), in), out);
  return Status::Ok();
}

Status Count(CallContext&, const Collection& in, Collection* out) {
  out->push_back(Item::Integer(static_cast<std::int64_t>(in.size())));
  return Status::Ok();
}

Status Distinct(CallContext& call, const Collection& in, Collection* out) {
  GW_RETURN_IF_ERROR(call.ev().Charge(in.size() * in.size() / 16));
  Collection r;
  for (const Item& x : in) {
    if (!fn::ContainsItem(r, x)) r.push_back(x);
  }
  out->insert(out->end(), r.begin(), r.end());
  return Status::Ok();
}

Status IsDistinct(CallContext& call, const Collection& in, Collection* out) {
  Collection r;
  GW_RETURN_IF_ERROR(Distinct(call, in, &r));
  PushBool(r.size() == in.size(), out);
  return Status::Ok();
}

Status Not(CallContext& call, const Collection& in, Collection* out) {
  std::optional<bool> b;
  if (in.size() == 1) {
    std::optional<Item> v = ToSystem(in[0]);
    if (!v || v->kind() != ItemKind::kBoolean) {
      // Singleton evaluation: a non-Boolean single item counts as true.
      PushBool(false, out);
      return Status::Ok();
    }
  }
  GW_RETURN_IF_ERROR(SingletonBoolean(in, "not()", &b));
  if (b) PushBool(!*b, out);
  return Status::Ok();
}

}  // namespace

void RegisterExistenceFunctions(FunctionRegistry* r) {
  r->Add(Def("empty", 0, 0, Empty));
  r->Add(Def("exists", 0, 1, Exists, 1));
  r->Add(Def("all", 1, 1, All, 1));
  r->Add(Def("allTrue", 0, 0, AllTrue));
  r->Add(Def("anyTrue", 0, 0, AnyTrue));
  r->Add(Def("allFalse", 0, 0, AllFalse));
  r->Add(Def("anyFalse", 0, 0, AnyFalse));
  r->Add(Def("subsetOf", 1, 1, SubsetOf));
  r->Add(Def("supersetOf", 1, 1, SupersetOf));
  r->Add(Def("count", 0, 0, Count));
  r->Add(Def("distinct", 0, 0, Distinct));
  r->Add(Def("isDistinct", 0, 0, IsDistinct));
  r->Add(Def("not", 0, 0, Not));
}

}  // namespace gw::fhirpath
