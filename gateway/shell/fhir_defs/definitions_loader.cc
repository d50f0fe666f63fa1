#include "gateway/shell/fhir_defs/definitions_loader.h"

#include <filesystem>

#include "gateway/core/conformance/bundle_scan.h"
#include "gateway/core/json/parse.h"
#include "gateway/shell/fs/file.h"

namespace gw::shell {
namespace {

constexpr std::size_t kMaxBundleFileBytes = 256u << 20;

std::string JoinPath(const std::string& dir, const std::string& name) {
  if (dir.empty() || dir.back() == '/') return dir + name;
  return dir + "/" + name;
}

std::string BaseName(const std::string& path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

Status WithPath(const Status& s, const std::string& path) {
  return Status(s.code(), path + ": " + s.message());
}

Result<conformance::FhirPackage> ReadPackageFolder(const std::string& dir,
                                                   const conformance::PackageLimits& limits) {
  std::string package_dir = dir;
  if (!PathExists(JoinPath(dir, "package.json")) &&
      PathExists(JoinPath(dir, "package/package.json"))) {
    package_dir = JoinPath(dir, "package");
  }
  Result<std::vector<std::string>> listing = ListFiles(package_dir);
  if (!listing.ok()) return listing.status();
  std::vector<conformance::PackageFile> files;
  for (const std::string& full : *listing) {
    std::string rel = "package/" + BaseName(full);
    if (rel != "package/package.json" && !conformance::IsPackageResourcePath(rel)) continue;
    Result<std::string> content = ReadFile(full, limits.tar.max_entry_bytes);
    if (!content.ok()) return content.status();
    files.push_back(conformance::PackageFile{std::move(rel), std::move(content).value()});
  }
  Result<conformance::FhirPackage> pkg = conformance::PackageFromFiles(std::move(files), limits);
  if (!pkg.ok()) return WithPath(pkg.status(), dir);
  return pkg;
}

}  // namespace

Result<std::shared_ptr<const model::R4TypeModel>> LoadR4TypeModel(const std::string& r4_dir,
                                                                  IssueSink* issues) {
  model::TypeModelBuilder builder;
  for (const std::string& name : R4TypeBundles()) {
    std::string path = JoinPath(r4_dir, name);
    Result<std::string> text = ReadFile(path, kMaxBundleFileBytes);
    if (!text.ok()) return text.status();
    Result<std::vector<std::string_view>> pieces = conformance::SplitBundleResources(*text);
    if (!pieces.ok()) return WithPath(pieces.status(), path);
    for (std::string_view piece : *pieces) {
      Result<json::Value> resource = json::Parse(piece);
      if (!resource.ok()) return WithPath(resource.status(), path);
      builder.Add(*resource, issues);
    }
  }
  return builder.Build(issues);
}

Result<conformance::FhirPackage> ReadPackage(const std::string& path,
                                             const conformance::PackageLimits& limits) {
  if (IsDirectory(path)) return ReadPackageFolder(path, limits);
  Result<std::string> bytes = ReadFile(path, limits.max_compressed_bytes);
  if (!bytes.ok()) return bytes.status();
  Result<conformance::FhirPackage> pkg = conformance::ReadPackageTgz(*bytes, limits);
  if (!pkg.ok()) return WithPath(pkg.status(), path);
  return pkg;
}

Result<LoadedDefinitions> LoadDefinitions(const DefinitionSources& sources, IssueSink* issues) {
  model::TypeModelBuilder model_builder;
  conformance::StoreOptions options = sources.store_options;
  if (sources.build_type_model) {
    auto previous = options.on_core_structure_definition;
    options.on_core_structure_definition = [&model_builder, issues,
                                            previous](const json::Value& sd) {
      model_builder.Add(sd, issues);
      if (previous) previous(sd);
    };
  }
  conformance::ConformanceStoreBuilder store_builder(std::move(options));
  for (const std::string& name : sources.core_bundles) {
    std::string path = JoinPath(sources.r4_dir, name);
    Result<std::string> text = ReadFile(path, kMaxBundleFileBytes);
    if (!text.ok()) return text.status();
    GW_RETURN_IF_ERROR(store_builder.AddCoreBundle(*text, name, issues));
  }
  for (const std::string& path : sources.packages) {
    Result<conformance::FhirPackage> pkg = ReadPackage(path);
    if (!pkg.ok()) return pkg.status();
    Status added = store_builder.AddPackage(std::move(pkg).value(), issues);
    if (!added.ok()) return WithPath(added, path);
  }
  LoadedDefinitions out;
  Result<std::shared_ptr<const conformance::ConformanceStore>> store = store_builder.Build(issues);
  if (!store.ok()) return store.status();
  out.store = std::move(store).value();
  if (sources.build_type_model) {
    Result<std::shared_ptr<const model::R4TypeModel>> model = model_builder.Build(issues);
    if (!model.ok()) return model.status();
    out.model = std::move(model).value();
  }
  return out;
}

}  // namespace gw::shell
