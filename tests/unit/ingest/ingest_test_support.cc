#include "ingest_test_support.h"

#include <stdlib.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <iostream>

#include "gateway/shell/fs/file.h"

namespace gw::app::testing {

namespace fs = std::filesystem;

namespace {
const std::string kCorpora = std::string(GW_SHARED_DIR) + "/corpora/";
}  // namespace

const std::string kSample = std::string(GW_SHARED_DIR) + "/internal-feeds/sample";
const std::string kUsCore = kCorpora + "us-core/packages/hl7.fhir.us.core-6.1.0.tgz";
const std::string kPas =
    kCorpora + "davinci-pas/ig-package-2.2.1/hl7.fhir.us.davinci-pas-2.2.1.tgz";
const char kTestNamespace[] = "5b3c9d3e-2f1a-4c7e-9a61-0d2f4b8e7a10";

bool IngestInputsAbsent() {
  if (shell::PathExists(kUsCore) && shell::PathExists(kPas) && shell::IsDirectory(kSample) &&
      shell::IsDirectory(GW_FHIR_R4_DIR)) {
    return false;
  }
  std::cout << "GW_SKIPPED: ../shared corpora, sample feeds or R4 definitions absent\n";
  return true;
}

IngestOptions TestIngestOptions(const std::string& feeds) {
  IngestOptions o;
  o.feeds_dir = feeds;
  o.mappings_dir = std::string(GW_SOURCE_DIR) + "/mappings";
  o.packages = {kUsCore, kPas, std::string(GW_SOURCE_DIR) + "/fhir-profiles"};
  o.id_namespace = kTestNamespace;
  return o;
}

std::string TempDir(const std::string& name) {
  std::string tmpl = (fs::temp_directory_path() / ("gw-ingest-" + name + "-XXXXXX")).string();
  BOOST_TEST_REQUIRE(mkdtemp(tmpl.data()) != nullptr);
  return tmpl;
}

std::string CopyOfSample(const std::string& name) {
  const std::string dir = TempDir(name);
  for (const auto& entry : fs::directory_iterator(kSample)) {
    const std::string to = dir + "/" + entry.path().filename().string();
    fs::copy_file(entry.path(), to);
    fs::permissions(to, fs::perms::owner_write, fs::perm_options::add);
  }
  return dir;
}

std::string Str(const json::Value& v, std::string_view key) {
  const json::Value* f = v.Find(key);
  if (f == nullptr) return {};
  if (f->is_string()) return std::string(f->string_value());
  if (f->is_number()) return std::string(f->number_text());
  return {};
}

}  // namespace gw::app::testing
