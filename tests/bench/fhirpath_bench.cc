// FHIRPath throughput benchmark.
//
// 1. The official R4 suite: every expression that compiles and evaluates without error,
//    compiled once, evaluated over its input resource for --seconds.
// 2. `name.exists() or telecom.exists()` over every Patient in the Synthea bundles.
// Prints "suite_evals_per_sec=N" and "synthea_evals_per_sec=N". With --emit-cases FILE it also
// writes the cases it used as JSON ({"suite":[{"expression","input"}],"patients":[files]}) so
// the fhirpath.js side (fhirpath_bench.js) runs exactly the same work.
#include <chrono>
#include <cstring>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "gateway/core/fhirpath/engine.h"
#include "gateway/core/fhirpath/navigation.h"
#include "gateway/core/json/parse.h"
#include "gateway/core/json/write.h"
#include "gateway/shell/fs/file.h"
#include "tests/unit/fhirpath/test_model.h"
#include "tests/unit/fhirpath/xml_reader.h"

namespace gw::fhirpath {
namespace {

using Clock = std::chrono::steady_clock;

struct BenchCase {
  std::shared_ptr<const Expression> expr;
  std::string text;
  std::string input_name;
  const json::Value* input;
};

std::string InputPath(const std::string& dir, const std::string& name) {
  if (name.size() > 4 && name.substr(name.size() - 4) == ".xml") {
    return dir + "/fhirpathjs-converted/" + name.substr(0, name.size() - 4) + ".json";
  }
  return dir + "/official-r4/input-json/" + name;
}

// Runs `body` (one pass, returning the evaluations it did) until `seconds` have passed.
template <typename F>
double Rate(double seconds, F body) {
  body();  // warm-up
  auto start = Clock::now();
  std::size_t evals = 0;
  double elapsed = 0;
  do {
    evals += body();
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  } while (elapsed < seconds);
  return static_cast<double>(evals) / elapsed;
}

int Main(int argc, char** argv) {
  std::string shared = GW_SHARED_DIR;
  std::string emit;
  double seconds = 3;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--emit-cases") && i + 1 < argc) emit = argv[++i];
    else if (!std::strcmp(argv[i], "--seconds") && i + 1 < argc) seconds = std::atof(argv[++i]);
    else if (!std::strcmp(argv[i], "--shared") && i + 1 < argc) shared = argv[++i];
  }
  const std::string suite_dir = shared + "/corpora/fhirpath-tests";
  const model::TypeModel* model = testing::R4Model();

  auto xml = shell::ReadFile(suite_dir + "/official-r4/tests-fhir-r4.xml");
  if (!xml.ok()) {
    std::cerr << xml.status().ToString() << "\n";
    return 2;
  }
  auto root = testing::ParseXml(*xml);
  if (!root.ok()) return 2;
  std::map<std::string, std::unique_ptr<json::Value>> inputs;
  std::vector<BenchCase> cases;
  for (const auto& g : root->children) {
    for (const auto& t : g.children) {
      const std::string* in = t.Attr("inputfile");
      if (t.name != "test" || in == nullptr) continue;
      for (const auto& part : t.children) {
        if (part.name != "expression" || part.Attr("invalid")) continue;
        auto& slot = inputs[*in];
        if (!slot) {
          auto text = shell::ReadFile(InputPath(suite_dir, *in));
          if (!text.ok()) return 2;
          slot = std::make_unique<json::Value>(std::move(json::Parse(*text)).value());
        }
        CompileOptions co;
        co.model = model;
        co.context_type = std::string(ResourceTypeOf(*slot));
        auto c = Compile(part.text, co);
        if (!c.ok()) continue;
        auto r = Evaluate(**c, ContextFor(*slot, model));
        if (!r.ok()) continue;
        cases.push_back({*c, part.text, *in, slot.get()});
      }
    }
  }

  // Synthea patients.
  std::vector<std::unique_ptr<json::Value>> bundles;
  std::vector<const json::Value*> patients;
  std::vector<std::string> files;
  auto listing = shell::ListFiles(shared + "/corpora/synthea/bundles");
  if (listing.ok()) files = *listing;
  json::ParseLimits limits;
  limits.max_bytes = 256u << 20;
  for (const auto& f : files) {
    auto text = shell::ReadFile(f);
    if (!text.ok()) continue;
    auto v = json::Parse(*text, limits);
    if (!v.ok()) continue;
    bundles.push_back(std::make_unique<json::Value>(std::move(v).value()));
    const json::Value* entries = bundles.back()->Find("entry");
    if (entries == nullptr) continue;
    for (const auto& e : entries->items()) {
      const json::Value* r = e.Find("resource");
      if (r != nullptr && ResourceTypeOf(*r) == "Patient") patients.push_back(r);
    }
  }
  CompileOptions pco;
  pco.model = model;
  pco.context_type = "Patient";
  auto pexpr = Compile("name.exists() or telecom.exists()", pco);
  if (!pexpr.ok()) return 2;

  if (!emit.empty()) {
    std::string out = "{\"suite\":[";
    for (std::size_t i = 0; i < cases.size(); ++i) {
      if (i) out += ",";
      out += "{\"expression\":";
      json::AppendEscapedString(cases[i].text, &out);
      out += ",\"input\":";
      json::AppendEscapedString(InputPath(suite_dir, cases[i].input_name), &out);
      out += "}";
    }
    out += "],\"bundles\":[";
    for (std::size_t i = 0; i < files.size(); ++i) {
      if (i) out += ",";
      json::AppendEscapedString(files[i], &out);
    }
    out += "]}";
    if (!shell::WriteFile(emit, out).ok()) return 2;
  }

  std::vector<EvalContext> contexts;
  for (const auto& c : cases) contexts.push_back(ContextFor(*c.input, model));
  for (auto& ctx : contexts) ctx.now = *Temporal::ParseDateTime("2024-06-15T12:00:00Z");
  std::size_t sink = 0;
  double suite_rate = Rate(seconds, [&] {
    for (std::size_t i = 0; i < cases.size(); ++i) {
      auto r = Evaluate(*cases[i].expr, contexts[i]);
      sink += r.ok() ? r->size() : 0;
    }
    return cases.size();
  });
  double synthea_rate = Rate(seconds, [&] {
    for (const json::Value* p : patients) {
      auto r = Evaluate(**pexpr, ContextFor(*p, model));
      sink += r.ok() ? r->size() : 0;
    }
    return patients.size();
  });
  std::cout << "suite_cases=" << cases.size() << "\n";
  std::cout << "suite_evals_per_sec=" << static_cast<long long>(suite_rate) << "\n";
  std::cout << "synthea_patients=" << patients.size() << "\n";
  std::cout << "synthea_evals_per_sec=" << static_cast<long long>(synthea_rate) << "\n";
  std::cerr << "(checksum " << sink << ")\n";
  return 0;
}

}  // namespace
}  // namespace gw::fhirpath

int main(int argc, char** argv) { return gw::fhirpath::Main(argc, argv); }
