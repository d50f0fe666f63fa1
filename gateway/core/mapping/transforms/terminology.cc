// Terminology transform: translate(map, code) → the Coding the ConceptMap gives for `code`
// (a JSON object node owned by the ConceptMapSet: system, code, display when the map has one).
#include "gateway/core/mapping/issue_codes.h"
#include "gateway/core/mapping/transforms/register.h"
#include "gateway/core/mapping/transforms/transform_util.h"

namespace gw::mapping {
namespace {

using fhirpath::CallContext;
using fhirpath::Collection;
using fhirpath::Item;
using fhirpath::NodeRef;

Status Translate(CallContext& call, const Collection&, Collection* out) {
  std::optional<std::string> map, code;
  GW_RETURN_IF_ERROR(transforms::TextOf(call, call.arg(0), "translate() map", &map));
  GW_RETURN_IF_ERROR(transforms::TextOf(call, call.arg(1), "translate() code", &code));
  TransformState* st = transforms::StateOf(call);
  if (st == nullptr || st->env == nullptr || st->env->concept_maps == nullptr) {
    return fhirpath::ExecutionError("translate(): no ConceptMaps configured");
  }
  if (!map || !code) return Status::Ok();
  const json::Value* coding = st->env->concept_maps->Find(*map, *code);
  if (coding == nullptr) {
    return transforms::Fail(call, codes::kUnknownCode, "code not in ConceptMap " + *map,
                            call.arg(1));
  }
  out->push_back(Item::Node(NodeRef{coding, nullptr, ""}));
  return Status::Ok();
}

}  // namespace

void RegisterTerminologyTransforms(fhirpath::FunctionRegistry* r) {
  r->Add(transforms::MakeDef("translate", 2, 2, &Translate));
}

}  // namespace gw::mapping
