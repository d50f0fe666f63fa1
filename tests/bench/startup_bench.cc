// Measures what start-up costs: reading the R4 base definition Bundles and the FHIR packages,
// building the conformance store and the type model. Prints wall time and peak RSS.
//
// Usage: startup_bench [--eager-all | --lazy-all] [--r4 DIR] [PACKAGE...]
//   Without packages: US Core 6.1.0 and PAS 2.2.1 from the shared corpora folder.
//   --eager-all keeps every resource parsed; --lazy-all keeps none parsed (default: SDs and
//   SearchParameters parsed, others as JSON text parsed on first use).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <string>

#include "gateway/shell/fhir_defs/definitions_loader.h"

namespace {

long PeakRssKib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  gw::shell::DefinitionSources sources;
  sources.r4_dir = GW_FHIR_R4_DIR;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--eager-all") == 0) {
      sources.store_options.eager_types = sources.store_options.resource_types;
    } else if (std::strcmp(argv[i], "--lazy-all") == 0) {
      sources.store_options.eager_types.clear();
    } else if (std::strcmp(argv[i], "--r4") == 0 && i + 1 < argc) {
      sources.r4_dir = argv[++i];
    } else {
      sources.packages.emplace_back(argv[i]);
    }
  }
  if (sources.packages.empty()) {
    std::string shared = GW_SHARED_DIR;
    sources.packages = {shared + "/corpora/us-core/packages/hl7.fhir.us.core-6.1.0.tgz",
                        shared +
                            "/corpora/davinci-pas/ig-package-2.2.1/"
                            "hl7.fhir.us.davinci-pas-2.2.1.tgz"};
  }
  auto start = std::chrono::steady_clock::now();
  gw::IssueList issues;
  auto loaded = gw::shell::LoadDefinitions(sources, &issues);
  auto loaded_at = std::chrono::steady_clock::now();
  if (!loaded.ok()) {
    std::fprintf(stderr, "load failed: %s\n", loaded.status().ToString().c_str());
    return 2;
  }
  double load_ms = std::chrono::duration<double, std::milli>(loaded_at - start).count();
  std::printf("load: %.0f ms wall, %.0f ms CPU, peak RSS %.1f MiB\n", load_ms, CpuSeconds() * 1000,
              PeakRssKib() / 1024.0);
  std::printf("resources: %zu, packages: %zu, types: %zu\n", loaded->store->size(),
              loaded->store->packages().size(), loaded->model->size());
  for (const auto& p : loaded->store->packages()) {
    std::printf("  %s: %zu resources\n", p.manifest.Id().c_str(), p.resource_count);
  }
  std::map<std::string, int> by_code;
  for (const gw::Issue& i : issues.issues()) ++by_code[i.code];
  for (const auto& [code, n] : by_code) std::printf("  issue %s: %d\n", code.c_str(), n);

  auto check_start = std::chrono::steady_clock::now();
  auto unresolved = loaded->store->FindUnresolvedCanonicals();
  double check_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - check_start)
          .count();
  std::printf("unresolved canonicals: %zu (%.0f ms)\n", unresolved.size(), check_ms);
  auto all_start = std::chrono::steady_clock::now();
  std::size_t parsed = 0;
  for (const auto* r : loaded->store->All()) parsed += loaded->store->Tree(*r) != nullptr;
  double all_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - all_start)
          .count();
  std::printf("after parsing all %zu lazily kept resources: %.0f ms, peak RSS %.1f MiB\n", parsed,
              all_ms, PeakRssKib() / 1024.0);
  return 0;
}
