// Tree navigation: children(), descendants().
#include "gateway/core/fhirpath/functions/common.h"
#include "gateway/core/fhirpath/functions/register.h"
#include "gateway/core/fhirpath/navigation.h"

namespace gw::fhirpath {
namespace {

using fn::Def;

Status Children(CallContext& call, const Collection& in, Collection* out) {
  for (const Item& x : in) {
    if (x.is_node()) AllChildren(x.node(), call.ev().model(), out);
  }
  return call.ev().Charge(out->size());
}

// Breadth-first over the subtree; bounded by the JSON tree size and the repeat limit.
Status Descendants(CallContext& call, const Collection& in, Collection* out) {
  const std::size_t limit = call.ev().ctx().limits.max_repeat;
  Collection frontier = in;
  std::size_t produced = 0;
  while (!frontier.empty()) {
    Collection next;
    for (const Item& x : frontier) {
      if (x.is_node()) AllChildren(x.node(), call.ev().model(), &next);
    }
    produced += next.size();
    if (produced > limit) {
      return ResourceExhausted("execution error: descendants() produced more than " +
                               std::to_string(limit) + " items");
    }
    GW_RETURN_IF_ERROR(call.ev().Charge(next.size()));
    out->insert(out->end(), next.begin(), next.end());
    frontier = std::move(next);
  }
  return Status::Ok();
}

}  // namespace

void RegisterNavigationFunctions(FunctionRegistry* r) {
  r->Add(Def("children", 0, 0, Children));
  r->Add(Def("descendants", 0, 0, Descendants));
}

}  // namespace gw::fhirpath
