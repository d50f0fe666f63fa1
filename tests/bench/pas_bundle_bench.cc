// Time to validate the largest Da Vinci PAS 2.2.1 request Bundle (Bundle-ReferralAuthorization-
// BundleExample, 24 KB) against its declared profile (profile-pas-request-bundle), with the US
// Core packages PAS depends on, bindings and FHIRPath invariants on, one thread.
// Usage: pas_bundle_bench [iterations=500]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "gateway/core/json/parse.h"
#include "gateway/core/terminology/terminology_service.h"
#include "gateway/core/validation/terminology_binding_checker.h"
#include "gateway/core/validation/validator.h"
#include "gateway/shell/fhir_defs/definitions_loader.h"
#include "gateway/shell/fs/file.h"

int main(int argc, char** argv) {
  using Clock = std::chrono::steady_clock;
  int iterations = argc > 1 ? std::max(1, std::atoi(argv[1])) : 500;
  std::string corpora = std::string(GW_SHARED_DIR) + "/corpora";
  std::string pas = corpora + "/davinci-pas/ig-package-2.2.1";
  gw::shell::DefinitionSources sources;
  sources.r4_dir = GW_FHIR_R4_DIR;
  for (const char* v : {"3.1.1", "6.1.0", "7.0.0"}) {
    sources.packages.push_back(corpora + "/us-core/packages/hl7.fhir.us.core-" + v + ".tgz");
  }
  sources.packages.push_back(pas + "/hl7.fhir.us.davinci-pas-2.2.1.tgz");
  auto defs = gw::shell::LoadDefinitions(sources);
  auto text = gw::shell::ReadFile(pas + "/package/example/Bundle-ReferralAuthorizationBundleExample.json");
  if (!defs.ok() || !text.ok()) {
    std::fprintf(stderr, "cannot load the definitions or the example\n");
    return 1;
  }
  auto bundle = gw::json::Parse(*text);
  if (!bundle.ok()) return 1;
  gw::validation::SchemaRegistry registry(defs->store.get(), defs->model.get());
  gw::terminology::TerminologyService terminology(*defs->store);
  gw::validation::TerminologyBindingChecker bindings(terminology);
  gw::validation::ValidationOptions options;
  options.terminology = &terminology;
  options.bindings = &bindings;
  gw::validation::Validator validator(registry, options);

  auto t0 = Clock::now();
  gw::IssueList first;
  bool valid = validator.Validate(*bundle, first);  // compiles the schemas it needs
  auto t1 = Clock::now();
  std::vector<double> ms;
  for (int i = 0; i < iterations; ++i) {
    auto a = Clock::now();
    gw::IssueList issues;
    validator.Validate(*bundle, issues);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - a).count());
  }
  std::sort(ms.begin(), ms.end());
  double sum = 0;
  for (double m : ms) sum += m;
  std::printf("PAS request bundle (%zu bytes): %s, %zu issues\n", text->size(),
              valid ? "valid" : "INVALID", first.issues().size());
  std::printf("first validation (schema compile) %.1f ms; then mean %.3f ms, median %.3f ms, "
              "p99 %.3f ms over %d runs\n",
              std::chrono::duration<double, std::milli>(t1 - t0).count(), sum / ms.size(),
              ms[ms.size() / 2], ms[ms.size() * 99 / 100], iterations);
  for (const gw::Issue& i : first.issues()) {
    if (i.severity == gw::Severity::kError || i.severity == gw::Severity::kFatal) {
      std::printf("  error %s at %s: %s\n", i.code.c_str(), i.location.c_str(), i.message.c_str());
    }
  }
  return valid ? 0 : 1;
}
