// Type tests of FHIRPath: `is`, `as`, ofType() and type() reflection.
//
// System values match System types ("Integer", "System.Integer"); FHIR nodes match FHIR types
// ("boolean", "FHIR.boolean", "Patient") through the TypeModel's inheritance for `is`, and by
// exact type for primitives in `as`/ofType() (a FHIR code is a string for `is`, but
// as(string) yields nothing, as the R4 test suite expects). Without a model FHIR types are
// compared by name.
// Thread safety: reentrant; TypeInfoNode() interns its results in a synchronised table.
#pragma once

#include "gateway/core/base/status.h"
#include "gateway/core/fhirpath/ast.h"
#include "gateway/core/fhirpath/item.h"
#include "gateway/core/model/type_model.h"

namespace gw::fhirpath {

// Errors ("execution error: unknown type X") when `t` names no System type and, with a model,
// no FHIR type either.
Status CheckTypeKnown(const TypeSpec& t, const model::TypeModel* model);

// `exact`: as()/ofType() matching; otherwise `is` matching.
bool ItemIsType(const Item& item, const TypeSpec& t, const model::TypeModel* model, bool exact);

// type(): a node for {"namespace": ..., "name": ...} describing `item`. The JSON object is
// interned for the life of the process.
Item TypeInfoOf(const Item& item);

}  // namespace gw::fhirpath
