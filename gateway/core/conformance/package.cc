#include "gateway/core/conformance/package.h"

#include <algorithm>

#include "gateway/core/conformance/gzip.h"
#include "gateway/core/json/parse.h"

namespace gw::conformance {
namespace {

constexpr std::string_view kManifestPath = "package/package.json";

std::string StringMember(const json::Value& obj, std::string_view key) {
  const json::Value* v = obj.Find(key);
  return v != nullptr && v->is_string() ? std::string(v->string_value()) : std::string();
}

void SortByPath(std::vector<PackageFile>* files) {
  std::sort(files->begin(), files->end(),
            [](const PackageFile& a, const PackageFile& b) { return a.path < b.path; });
}

}  // namespace

Result<PackageManifest> ParsePackageManifest(std::string_view package_json) {
  json::ParseLimits limits;
  limits.max_bytes = 4u << 20;
  Result<json::Value> doc = json::Parse(package_json, limits);
  if (!doc.ok()) return InvalidArgument("package.json: " + doc.status().message());
  if (!doc->is_object()) return InvalidArgument("package.json: not a JSON object");
  PackageManifest m;
  m.name = StringMember(*doc, "name");
  m.version = StringMember(*doc, "version");
  if (m.name.empty() || m.version.empty()) {
    return InvalidArgument("package.json: \"name\" and \"version\" are required");
  }
  m.canonical = StringMember(*doc, "canonical");
  m.url = StringMember(*doc, "url");
  m.type = StringMember(*doc, "type");
  for (std::string_view key : {"fhirVersions", "fhir-version-list"}) {
    const json::Value* list = doc->Find(key);
    if (list == nullptr || !list->is_array()) continue;
    for (const json::Value& v : list->items()) {
      if (v.is_string()) m.fhir_versions.emplace_back(v.string_value());
    }
    if (!m.fhir_versions.empty()) break;
  }
  if (const json::Value* deps = doc->Find("dependencies"); deps != nullptr && deps->is_object()) {
    for (const json::Member& d : deps->members()) {
      std::string version = d.value.is_string() ? std::string(d.value.string_value()) : "";
      m.dependencies.push_back(PackageDependency{d.key, std::move(version)});
    }
  }
  return m;
}

bool IsPackageResourcePath(std::string_view path) {
  constexpr std::string_view kDir = "package/";
  if (path.substr(0, kDir.size()) != kDir) return false;
  std::string_view file = path.substr(kDir.size());
  if (file.empty() || file.find('/') != std::string_view::npos || file.front() == '.') {
    return false;
  }
  if (file == "package.json") return false;
  return file.size() > 5 && file.substr(file.size() - 5) == ".json";
}

Result<FhirPackage> ReadPackageTgz(std::string_view tgz, const PackageLimits& limits) {
  if (tgz.size() > limits.max_compressed_bytes) {
    return ResourceExhausted("package: compressed size exceeds " +
                             std::to_string(limits.max_compressed_bytes) + " bytes");
  }
  // Headers and padding add at most ~1 KiB per entry on top of the entry bytes.
  std::size_t max_tar = limits.tar.max_total_bytes + (limits.tar.max_entries + 16) * 1536;
  Result<std::string> tar = Gunzip(tgz, max_tar);
  if (!tar.ok()) return Status(tar.status().code(), "package: " + tar.status().message());
  Result<std::vector<TarEntry>> entries = ReadTar(*tar, limits.tar);
  if (!entries.ok())
    return Status(entries.status().code(), "package: " + entries.status().message());
  std::vector<PackageFile> files;
  for (const TarEntry& e : *entries) {
    if (e.name == kManifestPath || IsPackageResourcePath(e.name)) {
      files.push_back(PackageFile{e.name, std::string(e.data)});
    }
  }
  return PackageFromFiles(std::move(files), limits);
}

Result<FhirPackage> PackageFromFiles(std::vector<PackageFile> files, const PackageLimits& limits) {
  FhirPackage pkg;
  bool have_manifest = false;
  std::size_t total = 0;
  for (PackageFile& f : files) {
    if (!IsSafeRelativePath(f.path)) {
      return InvalidArgument("package: unsafe file name \"" + f.path + "\"");
    }
    if (f.content.size() > limits.tar.max_entry_bytes) {
      return ResourceExhausted("package: file " + f.path + " is larger than " +
                               std::to_string(limits.tar.max_entry_bytes) + " bytes");
    }
    total += f.content.size();
    if (total > limits.tar.max_total_bytes) {
      return ResourceExhausted("package: files exceed " +
                               std::to_string(limits.tar.max_total_bytes) + " bytes in total");
    }
    if (f.path == kManifestPath) {
      Result<PackageManifest> m = ParsePackageManifest(f.content);
      if (!m.ok()) return m.status();
      pkg.manifest = std::move(m).value();
      have_manifest = true;
    } else if (IsPackageResourcePath(f.path)) {
      if (pkg.resources.size() >= limits.tar.max_entries) {
        return ResourceExhausted("package: more than " + std::to_string(limits.tar.max_entries) +
                                 " files");
      }
      pkg.resources.push_back(std::move(f));
    }
  }
  if (!have_manifest) return InvalidArgument("package: no package/package.json");
  SortByPath(&pkg.resources);
  return pkg;
}

}  // namespace gw::conformance
