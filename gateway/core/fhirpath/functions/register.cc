#include "gateway/core/fhirpath/functions/register.h"

namespace gw::fhirpath {

void RegisterAllBuiltins(FunctionRegistry* r) {
  RegisterExistenceFunctions(r);
  RegisterFilteringFunctions(r);
  RegisterSubsettingFunctions(r);
  RegisterCombiningFunctions(r);
  RegisterConversionFunctions(r);
  RegisterStringFunctions(r);
  RegisterEncodingFunctions(r);
  RegisterMathFunctions(r);
  RegisterNavigationFunctions(r);
  RegisterUtilityFunctions(r);
  RegisterTemporalFunctions(r);
  RegisterFhirFunctions(r);
}

}  // namespace gw::fhirpath
