// CompileSchema(): a StructureDefinition (with snapshot) → ProfileSchema.
//
// What it does: builds the element table from snapshot.element (parents found by element id,
// slices attached to their sliced element), expands choice names, copies fixed[x]/pattern[x],
// minValue[x]/maxValue[x], maxLength, binding and slicing, and compiles each `constraint`
// expression once with the FHIRPath engine (through ExpressionCache, so identical texts are
// compiled once). Invariants listed by ConstraintSkipReason() are kept without an expression
// (never evaluated); ele-1 and ext-1 are evaluated natively. One known defect of the published
// R4 definitions is corrected as the reference validator does: the vital signs profiles' required
// binding of Observation.component.value[x] to the Vital Signs Units counts as extensible.
// It does not link type schemas (TypeRule::schema) or fill TypeRule::target_types: the
// SchemaRegistry does, because that needs other StructureDefinitions.
// Errors: kInvalidArgument when the resource is not a StructureDefinition with a snapshot.
// Data problems (an element whose parent is missing, an expression that does not compile) are
// Issues: "validation-schema-orphan-element", "validation-constraint-uncompilable" (warning).
// Thread safety: CompileSchema is reentrant; an ExpressionCache is used by one thread at a time.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "gateway/core/base/issue.h"
#include "gateway/core/base/status.h"
#include "gateway/core/fhirpath/engine.h"
#include "gateway/core/json/value.h"
#include "gateway/core/model/type_model.h"
#include "gateway/core/validation/profile_schema.h"

namespace gw::validation {

// Compiled FHIRPath invariants shared by text.
class ExpressionCache {
 public:
  // The compiled expression, or null when it does not compile (the Status goes to `error`).
  std::shared_ptr<const fhirpath::Expression> Get(std::string_view text, Status* error);
  std::size_t size() const { return cache_.size(); }

 private:
  std::map<std::string, std::shared_ptr<const fhirpath::Expression>, std::less<>> cache_;
  std::map<std::string, Status, std::less<>> failures_;
};

// Non-empty reason when the invariant `key` with `expression` is not evaluated (a known defect
// of the R4 definitions or a rule the validator checks elsewhere); "" otherwise.
std::string_view ConstraintSkipReason(std::string_view key, std::string_view expression);

// The corrected expression of an invariant whose published text is known to be defective
// (evaluated instead of the published one, as the reference validator does); "" when none.
std::string ConstraintCorrection(std::string_view key, std::string_view expression);

struct SchemaCompileOptions {
  const model::TypeModel* model = nullptr;  // used to find backbone type keys; may be null
  ExpressionCache* expressions = nullptr;   // required
};

Result<std::unique_ptr<ProfileSchema>> CompileSchema(const json::Value& structure_definition,
                                                     const SchemaCompileOptions& options,
                                                     IssueSink* issues);

}  // namespace gw::validation
