// Subsetting: single, first, last, tail, skip, take, intersect, exclude.
#include "gateway/core/fhirpath/functions/common.h"
#include "gateway/core/fhirpath/functions/register.h"

namespace gw::fhirpath {
namespace {

using fn::Def;

Status Single(CallContext&, const Collection& in, Collection* out) {
  if (in.size() > 1) {
    return ExecutionError("single() expects at most one item but got " +
                          std::to_string(in.size()));
  }
  out->insert(out->end(), in.begin(), in.end());
  return Status::Ok();
}

Status First(CallContext&, const Collection& in, Collection* out) {
  if (!in.empty()) out->push_back(in.front());
  return Status::Ok();
}

Status Last(CallContext&, const Collection& in, Collection* out) {
  if (!in.empty()) out->push_back(in.back());
  return Status::Ok();
}

Status Tail(CallContext&, const Collection& in, Collection* out) {
  if (in.size() > 1) out->insert(out->end(), in.begin() + 1, in.end());
  return Status::Ok();
}

Status Count(CallContext& call, std::int64_t* n) {
  std::optional<std::int64_t> v;
  GW_RETURN_IF_ERROR(SingletonInteger(call.arg(0), call.node().name + "() argument", &v));
  *n = v.value_or(0);
  return Status::Ok();
}

Status Skip(CallContext& call, const Collection& in, Collection* out) {
  std::int64_t n = 0;
  GW_RETURN_IF_ERROR(Count(call, &n));
  if (n < 0) n = 0;
  if (static_cast<std::size_t>(n) < in.size()) out->insert(out->end(), in.begin() + n, in.end());
  return Status::Ok();
}

Status Take(CallContext& call, const Collection& in, Collection* out) {
  std::int64_t n = 0;
  GW_RETURN_IF_ERROR(Count(call, &n));
  if (n <= 0) return Status::Ok();
  std::size_t k = std::min<std::size_t>(static_cast<std::size_t>(n), in.size());
  out->insert(out->end(), in.begin(), in.begin() + k);
  return Status::Ok();
}

Status Intersect(CallContext& call, const Collection& in, Collection* out) {
  GW_RETURN_IF_ERROR(call.ev().Charge(in.size() * call.arg(0).size() / 16));
  Collection r;
  for (const Item& x : in) {
    if (fn::ContainsItem(call.arg(0), x) && !fn::ContainsItem(r, x)) r.push_back(x);
  }
  out->insert(out->end(), r.begin(), r.end());
  return Status::Ok();
}

Status Exclude(CallContext& call, const Collection& in, Collection* out) {
  GW_RETURN_IF_ERROR(call.ev().Charge(in.size() * call.arg(0).size() / 16));
  for (const Item& x : in) {
    if (!fn::ContainsItem(call.arg(0), x)) out->push_back(x);
  }
  return Status::Ok();
}

}  // namespace

void RegisterSubsettingFunctions(FunctionRegistry* r) {
  r->Add(Def("single", 0, 0, Single));
  r->Add(Def("first", 0, 0, First));
  r->Add(Def("last", 0, 0, Last));
  r->Add(Def("tail", 0, 0, Tail));
  r->Add(Def("skip", 1, 1, Skip));
  r->Add(Def("take", 1, 1, Take));
  r->Add(Def("intersect", 1, 1, Intersect));
  r->Add(Def("exclude", 1, 1, Exclude));
}

}  // namespace gw::fhirpath
