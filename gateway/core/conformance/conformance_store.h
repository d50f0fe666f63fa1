// ConformanceStore: the conformance resources of the FHIR base specification and of loaded
// packages, indexed by canonical URL, with package-aware canonical resolution.
//
// Loading (ConformanceStoreBuilder, one thread):
//  * AddCoreBundle(): a definitions Bundle of the base specification (profiles-types.json,
//    valuesets.json, ...). Its resources belong to the core pseudo package named by
//    StoreOptions::core_package (default hl7.fhir.r4.core#4.0.1).
//  * AddPackage(): a FhirPackage (see package.h); every resource file is parsed.
//  * Build(): matches package dependencies to loaded packages, orders precedence and returns the
//    immutable store. Missing dependency packages are Issues ("conformance-missing-dependency",
//    warning), never errors; a dependency loaded in another version is
//    "conformance-dependency-version-mismatch" (warning) and is used. The alias names that
//    packages use to depend on several versions of one package ("hl7.fhir.us.core.v311" for
//    hl7.fhir.us.core#3.1.1) are understood.
// Only conformance resource types with a `url` are kept (StoreOptions::resource_types); other
// resources are skipped silently. A resource file that is not valid JSON is an Issue
// ("conformance-invalid-resource", error) and is skipped; the load goes on.
//
// Resolution (Resolve / Find):
//  * "url|version": exactly that version; a partial version "6.1" matches "6.1.x" (highest).
//  * "url" alone: the default candidate. A resource from a package that depends (transitively)
//    on another candidate's package wins over it (a package's own resources win over its
//    dependencies'); otherwise the highest version; otherwise the later loaded.
//  * With a context package (ResolveFrom / FindFrom, e.g. the package of the profile being
//    read): the context package's own resource, else the one from its nearest dependency, else
//    the default.
//
// Memory: StoreOptions::eager_types (StructureDefinition, SearchParameter by default) are kept
// as parsed trees; other resources are kept as their exact JSON text (validated at load) and
// parsed on first use, once, under std::call_once.
// Thread safety: a built ConformanceStore is safe for concurrent use from any thread. Returned
// pointers live as long as the store.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/base/issue.h"
#include "gateway/core/base/status.h"
#include "gateway/core/conformance/package.h"
#include "gateway/core/json/parse.h"
#include "gateway/core/json/value.h"
#include "gateway/ports/canonical_resolver.h"

namespace gw::conformance {

// What the store knows about a resource without parsing it.
struct StoredResource {
  std::string resource_type;
  std::string url;
  std::string version;  // may be empty
  std::string id;
  std::string name;
  std::uint32_t package = 0;  // index into ConformanceStore::packages()
  std::uint32_t index = 0;    // position in the store (load order)
  std::string path;           // file inside the package, or "<bundle label>#entry[i]"
  // StructureDefinition only (empty otherwise).
  std::string sd_kind;
  std::string sd_type;
  std::string sd_derivation;
  std::string sd_base_definition;
};

struct LoadedPackage {
  PackageManifest manifest;
  bool core = false;                        // the base specification pseudo package
  std::size_t resource_count = 0;           // resources kept in the store
  std::vector<std::uint32_t> dependencies;  // indices of the loaded packages its deps match
};

// A canonical referenced by a loaded StructureDefinition that the store cannot resolve.
struct UnresolvedCanonical {
  std::string canonical;          // as written: "http://x|1.0"
  std::string referrer_url;       // the StructureDefinition that references it
  std::string package;            // "name#version" of the referrer's package
  std::string location;           // "StructureDefinition.snapshot.element[3].binding.valueSet"
  bool version_mismatch = false;  // the url is known, but not in the requested version
};

struct StoreOptions {
  PackageManifest core_package = [] {
    PackageManifest m;
    m.name = "hl7.fhir.r4.core";
    m.version = "4.0.1";
    m.canonical = "http://hl7.org/fhir";
    m.type = "Core";
    m.fhir_versions = {"4.0.1"};
    return m;
  }();
  std::vector<std::string> resource_types = {"StructureDefinition",
                                             "ValueSet",
                                             "CodeSystem",
                                             "SearchParameter",
                                             "OperationDefinition",
                                             "CapabilityStatement",
                                             "ConceptMap",
                                             "ImplementationGuide",
                                             "NamingSystem",
                                             "CompartmentDefinition",
                                             "StructureMap",
                                             "GraphDefinition",
                                             "MessageDefinition",
                                             "TerminologyCapabilities",
                                             "ExampleScenario",
                                             "Questionnaire",
                                             "Library",
                                             "ActivityDefinition",
                                             "PlanDefinition",
                                             "Measure"};
  std::vector<std::string> eager_types = {"StructureDefinition", "SearchParameter"};
  json::ParseLimits parse_limits;
  // Called with every core StructureDefinition as it is parsed (e.g. a TypeModelBuilder), so
  // the type model does not need a second parse. May be empty.
  std::function<void(const json::Value& structure_definition)> on_core_structure_definition;
};

class ConformanceStore final : public ports::CanonicalResolver {
 public:
  struct Data;  // implementation detail
  explicit ConformanceStore(std::unique_ptr<Data> data);
  ~ConformanceStore() override;

  // ports::CanonicalResolver
  const json::Value* Resolve(std::string_view canonical) const override;
  const json::Value* Resolve(std::string_view url, std::string_view version) const override;

  // Resolution in the context of the package at index `context_package` (see above).
  const json::Value* ResolveFrom(std::string_view canonical, std::uint32_t context_package) const;

  // The index entry instead of the tree; `resource_type` (when not empty) filters candidates.
  const StoredResource* Find(std::string_view canonical, std::string_view resource_type = {}) const;
  const StoredResource* FindFrom(std::string_view canonical, std::uint32_t context_package,
                                 std::string_view resource_type = {}) const;
  // All versions of `url`, in load order.
  std::vector<const StoredResource*> FindAll(std::string_view url) const;

  // The parsed resource (parses lazy resources on first use); nullptr only if `r` is not from
  // this store.
  const json::Value* Tree(const StoredResource& r) const;

  // Resources of one type ("" = all), in load order.
  std::vector<const StoredResource*> All(std::string_view resource_type = {}) const;
  std::size_t size() const;

  const std::vector<LoadedPackage>& packages() const;
  // Index of the loaded package "name" (and "version" when not empty; the highest otherwise).
  std::optional<std::uint32_t> FindPackage(std::string_view name,
                                           std::string_view version = {}) const;

  // Canonicals referenced by StructureDefinitions (baseDefinition, type.profile,
  // type.targetProfile, binding.valueSet in snapshot and differential) that do not resolve in
  // the context of their package. One row per (referrer, canonical). Parses nothing new:
  // StructureDefinitions are eager by default (lazy ones are parsed).
  std::vector<UnresolvedCanonical> FindUnresolvedCanonicals() const;
  // The same rows as Issues: code "conformance-unresolved-canonical" (warning), the row's
  // location, and a message naming the referrer, its package and the canonical.
  void ReportUnresolvedCanonicals(IssueSink* issues) const;

 private:
  std::unique_ptr<Data> data_;
};

class ConformanceStoreBuilder {
 public:
  explicit ConformanceStoreBuilder(StoreOptions options = {});
  ~ConformanceStoreBuilder();
  ConformanceStoreBuilder(const ConformanceStoreBuilder&) = delete;
  ConformanceStoreBuilder& operator=(const ConformanceStoreBuilder&) = delete;

  // A Bundle of base definitions. `label` names it in paths and issues ("valuesets.json").
  // Errors: kInvalidArgument when the text is not a Bundle (see SplitBundleResources);
  // individual bad entries are Issues.
  Status AddCoreBundle(std::string_view bundle_text, std::string_view label, IssueSink* issues);

  // A package. Errors: kFailedPrecondition when the same name#version is already loaded.
  Status AddPackage(FhirPackage package, IssueSink* issues);

  // Errors: kFailedPrecondition when called twice.
  Result<std::shared_ptr<const ConformanceStore>> Build(IssueSink* issues);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace gw::conformance
