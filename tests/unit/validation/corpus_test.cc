// Corpus runs: every resource of the Synthea bundles valid against base R4 (0 errors); US Core
// 6.1.0 examples against their profiles; PAS 2.2.1 examples with US Core loaded.
#define BOOST_TEST_MODULE validation_corpus_test
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <iostream>
#include <map>

#include "gateway/core/validation/validator.h"
#include "gateway/shell/fs/file.h"
#include "test_support.h"

namespace gw::validation {
namespace {

const std::string kCorpora = std::string(GW_SHARED_DIR) + "/corpora/";
const std::string kUsCore610 = kCorpora + "us-core/packages/hl7.fhir.us.core-6.1.0.tgz";

struct Counts {
  int files = 0;
  int resources = 0;
  int with_errors = 0;
  std::map<std::string, int> codes;  // "code @ path-without-indices" → count
  std::vector<std::string> samples;
};

std::string StripIndices(std::string_view loc) {
  std::string out;
  bool skip = false;
  for (char c : loc) {
    if (c == '[') skip = true;
    if (!skip) out += c;
    if (c == ']') skip = false;
  }
  return out;
}

void ValidateFile(const Validator& v, const std::string& path, bool split, Counts* c) {
  auto doc = testing::ParseFile(path);
  BOOST_TEST_REQUIRE(doc.ok(), path);
  ++c->files;
  for (const json::Value* r : testing::Resources(doc.value(), split)) {
    ++c->resources;
    IssueList issues;
    if (v.Validate(*r, issues)) continue;
    ++c->with_errors;
    for (const Issue& i : issues.issues()) {
      if (i.severity != Severity::kError && i.severity != Severity::kFatal) continue;
      ++c->codes[i.code + " @ " + StripIndices(i.location)];
      if (c->samples.size() < 15) {
        c->samples.push_back(path.substr(path.rfind('/') + 1) + ": " + i.code + " " + i.location +
                             " " + i.message);
      }
    }
  }
}

void Print(const char* what, const Counts& c) {
  std::printf("%s: %d files, %d resources, %d with errors\n", what, c.files, c.resources,
              c.with_errors);
  for (const auto& [k, n] : c.codes) std::printf("  %5d  %s\n", n, k.c_str());
  for (const std::string& s : c.samples) std::printf("  sample: %s\n", s.c_str());
}

BOOST_AUTO_TEST_CASE(synthea_bundles_are_valid_base_r4) {
  const std::string dir = kCorpora + "synthea/bundles";
  if (testing::Base() == nullptr || !shell::IsDirectory(dir)) {
    std::cout << "GW_SKIPPED: R4 definitions or Synthea corpus absent\n";
    return;
  }
  // US Core 6.1.0 defines the race/ethnicity/birthsex extensions Synthea uses; Synthea's own
  // extensions (synthetichealth.github.io) have no published definition: warnings, not errors.
  const testing::BaseDefinitions* defs = testing::WithPackages({kUsCore610});
  BOOST_TEST_REQUIRE(defs != nullptr);
  ValidationOptions options;
  options.unknown_extensions_are_errors = false;
  Validator v(*defs->registry, options);
  Counts c;
  auto files = shell::ListFiles(dir);
  BOOST_TEST_REQUIRE(files.ok());
  for (const std::string& f : files.value()) ValidateFile(v, f, true, &c);
  Print("synthea", c);
  BOOST_TEST(c.with_errors == 0);
}

}  // namespace
}  // namespace gw::validation

namespace gw::validation {
namespace {

// Ratchets: resources with errors must not grow (lower these as the validator improves).
constexpr int kMaxUsCoreWithErrors = 3;  // Condition.category:us-core (pattern slice)
constexpr int kMaxPasWithErrors = 6;  // profile-discriminated Bundle.entry slices; backport ext

const std::vector<std::string>& IgPackages() {
  static const std::vector<std::string> kPackages = {
      kCorpora + "davinci-pas/ig-package-2.2.1/hl7.fhir.us.davinci-pas-2.2.1.tgz",
      kCorpora + "us-core/packages/hl7.fhir.us.core-3.1.1.tgz",
      kCorpora + "us-core/packages/hl7.fhir.us.core-6.1.0.tgz",
      kCorpora + "us-core/packages/hl7.fhir.us.core-7.0.0.tgz"};
  return kPackages;
}

void RunFolder(const std::string& dir, const char* what, int max_with_errors) {
  if (testing::Base() == nullptr || !shell::IsDirectory(dir)) {
    std::cout << "GW_SKIPPED: R4 definitions or " << what << " corpus absent\n";
    return;
  }
  const testing::BaseDefinitions* defs = testing::WithPackages(IgPackages());
  BOOST_TEST_REQUIRE(defs != nullptr);
  Validator v(*defs->registry);
  Counts c;
  auto files = shell::ListFiles(dir);
  BOOST_TEST_REQUIRE(files.ok());
  for (const std::string& f : files.value()) {
    if (f.size() > 5 && f.substr(f.size() - 5) == ".json") ValidateFile(v, f, false, &c);
  }
  Print(what, c);
  BOOST_TEST(c.with_errors <= max_with_errors);
}

BOOST_AUTO_TEST_CASE(us_core_610_examples) {
  RunFolder(kCorpora + "us-core/6.1.0/examples", "us-core-6.1.0", kMaxUsCoreWithErrors);
}

BOOST_AUTO_TEST_CASE(pas_221_examples) {
  RunFolder(kCorpora + "davinci-pas/ig-package-2.2.1/package/example", "pas-2.2.1",
            kMaxPasWithErrors);
}

}  // namespace
}  // namespace gw::validation
