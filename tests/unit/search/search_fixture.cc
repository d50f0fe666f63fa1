#include "search_fixture.h"

#include <stdexcept>
#include <unordered_map>

#include "gateway/core/json/parse.h"
#include "gateway/shell/fhir_defs/definitions_loader.h"
#include "gateway/shell/fs/file.h"

namespace gw::search::testing {

std::shared_ptr<const SearchParamRegistry> BaseRegistry() {
  static const std::shared_ptr<const SearchParamRegistry> registry = [] {
    std::shared_ptr<const SearchParamRegistry> out;
    const std::string r4 = GW_FHIR_R4_DIR;
    if (!shell::PathExists(r4 + "/search-parameters.json")) return out;
    shell::DefinitionSources sources;
    sources.r4_dir = r4;
    sources.core_bundles = {"profiles-types.json", "profiles-resources.json",
                            "search-parameters.json"};
    auto loaded = shell::LoadDefinitions(sources, nullptr);
    if (!loaded.ok()) return out;
    auto reg = SearchParamRegistry::FromStore(*loaded->store, loaded->model, nullptr);
    if (reg.ok()) out = reg.value();
    return out;
  }();
  return registry;
}

json::Value ParseJson(std::string_view text) {
  auto v = json::Parse(text);
  if (!v.ok()) throw std::runtime_error("bad test JSON: " + v.status().ToString());
  return std::move(v).value();
}

const std::vector<json::Value>& SyntheaResources() {
  static const std::vector<json::Value> resources = [] {
    std::vector<json::Value> out;
    auto files = shell::ListFiles(std::string(GW_SHARED_DIR) + "/corpora/synthea/bundles");
    if (!files.ok()) return out;
    for (const std::string& f : files.value()) {
      if (!f.ends_with(".json")) continue;
      auto text = shell::ReadFile(f);
      if (!text.ok()) continue;
      auto bundle = json::Parse(text.value());
      if (!bundle.ok()) continue;
      const json::Value* entries = bundle->Find("entry");
      if (entries == nullptr) continue;
      for (const json::Value& e : entries->items()) {
        if (const json::Value* r = e.Find("resource")) out.push_back(*r);
      }
    }
    return out;
  }();
  return resources;
}

std::string RewriteUrnReferences(std::string_view text) {
  auto bundle = json::Parse(text);
  if (!bundle.ok()) return std::string(text);
  std::unordered_map<std::string, std::string> local;
  if (const json::Value* entries = bundle->Find("entry")) {
    for (const json::Value& e : entries->items()) {
      const json::Value* url = e.Find("fullUrl");
      const json::Value* r = e.Find("resource");
      if (url == nullptr || r == nullptr || !url->is_string()) continue;
      const json::Value* type = r->Find("resourceType");
      const json::Value* id = r->Find("id");
      if (type == nullptr || id == nullptr) continue;
      local[std::string(url->string_value())] =
          std::string(type->string_value()) + "/" + std::string(id->string_value());
    }
  }
  constexpr std::string_view kUrn = "urn:uuid:";
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t at = text.find(kUrn, i);
    if (at == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, at - i));
    std::size_t end = text.find('"', at);
    if (end == std::string_view::npos) end = text.size();
    auto it = local.find(std::string(text.substr(at, end - at)));
    out.append(it != local.end() ? std::string_view(it->second) : text.substr(at, end - at));
    i = end;
  }
  return out;
}

std::vector<std::vector<json::Value>> SyntheaBundles(std::size_t max_bundles) {
  std::vector<std::vector<json::Value>> out;
  auto files = shell::ListFiles(std::string(GW_SHARED_DIR) + "/corpora/synthea/bundles");
  if (!files.ok()) return out;
  for (const std::string& f : files.value()) {
    if (!f.ends_with(".json")) continue;
    if (max_bundles != 0 && out.size() >= max_bundles) break;
    auto text = shell::ReadFile(f);
    if (!text.ok()) continue;
    auto bundle = json::Parse(RewriteUrnReferences(text.value()));
    if (!bundle.ok()) continue;
    std::vector<json::Value> resources;
    if (const json::Value* entries = bundle->Find("entry")) {
      for (const json::Value& e : entries->items()) {
        if (const json::Value* r = e.Find("resource")) resources.push_back(*r);
      }
    }
    out.push_back(std::move(resources));
  }
  return out;
}

}  // namespace gw::search::testing
