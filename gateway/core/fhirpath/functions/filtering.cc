// Filtering and projection: where, select, repeat, ofType.
#include "gateway/core/fhirpath/functions/common.h"
#include "gateway/core/fhirpath/functions/register.h"
#include "gateway/core/fhirpath/type_ops.h"

namespace gw::fhirpath {
namespace {

using fn::Def;

Status Where(CallContext& call, const Collection& in, Collection* out) {
  for (std::size_t i = 0; i < in.size(); ++i) {
    Collection r;
    GW_RETURN_IF_ERROR(call.EvalLazy(0, in[i], static_cast<std::int64_t>(i), &r));
    std::optional<bool> b;
    GW_RETURN_IF_ERROR(SingletonBoolean(r, "where() criteria", &b));
    if (b == true) out->push_back(in[i]);
  }
  return Status::Ok();
}

Status Select(CallContext& call, const Collection& in, Collection* out) {
  for (std::size_t i = 0; i < in.size(); ++i) {
    GW_RETURN_IF_ERROR(call.EvalLazy(0, in[i], static_cast<std::int64_t>(i), out));
    GW_RETURN_IF_ERROR(call.ev().CheckSize(*out));
  }
  return Status::Ok();
}

// repeat(): applies the projection to the input, then to every new item, until no new items
// appear. Items already seen (by '=') are not added again, so cycles terminate.
Status Repeat(CallContext& call, const Collection& in, Collection* out) {
  const std::size_t limit = call.ev().ctx().limits.max_repeat;
  Collection frontier = in;
  Collection result;
  while (!frontier.empty()) {
    Collection next;
    for (std::size_t i = 0; i < frontier.size(); ++i) {
      Collection r;
      GW_RETURN_IF_ERROR(call.EvalLazy(0, frontier[i], static_cast<std::int64_t>(i), &r));
      for (Item& x : r) {
        bool seen = false;
        if (x.is_node()) {
          for (const Item& y : result) {
            if (y.is_node() && y.node() == x.node()) {
              seen = true;
              break;
            }
          }
        } else {
          seen = fn::ContainsItem(result, x);
        }
        if (seen) continue;
        result.push_back(x);
        next.push_back(std::move(x));
        if (result.size() > limit) {
          return ResourceExhausted("execution error: repeat() produced more than " +
                                   std::to_string(limit) + " items");
        }
      }
      GW_RETURN_IF_ERROR(call.ev().Charge(r.size() + result.size() / 16));
    }
    frontier = std::move(next);
  }
  out->insert(out->end(), result.begin(), result.end());
  return Status::Ok();
}

Status OfType(CallContext& call, const Collection& in, Collection* out) {
  GW_RETURN_IF_ERROR(CheckTypeKnown(call.node().type, call.ev().model()));
  for (const Item& x : in) {
    if (ItemIsType(x, call.node().type, call.ev().model(), true)) out->push_back(x);
  }
  return Status::Ok();
}

Status Is(CallContext& call, const Collection& in, Collection* out) {
  GW_RETURN_IF_ERROR(CheckTypeKnown(call.node().type, call.ev().model()));
  if (in.empty()) return Status::Ok();
  if (in.size() > 1) return ExecutionError("is() needs a single item");
  fn::PushBool(ItemIsType(in[0], call.node().type, call.ev().model(), false), out);
  return Status::Ok();
}

Status As(CallContext& call, const Collection& in, Collection* out) {
  GW_RETURN_IF_ERROR(CheckTypeKnown(call.node().type, call.ev().model()));
  if (in.empty()) return Status::Ok();
  if (in.size() > 1) return ExecutionError("as() needs a single item");
  if (ItemIsType(in[0], call.node().type, call.ev().model(), true)) out->push_back(in[0]);
  return Status::Ok();
}

FunctionDef TypeDef(std::string name, FunctionImpl impl) {
  FunctionDef d = Def(std::move(name), 1, 1, impl);
  d.type_arg = true;
  return d;
}

}  // namespace

void RegisterFilteringFunctions(FunctionRegistry* r) {
  r->Add(Def("where", 1, 1, Where, 1));
  r->Add(Def("select", 1, 1, Select, 1));
  r->Add(Def("repeat", 1, 1, Repeat, 1));
  r->Add(TypeDef("ofType", OfType));
  r->Add(TypeDef("is", Is));
  r->Add(TypeDef("as", As));
}

}  // namespace gw::fhirpath
