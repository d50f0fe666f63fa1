// Registration of the mapping transforms: FHIRPath functions the mapping files may call, one
// family per file (transforms/<family>.cc). They read their state (id namespace, ConceptMaps)
// and report rejected values through the TransformState in EvalContext::user; evaluated
// without one they fail with an execution error.
//
//   dates.cc       usDate()          "MM/DD/YYYY" → FHIR date (impossible dates rejected)
//                  isoDate()         "YYYY-MM-DD" checked → FHIR date
//                  localDateTime()   zone-less "YYYY-MM-DDThh:mm[:ss]" → dateTime at -04:00
//   contact.cc     phone()           10 digits → "787-555-0142"
//                  zip()             5 digits, or 9 digits → "00959-4321"
//   names.cc       fullName(a, b, c, d)   the non-empty parts joined by one space (1..4 args)
//   identifiers.cc stableId(type, key)    RFC 4122 v5 UUID of type + "/" + key
//                  ref(type, key)         type + "/" + stableId(type, key)
//   terminology.cc translate(map, code)   the Coding of `code` in a ConceptMap (url or id)
// Every transform returns empty for an empty input (the element is then omitted).
// Rejections use the codes in issue_codes.h (mapping-bad-date, -bad-datetime, -bad-phone,
// -bad-zip, -unknown-code, -bad-value).
// Thread safety: call before the registry is shared.
#pragma once

#include "gateway/core/fhirpath/function_registry.h"

namespace gw::mapping {

void RegisterDateTransforms(fhirpath::FunctionRegistry* r);
void RegisterContactTransforms(fhirpath::FunctionRegistry* r);
void RegisterNameTransforms(fhirpath::FunctionRegistry* r);
void RegisterIdentifierTransforms(fhirpath::FunctionRegistry* r);
void RegisterTerminologyTransforms(fhirpath::FunctionRegistry* r);

// The built-in FHIRPath functions plus every transform above; built once, thread-safe.
const fhirpath::FunctionRegistry& MappingFunctions();

}  // namespace gw::mapping
