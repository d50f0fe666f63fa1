// Identifier transforms: stableId(type, key) and ref(type, key). The id is the RFC 4122
// version-5 UUID of type + "/" + key under the configured namespace, so it is the same in every
// run and every feed, and reveals nothing of the key.
#include "gateway/core/base/sha1.h"
#include "gateway/core/mapping/transforms/register.h"
#include "gateway/core/mapping/transforms/transform_util.h"

namespace gw::mapping {
namespace {

using fhirpath::CallContext;
using fhirpath::Collection;
using fhirpath::Item;

// The UUID text, or nullopt when the key is empty. Fails without a TransformState.
Status IdOf(CallContext& call, std::optional<std::string>* type, std::optional<std::string>* id) {
  std::optional<std::string> key;
  GW_RETURN_IF_ERROR(transforms::TextOf(call, call.arg(0), "stableId() type", type));
  GW_RETURN_IF_ERROR(transforms::TextOf(call, call.arg(1), "stableId() key", &key));
  TransformState* st = transforms::StateOf(call);
  if (st == nullptr || st->env == nullptr) {
    return fhirpath::ExecutionError(call.node().name + "(): no id namespace configured");
  }
  *id = std::nullopt;
  if (!*type || !key || key->empty()) return Status::Ok();
  *id = NameUuidV5(st->env->id_namespace, **type + "/" + *key);
  return Status::Ok();
}

Status StableId(CallContext& call, const Collection&, Collection* out) {
  std::optional<std::string> type, id;
  GW_RETURN_IF_ERROR(IdOf(call, &type, &id));
  if (id) out->push_back(Item::String(std::move(*id)));
  return Status::Ok();
}

Status Ref(CallContext& call, const Collection&, Collection* out) {
  std::optional<std::string> type, id;
  GW_RETURN_IF_ERROR(IdOf(call, &type, &id));
  if (id) out->push_back(Item::String(*type + "/" + *id));
  return Status::Ok();
}

}  // namespace

void RegisterIdentifierTransforms(fhirpath::FunctionRegistry* r) {
  r->Add(transforms::MakeDef("stableId", 2, 2, &StableId));
  r->Add(transforms::MakeDef("ref", 2, 2, &Ref));
}

}  // namespace gw::mapping
