#include "tests/unit/fhirpath/test_model.h"

#include <memory>

#include "gateway/shell/fhir_defs/definitions_loader.h"
#include "gateway/shell/fs/file.h"

namespace gw::testing {

const model::TypeModel* R4Model() {
  static const std::shared_ptr<const model::R4TypeModel> model = [] {
    std::shared_ptr<const model::R4TypeModel> m;
    if (!shell::PathExists(GW_FHIR_R4_DIR "/profiles-types.json")) return m;
    auto r = shell::LoadR4TypeModel(GW_FHIR_R4_DIR);
    if (r.ok()) m = *r;
    return m;
  }();
  return model.get();
}

}  // namespace gw::testing
