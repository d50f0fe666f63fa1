// libFuzzer target: arbitrary bytes as a resource through the validator (base R4 definitions,
// FHIRPath invariants and offline terminology bindings on). Any crash, hang, sanitizer report or
// unbounded allocation is a bug; issues about the input are expected.
// The R4 definitions folder comes from $GW_FHIR_R4_DIR or the path compiled in.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "gateway/core/json/parse.h"
#include "gateway/core/terminology/terminology_service.h"
#include "gateway/core/validation/terminology_binding_checker.h"
#include "gateway/core/validation/validator.h"
#include "gateway/shell/fhir_defs/definitions_loader.h"

namespace {

struct World {
  gw::shell::LoadedDefinitions defs;
  std::unique_ptr<gw::validation::SchemaRegistry> registry;
  std::unique_ptr<gw::terminology::TerminologyService> terminology;
  std::unique_ptr<gw::validation::TerminologyBindingChecker> bindings;
  std::unique_ptr<gw::validation::Validator> validator;
};

World* Load() {
  const char* env = std::getenv("GW_FHIR_R4_DIR");
  gw::shell::DefinitionSources sources;
  sources.r4_dir = env != nullptr ? env : GW_FHIR_R4_DIR;
  auto defs = gw::shell::LoadDefinitions(sources);
  if (!defs.ok()) std::abort();  // the harness needs the definitions
  auto* w = new World();
  w->defs = std::move(defs).value();
  w->registry = std::make_unique<gw::validation::SchemaRegistry>(w->defs.store.get(),
                                                                  w->defs.model.get());
  w->terminology = std::make_unique<gw::terminology::TerminologyService>(*w->defs.store);
  w->bindings = std::make_unique<gw::validation::TerminologyBindingChecker>(*w->terminology);
  gw::validation::ValidationOptions options;
  options.terminology = w->terminology.get();
  options.bindings = w->bindings.get();
  options.max_elements = 20'000;
  w->validator = std::make_unique<gw::validation::Validator>(*w->registry, options);
  return w;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World* world = Load();
  gw::json::ParseLimits limits;
  limits.max_nodes = 20'000;
  auto tree = gw::json::Parse(std::string_view(reinterpret_cast<const char*>(data), size), limits);
  if (!tree.ok()) return 0;
  gw::IssueList issues;
  world->validator->Validate(*tree, issues);
  return 0;
}
