// ValueSet parameters (the tools extension valueset-parameter, declared on the ValueSet with a
// `name`) and the filter values that use them: a compose.include/exclude filter (of an include
// that names a system) whose `value` carries a cqf-expression Expression.
//  * the Expression's language must be text/fhirpath → "value-set-parameter-language" (error);
//  * its expression must be valid FHIRPath → "value-set-parameter-expression" (error);
//  * every %variable it uses must be a declared parameter or a standard FHIRPath/FHIR variable
//    (%resource, %context, %ucum, %vs-…, …) → "value-set-parameter-unknown" (error);
//  * a declared parameter that no filter uses → "value-set-parameter-unused" (warning) at the
//    declaring extension.
// Locations follow the reference validator: the Expression of a filter's value is reported at
// "<location>.compose.include[i].filter[j].extension[k].value.ofType(Expression)".
// `location` is the ValueSet's own location ("ValueSet", "Bundle.entry[0].resource").
// Thread safety: pure function; `sink` is only written.
#pragma once

#include <string_view>

#include "gateway/core/base/issue.h"
#include "gateway/core/json/value.h"

namespace gw::validation {

void CheckValueSetParameters(const json::Value& value_set, std::string_view location,
                             IssueSink& sink);

}  // namespace gw::validation
