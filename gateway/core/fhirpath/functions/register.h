// Registration of the built-in FHIRPath function families, one call per family. Each family
// lives in its own file (functions/<family>.cc).
// Thread safety: call before the registry is shared; registries are read-only afterwards.
#pragma once

#include "gateway/core/fhirpath/function_registry.h"

namespace gw::fhirpath {

void RegisterExistenceFunctions(FunctionRegistry* r);    // empty, exists, all, count, ...
void RegisterFilteringFunctions(FunctionRegistry* r);    // where, select, repeat, ofType
void RegisterSubsettingFunctions(FunctionRegistry* r);   // single, first, take, intersect, ...
void RegisterCombiningFunctions(FunctionRegistry* r);    // union, combine
void RegisterConversionFunctions(FunctionRegistry* r);   // iif, toX, convertsToX
void RegisterStringFunctions(FunctionRegistry* r);       // substring, matches, encode, ...
void RegisterEncodingFunctions(FunctionRegistry* r);     // encode, decode, escape, unescape
void RegisterMathFunctions(FunctionRegistry* r);         // abs, round, power, ...
void RegisterNavigationFunctions(FunctionRegistry* r);   // children, descendants
void RegisterUtilityFunctions(FunctionRegistry* r);      // trace, now, aggregate, sort, type()
void RegisterTemporalFunctions(FunctionRegistry* r);     // lowBoundary, precision, ...
void RegisterFhirFunctions(FunctionRegistry* r);         // extension, resolve, memberOf, ...

// All of the above.
void RegisterAllBuiltins(FunctionRegistry* r);

}  // namespace gw::fhirpath
