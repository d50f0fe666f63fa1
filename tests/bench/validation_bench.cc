// Validation throughput: every resource of the Synthea bundles validated against base R4 on
// one thread, with FHIRPath invariants on and off. Prints resources per second.
// Usage: validation_bench [rounds=5]
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

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

struct Run {
  double seconds = 0;
  std::size_t resources = 0;
  std::size_t errors = 0;
};

Run ValidateAll(const gw::validation::Validator& v, const std::vector<const gw::json::Value*>& rs,
                int rounds) {
  Run run;
  auto t0 = Clock::now();
  for (int r = 0; r < rounds; ++r) {
    for (const gw::json::Value* res : rs) {
      gw::IssueList issues;
      if (!v.Validate(*res, issues)) ++run.errors;
      ++run.resources;
    }
  }
  run.seconds = Seconds(t0, Clock::now());
  return run;
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = argc > 1 ? std::atoi(argv[1]) : 5;
  std::string shared = GW_SHARED_DIR;
  auto t0 = Clock::now();
  gw::shell::DefinitionSources sources;
  sources.r4_dir = GW_FHIR_R4_DIR;
  sources.packages = {shared + "/corpora/us-core/packages/hl7.fhir.us.core-6.1.0.tgz"};
  auto defs = gw::shell::LoadDefinitions(sources);
  if (!defs.ok()) {
    std::fprintf(stderr, "load failed: %s\n", defs.status().ToString().c_str());
    return 1;
  }
  gw::validation::SchemaRegistry registry(defs->store.get(), defs->model.get());
  auto t1 = Clock::now();
  auto files = gw::shell::ListFiles(shared + "/corpora/synthea/bundles");
  if (!files.ok()) return 1;
  std::vector<gw::json::Value> docs;
  for (const std::string& f : files.value()) {
    auto text = gw::shell::ReadFile(f);
    if (!text.ok()) continue;
    auto v = gw::json::Parse(text.value());
    if (v.ok()) docs.push_back(std::move(v).value());
  }
  std::vector<const gw::json::Value*> resources;
  for (const gw::json::Value& d : docs) {
    const gw::json::Value* entries = d.Find("entry");
    if (entries == nullptr || !entries->is_array()) continue;
    for (const gw::json::Value& e : entries->items()) {
      if (const gw::json::Value* r = e.Find("resource")) resources.push_back(r);
    }
  }
  gw::validation::ValidationOptions options;
  options.unknown_extensions_are_errors = false;
  gw::validation::Validator with(registry, options);
  auto warm = ValidateAll(with, resources, 1);  // compiles the schemas used
  std::printf("definitions loaded in %.2f s; %zu resources; first pass (schema compile) %.2f s\n",
              Seconds(t0, t1), resources.size(), warm.seconds);
  Run on = ValidateAll(with, resources, rounds);
  options.evaluate_constraints = false;
  gw::validation::Validator without(registry, options);
  Run off = ValidateAll(without, resources, rounds);
  std::printf("invariants on : %.0f resources/s (%zu resources, %zu with errors)\n",
              on.resources / on.seconds, on.resources, on.errors);
  std::printf("invariants off: %.0f resources/s\n", off.resources / off.seconds);
  gw::terminology::TerminologyService terminology(*defs->store);
  gw::validation::TerminologyBindingChecker bindings(terminology);
  options.evaluate_constraints = true;
  options.bindings = &bindings;
  options.terminology = &terminology;
  gw::validation::Validator bound(registry, options);
  ValidateAll(bound, resources, 1);  // compiles the value sets used
  Run tx = ValidateAll(bound, resources, rounds);
  std::printf("invariants and bindings on: %.0f resources/s (%zu with errors)\n",
              tx.resources / tx.seconds, tx.errors);
  return 0;
}
