#include "gateway/core/mapping/transforms/register.h"

namespace gw::mapping {

const fhirpath::FunctionRegistry& MappingFunctions() {
  static const fhirpath::FunctionRegistry* const kRegistry = [] {
    auto* r = new fhirpath::FunctionRegistry(fhirpath::BuiltinFunctions());
    RegisterDateTransforms(r);
    RegisterContactTransforms(r);
    RegisterNameTransforms(r);
    RegisterIdentifierTransforms(r);
    RegisterTerminologyTransforms(r);
    return r;
  }();
  return *kRegistry;
}

}  // namespace gw::mapping
