#include "test_support.h"

#include <map>
#include <mutex>

#include "gateway/core/json/parse.h"
#include "gateway/shell/fs/file.h"

namespace gw::validation::testing {

namespace {

BaseDefinitions* Load(const std::vector<std::string>& packages) {
  std::string r4 = GW_FHIR_R4_DIR;
  if (!shell::PathExists(r4 + "/profiles-resources.json")) return nullptr;
  shell::DefinitionSources sources;
  sources.r4_dir = r4;
  sources.packages = packages;
  auto loaded = shell::LoadDefinitions(sources, nullptr);
  if (!loaded.ok()) return nullptr;
  auto* b = new BaseDefinitions();
  b->defs = std::move(loaded).value();
  b->registry = std::make_unique<SchemaRegistry>(b->defs.store.get(), b->defs.model.get());
  b->terminology = std::make_unique<terminology::TerminologyService>(*b->defs.store);
  b->bindings = std::make_unique<TerminologyBindingChecker>(*b->terminology);
  return b;
}

}  // namespace

const BaseDefinitions* Base() {
  static BaseDefinitions* base = Load({});
  return base;
}

const BaseDefinitions* WithPackages(const std::vector<std::string>& packages) {
  // Loaded once per package set and kept for the whole test program (never destroyed, so the
  // definitions stay reachable for the leak checker at exit).
  static std::mutex mu;
  static auto& cache = *new std::map<std::vector<std::string>, BaseDefinitions*>();
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(packages);
  if (it != cache.end()) return it->second;
  BaseDefinitions* b = Load(packages);
  cache[packages] = b;
  return b;
}

ValidationOptions WithTerminology(const BaseDefinitions& defs) {
  ValidationOptions options;
  options.bindings = defs.bindings.get();
  options.terminology = defs.terminology.get();
  return options;
}

Result<json::Value> ParseFile(const std::string& path) {
  auto text = shell::ReadFile(path);
  if (!text.ok()) return text.status();
  return json::Parse(text.value());
}

std::vector<const json::Value*> Resources(const json::Value& doc, bool split_bundles) {
  std::vector<const json::Value*> out;
  const json::Value* rt = doc.Find("resourceType");
  bool bundle = rt != nullptr && rt->is_string() && rt->string_value() == "Bundle";
  if (!split_bundles || !bundle) {
    out.push_back(&doc);
    return out;
  }
  const json::Value* entries = doc.Find("entry");
  if (entries == nullptr || !entries->is_array()) return out;
  for (const json::Value& e : entries->items()) {
    if (const json::Value* r = e.Find("resource"); r != nullptr) out.push_back(r);
  }
  return out;
}

}  // namespace gw::validation::testing
