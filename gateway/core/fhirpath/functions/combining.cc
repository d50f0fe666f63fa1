// Combining: union (distinct), combine (keeps duplicates).
#include "gateway/core/fhirpath/functions/common.h"
#include "gateway/core/fhirpath/functions/register.h"

namespace gw::fhirpath {
namespace {

using fn::Def;

Status Union(CallContext& call, const Collection& in, Collection* out) {
  GW_RETURN_IF_ERROR(call.ev().Charge((in.size() + call.arg(0).size()) *
                                      (in.size() + call.arg(0).size()) / 16));
  Collection r;
  for (const Collection* c : {&in, &call.arg(0)}) {
    for (const Item& x : *c) {
      if (!fn::ContainsItem(r, x)) r.push_back(x);
    }
  }
  out->insert(out->end(), r.begin(), r.end());
  return Status::Ok();
}

Status Combine(CallContext& call, const Collection& in, Collection* out) {
  out->insert(out->end(), in.begin(), in.end());
  out->insert(out->end(), call.arg(0).begin(), call.arg(0).end());
  return Status::Ok();
}

}  // namespace

void RegisterCombiningFunctions(FunctionRegistry* r) {
  r->Add(Def("union", 1, 1, Union));
  r->Add(Def("combine", 1, 1, Combine));
}

}  // namespace gw::fhirpath
