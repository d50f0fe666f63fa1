// FHIR NPM packages read from bytes: the manifest (package/package.json) and the conformance
// resource files directly inside package/ (examples and other/ are not read).
//
// ReadPackageTgz() takes the bytes of a .tgz; PackageFromFiles() takes the files of an unpacked
// package that the shell read from a folder, named relative to the package root
// ("package/package.json", "package/StructureDefinition-x.json"). Both give the same
// FhirPackage for the same content.
// Untrusted input: the gzip and tar layers enforce PackageLimits (inflated total, per entry,
// entry count, unsafe names → clean errors, see gzip.h and tar.h).
// Errors: kInvalidArgument (not a package: bad gzip/tar, no package/package.json, manifest
// without name/version, manifest not JSON), kResourceExhausted (a limit).
// The resource files are not parsed here (see ConformanceStoreBuilder).
// Thread safety: reentrant; results are plain values.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/base/status.h"
#include "gateway/core/conformance/tar.h"

namespace gw::conformance {

struct PackageDependency {
  std::string name;     // "hl7.fhir.r4.core"
  std::string version;  // "4.0.1" (as written; may be a range or a label like "current")
};

struct PackageManifest {
  std::string name;
  std::string version;
  std::string canonical;                        // may be empty
  std::string url;                              // may be empty
  std::string type;                             // "IG", "fhir.ig", "Core", ... may be empty
  std::vector<std::string> fhir_versions;       // "fhirVersions" (or legacy "fhir-version-list")
  std::vector<PackageDependency> dependencies;  // in manifest order

  // "name#version", the usual way to name a package.
  std::string Id() const { return name + "#" + version; }
};

// Parses a package.json. Errors: kInvalidArgument when it is not a JSON object or has no
// string "name" / "version".
Result<PackageManifest> ParsePackageManifest(std::string_view package_json);

struct PackageFile {
  std::string path;     // relative to the package root: "package/ValueSet-x.json"
  std::string content;  // the exact bytes
};

struct FhirPackage {
  PackageManifest manifest;
  std::vector<PackageFile> resources;  // package/*.json except package.json and dot files,
                                       // sorted by path
};

struct PackageLimits {
  std::size_t max_compressed_bytes = 128u << 20;
  TarLimits tar;  // also caps the inflated size (tar.max_total_bytes + headers)
};

// True for "package/<file>.json" files that hold resources (not package.json, not dot files,
// not in sub-folders).
bool IsPackageResourcePath(std::string_view path);

Result<FhirPackage> ReadPackageTgz(std::string_view tgz, const PackageLimits& limits = {});

// `files` must include "package/package.json"; files that are not resource files are ignored.
// Names are checked with IsSafeRelativePath.
Result<FhirPackage> PackageFromFiles(std::vector<PackageFile> files,
                                     const PackageLimits& limits = {});

}  // namespace gw::conformance
