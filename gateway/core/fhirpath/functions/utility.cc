// Utility functions: trace, now, today, timeOfDay, aggregate, sort, type, comparable.
#include <algorithm>
#include <numeric>
#include <vector>

#include "gateway/core/fhirpath/functions/common.h"
#include "gateway/core/fhirpath/functions/register.h"
#include "gateway/core/fhirpath/type_ops.h"

namespace gw::fhirpath {
namespace {

using fn::Def;

Status Trace(CallContext& call, const Collection& in, Collection* out) {
  out->insert(out->end(), in.begin(), in.end());
  TraceSink* sink = call.ev().ctx().trace;
  if (sink == nullptr) return Status::Ok();
  std::optional<std::string> name;
  GW_RETURN_IF_ERROR(SingletonString(call.arg(0), "trace() name", &name));
  if (call.argc() < 2) {
    sink->Trace(name.value_or(""), in);
    return Status::Ok();
  }
  Collection projected;
  for (std::size_t i = 0; i < in.size(); ++i) {
    GW_RETURN_IF_ERROR(call.EvalLazy(1, in[i], static_cast<std::int64_t>(i), &projected));
  }
  sink->Trace(name.value_or(""), projected);
  return Status::Ok();
}

Status Now(CallContext& call, const Collection&, Collection* out) {
  out->push_back(Item::Time(call.ev().ctx().now));
  return Status::Ok();
}

Status Today(CallContext& call, const Collection&, Collection* out) {
  Temporal t = call.ev().ctx().now;
  t.kind = TemporalKind::kDate;
  t.precision = Precision::kDay;
  t.hour = t.minute = t.second = t.millisecond = 0;
  t.tz_offset_minutes.reset();
  out->push_back(Item::Time(t));
  return Status::Ok();
}

Status TimeOfDay(CallContext& call, const Collection&, Collection* out) {
  Temporal t = call.ev().ctx().now;
  t.kind = TemporalKind::kTime;
  t.precision = Precision::kMillisecond;
  t.year = 0;
  t.month = t.day = 1;
  t.tz_offset_minutes.reset();
  out->push_back(Item::Time(t));
  return Status::Ok();
}

Status Aggregate(CallContext& call, const Collection& in, Collection* out) {
  Collection total = call.argc() > 1 ? call.arg(1) : Collection();
  for (std::size_t i = 0; i < in.size(); ++i) {
    Collection next;
    GW_RETURN_IF_ERROR(call.EvalLazy(0, in[i], static_cast<std::int64_t>(i), &next, &total));
    total = std::move(next);
  }
  out->insert(out->end(), total.begin(), total.end());
  return Status::Ok();
}

// sort(key, ...): keys are evaluated per item; a key written as -expr sorts descending.
Status Sort(CallContext& call, const Collection& in, Collection* out) {
  const int nkeys = call.argc();
  std::vector<std::vector<Collection>> keys(in.size());
  std::vector<bool> descending(nkeys, false);
  for (int k = 0; k < nkeys; ++k) {
    const Node& arg = *call.node().args[k];
    descending[k] = arg.kind == NodeKind::kUnary && arg.op == Op::kMinus;
  }
  for (std::size_t i = 0; i < in.size(); ++i) {
    keys[i].resize(nkeys);
    for (int k = 0; k < nkeys; ++k) {
      const Node& arg = *call.node().args[k];
      if (descending[k]) {
        Collection one{in[i]};
        Frame f{&one, static_cast<std::int64_t>(i), nullptr};
        GW_RETURN_IF_ERROR(call.ev().Eval(*arg.focus, one, f, &keys[i][k]));
      } else {
        GW_RETURN_IF_ERROR(call.EvalLazy(k, in[i], static_cast<std::int64_t>(i), &keys[i][k]));
      }
    }
  }
  Status error;
  auto cmp_items = [&](const Collection& a, const Collection& b) -> int {
    std::optional<int> c;
    Status s = CompareItems(a[0], b[0], &c);
    if (!s.ok() && error.ok()) error = s;
    return c.value_or(0);
  };
  std::vector<std::size_t> order(in.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    if (nkeys == 0) {
      return cmp_items(Collection{in[x]}, Collection{in[y]}) < 0;
    }
    for (int k = 0; k < nkeys; ++k) {
      const Collection& a = keys[x][k];
      const Collection& b = keys[y][k];
      // Items without a key sort first in either direction.
      if (a.empty() || b.empty()) {
        if (a.empty() != b.empty()) return a.empty();
        continue;
      }
      int c = cmp_items(a, b);
      if (c != 0) return descending[k] ? c > 0 : c < 0;
    }
    return false;
  });
  GW_RETURN_IF_ERROR(error);
  for (std::size_t i : order) out->push_back(in[i]);
  return Status::Ok();
}

Status Type(CallContext&, const Collection& in, Collection* out) {
  for (const Item& x : in) out->push_back(TypeInfoOf(x));
  return Status::Ok();
}

Status Comparable(CallContext& call, const Collection& in, Collection* out) {
  std::optional<Item> a, b;
  GW_RETURN_IF_ERROR(fn::InputValue(call, in, &a));
  GW_RETURN_IF_ERROR(SingletonValue(call.arg(0), "comparable() argument", &b));
  if (!a || !b) return Status::Ok();
  if (a->kind() != ItemKind::kQuantity || b->kind() != ItemKind::kQuantity) {
    return ExecutionError("comparable() expects quantities");
  }
  fn::PushBool(Quantity::Compare(a->quantity(), b->quantity()).has_value(), out);
  return Status::Ok();
}

}  // namespace

void RegisterUtilityFunctions(FunctionRegistry* r) {
  r->Add(Def("trace", 1, 2, Trace, 0b10));
  r->Add(Def("now", 0, 0, Now));
  r->Add(Def("today", 0, 0, Today));
  r->Add(Def("timeOfDay", 0, 0, TimeOfDay));
  r->Add(Def("aggregate", 1, 2, Aggregate, 0b01));
  r->Add(Def("sort", 0, CallContext::kMaxArgs, Sort, 0b1111));
  r->Add(Def("type", 0, 0, Type));
  r->Add(Def("comparable", 1, 1, Comparable));
}

}  // namespace gw::fhirpath
