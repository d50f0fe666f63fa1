// ConstraintEvaluator: evaluates compiled ElementDefinition.constraint invariants on one node.
//
// FHIRPath invariants run with %resource = the resource holding the node and %rootResource =
// the outermost resource of a contained chain (a Bundle entry's resource is its own root).
// An invariant fails when it yields a single false or an empty collection (a boolean test of
// an empty collection is false, as the reference validator reads it); other results pass.
// Guards (ConstraintGuard) decide invariants whose subject is absent before evaluation (ref-1
// on a Reference with only a display). Native invariants (ele-1, ext-1) are decided from the JSON.
// Thread safety: one evaluator per thread (it reuses its evaluation context).
#pragma once

#include "gateway/core/base/status.h"
#include "gateway/core/fhirpath/engine.h"
#include "gateway/core/json/value.h"
#include "gateway/core/model/type_model.h"
#include "gateway/core/validation/profile_schema.h"
#include "gateway/ports/reference_resolver.h"
#include "gateway/ports/terminology_service.h"

namespace gw::validation {

enum class ConstraintOutcome { kPass, kFail, kError, kSkipped };

struct ResourceFrame {
  const json::Value* resource = nullptr;
  const json::Value* root = nullptr;
  std::size_t path_size = 0;  // length of the validator's location path at the resource
};

class ConstraintEvaluator {
 public:
  ConstraintEvaluator(const model::TypeModel* model, const ports::TerminologyService* terminology,
                      const ports::ReferenceResolver* references);

  // `value` is the node (an object, or a primitive's JSON value), `ext` its "_name" object (may
  // be null), `type_key` its FHIR type key. On kError, `error` holds the engine's status.
  ConstraintOutcome Evaluate(const ConstraintRule& rule, const json::Value* value,
                             const json::Value* ext, std::string_view type_key,
                             const ResourceFrame& frame, Status* error);

 private:
  fhirpath::EvalContext ctx_;
};

// True when `guard` proves the invariant passes on `value` without evaluating it.
bool GuardPasses(ConstraintGuard guard, const json::Value& value);

// ele-1 on an object: it has a member other than "id" (primitives pass by construction).
bool PassesEle1(const json::Value& object);
// ext-1 on an Extension object: it has nested extensions or a value[x], not both.
bool PassesExt1(const json::Value& extension);

}  // namespace gw::validation
