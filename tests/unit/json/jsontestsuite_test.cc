// Runs JSONTestSuite's parsing cases: every n_* must be rejected, every y_* accepted except the
// ones FHIR JSON forbids (listed below with the reason), and i_* must never crash.
#define BOOST_TEST_MODULE json_suite
#include <boost/test/unit_test.hpp>

#include <iostream>
#include <map>
#include <string>

#include "gateway/core/json/parse.h"
#include "gateway/shell/fs/file.h"
#include "tests/unit/json/corpus_files.h"

namespace {

const std::string kDir = std::string(GW_SHARED_DIR) + "/corpora/jsontestsuite/test_parsing";

// y_* cases that FHIR JSON rejects on purpose, with the reason.
const std::map<std::string, std::string> kFhirRejects = {
    {"y_object_duplicated_key.json", "FHIR JSON forbids duplicate keys"},
    {"y_object_duplicated_key_and_value.json", "FHIR JSON forbids duplicate keys"},
};

std::string Read(const std::string& path) {
  auto data = gw::shell::ReadFile(path);
  BOOST_REQUIRE_MESSAGE(data.ok(), data.status().ToString());
  return *data;
}

}  // namespace

BOOST_AUTO_TEST_CASE(jsontestsuite_parsing) {
  auto files = gw::testing::CorpusFiles(kDir, ".json");
  if (files.empty()) {
    std::cout << "GW_SKIPPED: " << kDir << " not found" << std::endl;
    return;
  }
  int n_total = 0, n_rejected = 0, y_total = 0, y_accepted = 0, y_fhir_rejected = 0, i_total = 0,
      i_accepted = 0;
  for (const std::string& path : files) {
    std::string name = gw::testing::BaseName(path);
    std::string text = Read(path);
    gw::json::ParseError error;
    bool ok = gw::json::Parse(text, {}, &error).ok();
    if (name.rfind("n_", 0) == 0) {
      ++n_total;
      if (!ok) ++n_rejected;
      BOOST_CHECK_MESSAGE(!ok, name << " must be rejected");
    } else if (name.rfind("y_", 0) == 0) {
      ++y_total;
      auto it = kFhirRejects.find(name);
      if (it != kFhirRejects.end()) {
        ++y_fhir_rejected;
        BOOST_CHECK_MESSAGE(!ok && error.code == "json-duplicate-key",
                            name << " must be rejected: " << it->second);
      } else {
        if (ok) ++y_accepted;
        BOOST_CHECK_MESSAGE(ok, name << " must be accepted: " << error.code << " " << error.reason);
      }
    } else if (name.rfind("i_", 0) == 0) {
      ++i_total;
      if (ok) ++i_accepted;
    }
  }
  std::cout << "n_: " << n_rejected << "/" << n_total << " rejected; y_: " << y_accepted << "/"
            << (y_total - y_fhir_rejected) << " accepted (+" << y_fhir_rejected
            << " rejected by FHIR rules); i_: " << i_total << " ran without crash (" << i_accepted
            << " accepted)" << std::endl;
  BOOST_TEST(n_total == 188);
  BOOST_TEST(n_rejected == n_total);
}
