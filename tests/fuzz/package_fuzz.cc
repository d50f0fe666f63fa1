// libFuzzer target: arbitrary bytes as a FHIR package (.tgz), as a bare tar archive, as a
// package.json manifest and as a definitions Bundle to split, all with small limits.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gateway/core/conformance/bundle_scan.h"
#include "gateway/core/conformance/gzip.h"
#include "gateway/core/conformance/package.h"
#include "gateway/core/conformance/tar.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  gw::conformance::PackageLimits limits;
  limits.max_compressed_bytes = 1 << 20;
  limits.tar.max_entries = 64;
  limits.tar.max_entry_bytes = 1 << 20;
  limits.tar.max_total_bytes = 4 << 20;
  (void)gw::conformance::ReadPackageTgz(bytes, limits);
  (void)gw::conformance::ReadTar(bytes, limits.tar);
  (void)gw::conformance::Gunzip(bytes, 4 << 20);
  (void)gw::conformance::ParsePackageManifest(bytes);
  gw::conformance::BundleScanLimits scan;
  scan.max_entries = 1000;
  scan.max_depth = 64;
  (void)gw::conformance::SplitBundleResources(bytes, scan);
  return 0;
}
