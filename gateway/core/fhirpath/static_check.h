// StaticCheck: compile-time path checking against the TypeModel.
//
// When the type of the evaluation context is known, walks the expression and follows the
// possible FHIR types of every path step. A step that names no element of any possible type is a
// semantic error in strict mode; in every mode, naming a choice element by one of its typed JSON
// names (Observation.valueQuantity) is a semantic error, as FHIRPath for R4 requires, and so is
// a path starting with a resource type other than the context's.
// Types are tracked only through paths and a few type-preserving functions; anything else is
// "unknown" and not checked. Returns OK or "semantic error: ...".
// Thread safety: reentrant.
#pragma once

#include <string_view>

#include "gateway/core/base/status.h"
#include "gateway/core/fhirpath/ast.h"
#include "gateway/core/model/type_model.h"

namespace gw::fhirpath {

Status StaticCheck(const Node& root, const model::TypeModel& model, std::string_view context_type,
                   bool strict);

}  // namespace gw::fhirpath
