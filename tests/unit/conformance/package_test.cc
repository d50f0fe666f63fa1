#define BOOST_TEST_MODULE conformance_package_test
#include "gateway/core/conformance/package.h"

#include <zlib.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "gateway/core/conformance/bundle_scan.h"
#include "gateway/core/conformance/canonical.h"
#include "gateway/core/conformance/gzip.h"
#include "gateway/core/conformance/tar.h"
#include "gateway/shell/fhir_defs/definitions_loader.h"
#include "gateway/shell/fs/file.h"

namespace gw {
std::ostream& operator<<(std::ostream& os, StatusCode c) { return os << StatusCodeName(c); }
}  // namespace gw

namespace gw::conformance {
namespace {

const std::string kUsCore610 =
    std::string(GW_SHARED_DIR) + "/corpora/us-core/packages/hl7.fhir.us.core-6.1.0.tgz";
const std::string kPasDir = std::string(GW_SHARED_DIR) + "/corpora/davinci-pas/ig-package-2.2.1";
const std::string kPasTgz = kPasDir + "/hl7.fhir.us.davinci-pas-2.2.1.tgz";

#define SKIP_UNLESS_EXISTS(path)                                     \
  if (!shell::PathExists(path)) {                                    \
    std::cout << "GW_SKIPPED: corpus not found: " << (path) << "\n"; \
    return;                                                          \
  }

// ---- helpers that build archives in memory ----

std::string Octal(std::uint64_t v, std::size_t width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*llo", static_cast<int>(width - 1),
                static_cast<unsigned long long>(v));
  return std::string(buf, width - 1) + '\0';
}

std::string TarHeader(const std::string& name, std::size_t size, char type = '0') {
  std::string h(512, '\0');
  std::copy(name.begin(), name.begin() + std::min<std::size_t>(name.size(), 100), h.begin());
  std::string mode = Octal(0644, 8), num = Octal(size, 12), mtime = Octal(0, 12);
  std::copy(mode.begin(), mode.end(), h.begin() + 100);
  std::copy(num.begin(), num.end(), h.begin() + 124);
  std::copy(mtime.begin(), mtime.end(), h.begin() + 136);
  h[156] = type;
  std::string magic = "ustar";
  std::copy(magic.begin(), magic.end(), h.begin() + 257);
  h[263] = '0';
  h[264] = '0';
  std::fill(h.begin() + 148, h.begin() + 156, ' ');
  unsigned sum = 0;
  for (char c : h) sum += static_cast<unsigned char>(c);
  std::string chk = Octal(sum, 7);
  std::copy(chk.begin(), chk.end(), h.begin() + 148);
  h[155] = ' ';
  return h;
}

std::string TarFile(const std::string& name, const std::string& data, char type = '0') {
  std::string out = TarHeader(name, data.size(), type) + data;
  out.append((512 - data.size() % 512) % 512, '\0');
  return out;
}

std::string TarEnd() { return std::string(1024, '\0'); }

std::string Gzip(const std::string& data) {
  z_stream zs{};
  BOOST_REQUIRE(deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&zs, data.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  BOOST_REQUIRE(deflate(&zs, Z_FINISH) == Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

const char* kManifest = R"({"name": "example.pkg", "version": "1.0.0",
  "fhirVersions": ["4.0.1"], "dependencies": {"hl7.fhir.r4.core": "4.0.1"}})";

// ---- gzip ----

BOOST_AUTO_TEST_CASE(GunzipRoundTripAndLimits) {
  std::string data(100000, 'a');
  std::string gz = Gzip(data);
  auto out = Gunzip(gz, 1 << 20);
  BOOST_TEST_REQUIRE(out.ok(), out.status().ToString());
  BOOST_TEST((*out == data));
  BOOST_TEST(Gunzip(gz, data.size()).ok());  // exactly at the cap
  BOOST_TEST(Gunzip(gz, data.size() - 1).status().code() == StatusCode::kResourceExhausted);
  // A bomb: 64 MiB of zeros compresses to ~64 KiB; the cap stops it early.
  std::string bomb = Gzip(std::string(64u << 20, '\0'));
  BOOST_TEST(bomb.size() < (1u << 20));
  BOOST_TEST(Gunzip(bomb, 1u << 20).status().code() == StatusCode::kResourceExhausted);
  // Two members concatenated.
  auto two = Gunzip(Gzip("ab") + Gzip("cd"), 100);
  BOOST_TEST_REQUIRE(two.ok());
  BOOST_TEST(*two == "abcd");
}

BOOST_AUTO_TEST_CASE(GunzipRejectsBadInput) {
  std::string gz = Gzip(std::string(50000, 'x') + "tail");
  BOOST_TEST(Gunzip(gz.substr(0, gz.size() / 2), 1 << 20).status().code() ==
             StatusCode::kInvalidArgument);
  BOOST_TEST(Gunzip(gz.substr(0, gz.size() - 3), 1 << 20).status().code() ==
             StatusCode::kInvalidArgument);
  BOOST_TEST(Gunzip("not gzip at all, plainly", 1 << 20).status().code() ==
             StatusCode::kInvalidArgument);
  BOOST_TEST(Gunzip("", 1 << 20).status().code() == StatusCode::kInvalidArgument);
  std::string corrupt = gz;
  for (std::size_t i = 20; i < 60 && i < corrupt.size(); ++i) corrupt[i] = static_cast<char>(0xff);
  BOOST_TEST(Gunzip(corrupt, 1 << 20).status().code() == StatusCode::kInvalidArgument);
  BOOST_TEST(Gunzip(gz + "garbage", 1 << 20).status().code() == StatusCode::kInvalidArgument);
}

// ---- tar ----

BOOST_AUTO_TEST_CASE(TarReadsFilesAndSkipsOthers) {
  std::string tar = TarFile("package/", "", '5') + TarFile("package/package.json", kManifest) +
                    TarFile("./package/a.json", "{}") + TarFile("package/link", "", '2') + TarEnd();
  auto entries = ReadTar(tar);
  BOOST_TEST_REQUIRE(entries.ok(), entries.status().ToString());
  BOOST_TEST_REQUIRE(entries->size() == 2u);
  BOOST_TEST((*entries)[0].name == "package/package.json");
  BOOST_TEST((*entries)[0].data == kManifest);
  BOOST_TEST((*entries)[1].name == "package/a.json");
}

BOOST_AUTO_TEST_CASE(TarLongNames) {
  std::string long_name = "package/" + std::string(150, 'n') + ".json";
  std::string pax_record = "path=" + long_name + "\n";
  std::string len = std::to_string(pax_record.size() + 4);  // "NNN " prefix, 3 digits
  std::string pax = len + " " + pax_record;
  std::string gnu_name = "package/" + std::string(120, 'g') + ".json";
  std::string tar = TarFile("PaxHeaders/x", pax, 'x') + TarFile("short", "{\"a\":1}") +
                    TarFile("././@LongLink", gnu_name + '\0', 'L') + TarFile("short2", "[]") +
                    TarEnd();
  auto entries = ReadTar(tar);
  BOOST_TEST_REQUIRE(entries.ok(), entries.status().ToString());
  BOOST_TEST_REQUIRE(entries->size() == 2u);
  BOOST_TEST((*entries)[0].name == long_name);
  BOOST_TEST((*entries)[0].data == "{\"a\":1}");
  BOOST_TEST((*entries)[1].name == gnu_name);
}

BOOST_AUTO_TEST_CASE(TarRejectsHostileArchives) {
  for (const char* bad : {"../evil.json", "package/../../etc/passwd", "/etc/passwd",
                          "package//x.json", "package\\..\\x.json", "package/\x01.json"}) {
    auto r = ReadTar(TarFile(bad, "{}") + TarEnd());
    BOOST_TEST(r.status().code() == StatusCode::kInvalidArgument, bad);
  }
  // Path traversal hidden in a pax record.
  std::string rec = "path=../../x.json\n";
  std::string pax = std::to_string(rec.size() + 3) + " " + rec;
  BOOST_TEST(
      ReadTar(TarFile("p", pax, 'x') + TarFile("ok.json", "{}") + TarEnd()).status().code() ==
      StatusCode::kInvalidArgument);
  // Bad checksum.
  std::string tar = TarFile("package/a.json", "{}") + TarEnd();
  tar[0] = 'q';
  BOOST_TEST(ReadTar(tar).status().code() == StatusCode::kInvalidArgument);
  // Truncated: header promises more data than there is.
  std::string big = TarFile("package/a.json", std::string(2000, 'x'));
  BOOST_TEST(ReadTar(big.substr(0, 1000)).status().code() == StatusCode::kInvalidArgument);
  BOOST_TEST(ReadTar(big.substr(0, 300)).status().code() == StatusCode::kInvalidArgument);
  // Limits.
  TarLimits limits;
  limits.max_entry_bytes = 1000;
  BOOST_TEST(ReadTar(big + TarEnd(), limits).status().code() == StatusCode::kResourceExhausted);
  limits = TarLimits();
  limits.max_total_bytes = 3000;
  BOOST_TEST(ReadTar(big + big + TarEnd(), limits).status().code() ==
             StatusCode::kResourceExhausted);
  limits = TarLimits();
  limits.max_entries = 3;
  std::string many;
  for (int i = 0; i < 5; ++i) many += TarFile("package/f" + std::to_string(i) + ".json", "{}");
  BOOST_TEST(ReadTar(many + TarEnd(), limits).status().code() == StatusCode::kResourceExhausted);
  // An empty archive is fine.
  BOOST_TEST(ReadTar(TarEnd())->empty());
}

BOOST_AUTO_TEST_CASE(SafePaths) {
  BOOST_TEST(IsSafeRelativePath("package/a.json"));
  BOOST_TEST(IsSafeRelativePath("a"));
  BOOST_TEST(IsSafeRelativePath("package/a..b.json"));
  BOOST_TEST(!IsSafeRelativePath(""));
  BOOST_TEST(!IsSafeRelativePath(".."));
  BOOST_TEST(!IsSafeRelativePath("a/../b"));
  BOOST_TEST(!IsSafeRelativePath("/a"));
  BOOST_TEST(IsPackageResourcePath("package/StructureDefinition-x.json"));
  BOOST_TEST(!IsPackageResourcePath("package/package.json"));
  BOOST_TEST(!IsPackageResourcePath("package/.index.json"));
  BOOST_TEST(!IsPackageResourcePath("package/example/Patient-x.json"));
  BOOST_TEST(!IsPackageResourcePath("package/other/x.json"));
  BOOST_TEST(!IsPackageResourcePath("other/x.json"));
  BOOST_TEST(!IsPackageResourcePath("package/spec.internals"));
}

// ---- packages ----

BOOST_AUTO_TEST_CASE(ManifestParsing) {
  auto m = ParsePackageManifest(kManifest);
  BOOST_TEST_REQUIRE(m.ok(), m.status().ToString());
  BOOST_TEST(m->name == "example.pkg");
  BOOST_TEST(m->Id() == "example.pkg#1.0.0");
  BOOST_TEST(m->fhir_versions == std::vector<std::string>{"4.0.1"});
  BOOST_TEST_REQUIRE(m->dependencies.size() == 1u);
  BOOST_TEST(m->dependencies[0].name == "hl7.fhir.r4.core");
  BOOST_TEST(m->dependencies[0].version == "4.0.1");
  BOOST_TEST(ParsePackageManifest(R"({"name": "x"})").status().code() ==
             StatusCode::kInvalidArgument);
  BOOST_TEST(ParsePackageManifest("[1]").status().code() == StatusCode::kInvalidArgument);
  BOOST_TEST(ParsePackageManifest("{").status().code() == StatusCode::kInvalidArgument);
  auto legacy =
      ParsePackageManifest(R"({"name": "x", "version": "1", "fhir-version-list": ["4.0.1"]})");
  BOOST_TEST_REQUIRE(legacy.ok());
  BOOST_TEST(legacy->fhir_versions.size() == 1u);
}

BOOST_AUTO_TEST_CASE(PackageFromCraftedTgz) {
  std::string tar = TarFile("package/package.json", kManifest) +
                    TarFile("package/StructureDefinition-b.json", "{\"b\":1}") +
                    TarFile("package/ValueSet-a.json", "{\"a\":1}") +
                    TarFile("package/example/Patient-x.json", "{}") +
                    TarFile("package/.index.json", "{}") + TarEnd();
  auto pkg = ReadPackageTgz(Gzip(tar));
  BOOST_TEST_REQUIRE(pkg.ok(), pkg.status().ToString());
  BOOST_TEST(pkg->manifest.name == "example.pkg");
  BOOST_TEST_REQUIRE(pkg->resources.size() == 2u);
  BOOST_TEST(pkg->resources[0].path == "package/StructureDefinition-b.json");  // sorted
  BOOST_TEST(pkg->resources[1].content == "{\"a\":1}");

  // No manifest.
  std::string no_manifest = TarFile("package/ValueSet-a.json", "{}") + TarEnd();
  BOOST_TEST(ReadPackageTgz(Gzip(no_manifest)).status().code() == StatusCode::kInvalidArgument);
  // Hostile content through the package reader: traversal, truncation, size.
  std::string evil = TarFile("package/package.json", kManifest) +
                     TarFile("package/../../../tmp/x.json", "{}") + TarEnd();
  BOOST_TEST(ReadPackageTgz(Gzip(evil)).status().code() == StatusCode::kInvalidArgument);
  std::string gz = Gzip(tar);
  BOOST_TEST(ReadPackageTgz(gz.substr(0, gz.size() - 10)).status().code() ==
             StatusCode::kInvalidArgument);
  PackageLimits small;
  small.tar.max_total_bytes = 100;
  small.tar.max_entries = 4;
  std::string bomb = TarFile("package/package.json", kManifest) +
                     TarFile("package/big.json", std::string(10u << 20, ' ')) + TarEnd();
  BOOST_TEST(ReadPackageTgz(Gzip(bomb), small).status().code() == StatusCode::kResourceExhausted);
  small = PackageLimits();
  small.max_compressed_bytes = 10;
  BOOST_TEST(ReadPackageTgz(gz, small).status().code() == StatusCode::kResourceExhausted);
  // Unsafe names handed in by a caller.
  std::vector<PackageFile> files = {{"package/package.json", kManifest}, {"../x.json", "{}"}};
  BOOST_TEST(PackageFromFiles(files).status().code() == StatusCode::kInvalidArgument);
}

BOOST_AUTO_TEST_CASE(UsCore610Package) {
  SKIP_UNLESS_EXISTS(kUsCore610);
  auto pkg = shell::ReadPackage(kUsCore610);
  BOOST_TEST_REQUIRE(pkg.ok(), pkg.status().ToString());
  const PackageManifest& m = pkg->manifest;
  BOOST_TEST(m.name == "hl7.fhir.us.core");
  BOOST_TEST(m.version == "6.1.0");
  BOOST_TEST(m.canonical == "http://hl7.org/fhir/us/core");
  BOOST_TEST(m.fhir_versions == std::vector<std::string>{"4.0.1"});
  BOOST_TEST_REQUIRE(m.dependencies.size() == 9u);
  BOOST_TEST(m.dependencies[0].name == "hl7.fhir.r4.core");
  BOOST_TEST(m.dependencies[0].version == "4.0.1");
  BOOST_TEST(pkg->resources.size() == 210u);
  std::size_t sds = 0;
  for (const PackageFile& f : pkg->resources) {
    if (f.path.rfind("package/StructureDefinition-", 0) == 0) ++sds;
  }
  BOOST_TEST(sds == 59u);
}

BOOST_AUTO_TEST_CASE(PasPackageTgzAndFolderAgree) {
  SKIP_UNLESS_EXISTS(kPasTgz);
  auto tgz = shell::ReadPackage(kPasTgz);
  BOOST_TEST_REQUIRE(tgz.ok(), tgz.status().ToString());
  BOOST_TEST(tgz->manifest.name == "hl7.fhir.us.davinci-pas");
  BOOST_TEST(tgz->manifest.version == "2.2.1");
  BOOST_TEST(tgz->manifest.dependencies.size() == 13u);
  BOOST_TEST(tgz->resources.size() == 115u);
  std::size_t sds = 0;
  for (const PackageFile& f : tgz->resources)
    sds += f.path.find("/StructureDefinition-") != std::string::npos;
  BOOST_TEST(sds == 81u);

  // The unpacked folder (given as the package folder or as its parent).
  for (const std::string& dir : {kPasDir + "/package", kPasDir}) {
    auto folder = shell::ReadPackage(dir);
    BOOST_TEST_REQUIRE(folder.ok(), folder.status().ToString());
    BOOST_TEST(folder->manifest.Id() == tgz->manifest.Id());
    BOOST_TEST(folder->manifest.dependencies.size() == tgz->manifest.dependencies.size());
    // The folder copy lacks the four Basic example files; everything else is byte-identical.
    BOOST_TEST(folder->resources.size() == 111u);
    for (const PackageFile& f : folder->resources) {
      auto it = std::find_if(tgz->resources.begin(), tgz->resources.end(),
                             [&](const PackageFile& t) { return t.path == f.path; });
      BOOST_TEST_REQUIRE((it != tgz->resources.end()), f.path);
      BOOST_TEST((it->content == f.content), f.path);
    }
  }
  BOOST_TEST(shell::ReadPackage(kPasDir + "/missing").status().code() != StatusCode::kOk);
}

BOOST_AUTO_TEST_CASE(MutatedArchivesFailCleanly) {
  // Deterministic byte flips and truncations of a valid archive: every outcome is a value or a
  // clean error (run under the sanitizer build to catch memory errors).
  std::string tar = TarFile("package/package.json", kManifest) +
                    TarFile("package/ValueSet-a.json", std::string(3000, 'v')) +
                    TarFile("package/x.json", "{}") + TarEnd();
  std::string gz = Gzip(tar);
  std::uint32_t seed = 12345;
  auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  std::size_t ok = 0, failed = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string t = tar, g = gz;
    for (int k = 0; k < 1 + i % 4; ++k) {
      t[next() % t.size()] = static_cast<char>(next());
      g[next() % g.size()] = static_cast<char>(next());
    }
    if (i % 5 == 0) t.resize(next() % t.size());
    if (i % 7 == 0) g.resize(next() % g.size());
    auto a = ReadTar(t);
    auto b = ReadPackageTgz(g);
    auto c = SplitBundleResources(t);
    (a.ok() ? ok : failed) += 1;
    (b.ok() ? ok : failed) += 1;
    if (!c.ok()) BOOST_TEST((c.status().code() == StatusCode::kInvalidArgument));
  }
  BOOST_TEST(failed > 0u);
  BOOST_TEST(ok + failed == 6000u);
}

// ---- bundle scan and canonicals ----

BOOST_AUTO_TEST_CASE(BundleScan) {
  std::string_view bundle = R"({"resourceType": "Bundle", "meta": {"x": [1, {"y": "]}"}]},
    "entry": [ {"fullUrl": "a", "resource": {"resourceType": "A", "s": "q\"}]"}},
               {"resource": [1, 2] , "search": {}}, {}, {"resource": 12}],
    "total": 3 })";
  auto pieces = SplitBundleResources(bundle);
  BOOST_TEST_REQUIRE(pieces.ok(), pieces.status().ToString());
  BOOST_TEST_REQUIRE(pieces->size() == 3u);
  BOOST_TEST((*pieces)[0] == R"({"resourceType": "A", "s": "q\"}]"})");
  BOOST_TEST((*pieces)[1] == "[1, 2]");
  BOOST_TEST((*pieces)[2] == "12");
  BOOST_TEST(SplitBundleResources("{}")->empty());
  for (std::string_view bad : {"", "[]", "{\"entry\": {}}", "{\"entry\": [1]}",
                               "{\"entry\": [{\"resource\": {\"a\": \"x}]}", "{\"a\": 1",
                               "{\"a\": 1} x", "{\"entry\": [{\"resource\": [[[}"}) {
    BOOST_TEST(!SplitBundleResources(bad).ok(), bad);
  }
  BundleScanLimits limits;
  limits.max_depth = 3;
  BOOST_TEST(
      SplitBundleResources(R"({"entry": [{"resource": [[[[1]]]]}]})", limits).status().code() ==
      StatusCode::kResourceExhausted);
  limits = BundleScanLimits();
  limits.max_entries = 1;
  BOOST_TEST(SplitBundleResources(R"({"entry": [{}, {}]})", limits).status().code() ==
             StatusCode::kResourceExhausted);
}

BOOST_AUTO_TEST_CASE(Canonicals) {
  CanonicalRef r = SplitCanonical("http://x/StructureDefinition/a|1.2#frag");
  BOOST_TEST(r.url == "http://x/StructureDefinition/a");
  BOOST_TEST(r.version == "1.2");
  BOOST_TEST(r.fragment == "frag");
  BOOST_TEST(SplitCanonical("http://x/a").version.empty());
  BOOST_TEST(CompareVersions("3.1.1", "6.1.0") < 0);
  BOOST_TEST(CompareVersions("7.0.0", "6.1.0") > 0);
  BOOST_TEST(CompareVersions("10.0.0", "9.9.9") > 0);
  BOOST_TEST(CompareVersions("1.0.0", "1.0.0") == 0);
  BOOST_TEST(CompareVersions("1.0.0-ballot", "1.0.0") < 0);
  BOOST_TEST(CompareVersions("1.0.0", "1.0.0-ballot") > 0);
  BOOST_TEST(CompareVersions("1.0", "1.0.1") < 0);
  BOOST_TEST(CompareVersions("5.1.0-cibuild", "5.0.0") > 0);
  BOOST_TEST(VersionMatches("6.1", "6.1.0"));
  BOOST_TEST(VersionMatches("6.1.0", "6.1.0"));
  BOOST_TEST(!VersionMatches("6.1", "6.10.0"));
  BOOST_TEST(!VersionMatches("6.1.0", "6.1"));
}

}  // namespace
}  // namespace gw::conformance
