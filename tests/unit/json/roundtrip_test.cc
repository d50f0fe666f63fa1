// Parse → write → parse is the identity (trees compared, numbers by exact text) on all Synthea
// bundles and all PAS examples.
#define BOOST_TEST_MODULE json_roundtrip
#include <boost/test/unit_test.hpp>

#include <iostream>
#include <string>

#include "gateway/core/json/parse.h"
#include "gateway/core/json/write.h"
#include "gateway/shell/fs/file.h"
#include "tests/unit/json/corpus_files.h"

namespace {

int RoundTripAll(const std::vector<std::string>& files) {
  int n = 0;
  for (const std::string& path : files) {
    auto text = gw::shell::ReadFile(path);
    BOOST_REQUIRE(text.ok());
    auto first = gw::json::Parse(*text);
    BOOST_REQUIRE_MESSAGE(first.ok(), path << ": " << first.status().ToString());
    for (bool pretty : {false, true}) {
      gw::json::WriteOptions o;
      o.pretty = pretty;
      std::string written = gw::json::Write(*first, o);
      auto second = gw::json::Parse(written);
      BOOST_REQUIRE_MESSAGE(second.ok(), path << ": " << second.status().ToString());
      BOOST_CHECK_MESSAGE(*first == *second, path << " changed in a round trip");
      if (!pretty) BOOST_CHECK(gw::json::Write(*second) == written);
    }
    ++n;
  }
  return n;
}

}  // namespace

BOOST_AUTO_TEST_CASE(synthea_bundles) {
  auto files = gw::testing::CorpusFiles(std::string(GW_SHARED_DIR) + "/corpora/synthea/bundles",
                                        ".json");
  if (files.empty()) {
    std::cout << "GW_SKIPPED: Synthea bundles not found" << std::endl;
    return;
  }
  int n = RoundTripAll(files);
  std::cout << "Synthea bundles round-tripped: " << n << std::endl;
  BOOST_TEST(n == 100);
}

BOOST_AUTO_TEST_CASE(pas_examples) {
  auto files = gw::testing::CorpusFiles(
      std::string(GW_SHARED_DIR) + "/corpora/davinci-pas/ig-package-2.2.1/package/example", ".json");
  if (files.empty()) {
    std::cout << "GW_SKIPPED: PAS examples not found" << std::endl;
    return;
  }
  int n = RoundTripAll(files);
  std::cout << "PAS examples round-tripped: " << n << std::endl;
  BOOST_TEST(n == 47);
}
