// Shared by the FHIRPath tests: the R4 type model loaded once per test program from
// GW_FHIR_R4_DIR (nullptr when the definitions are not installed).
#pragma once

#include "gateway/core/model/type_model.h"

namespace gw::testing {

const model::TypeModel* R4Model();

}  // namespace gw::testing
