// Shared fixtures of the validation tests: the R4 base definitions loaded once, a base
// SchemaRegistry over them, and small file helpers.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "gateway/core/json/value.h"
#include "gateway/core/terminology/terminology_service.h"
#include "gateway/core/validation/schema_registry.h"
#include "gateway/core/validation/terminology_binding_checker.h"
#include "gateway/core/validation/validator.h"
#include "gateway/shell/fhir_defs/definitions_loader.h"

namespace gw::validation::testing {

struct BaseDefinitions {
  shell::LoadedDefinitions defs;
  std::unique_ptr<SchemaRegistry> registry;
  // Offline terminology over the same store, and the validator's binding checker over it.
  std::unique_ptr<terminology::TerminologyService> terminology;
  std::unique_ptr<TerminologyBindingChecker> bindings;
};

// Base R4 only (profiles-types, profiles-resources, valuesets, extension definitions...).
// Null when the definitions folder is absent.
const BaseDefinitions* Base();
// Base R4 + the given packages (.tgz or folders), loaded once per distinct list.
const BaseDefinitions* WithPackages(const std::vector<std::string>& packages);
// Validation options with the offline terminology of `defs` (bindings and memberOf()).
ValidationOptions WithTerminology(const BaseDefinitions& defs);

// Parses a JSON file; error Status when unreadable or invalid.
Result<json::Value> ParseFile(const std::string& path);

// Every resource of a JSON file: the resource itself, or each entry of a Bundle when
// `split_bundles` is true.
std::vector<const json::Value*> Resources(const json::Value& doc, bool split_bundles);

}  // namespace gw::validation::testing
