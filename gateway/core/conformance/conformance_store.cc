#include "gateway/core/conformance/conformance_store.h"
#include "gateway/core/base/string_map.h"

#include <algorithm>
#include <deque>
#include <limits>
#include <mutex>
#include <set>
#include <unordered_map>
#include <utility>

#include "gateway/core/conformance/bundle_scan.h"
#include "gateway/core/conformance/canonical.h"

namespace gw::conformance {
namespace {

constexpr std::uint32_t kNoPath = std::numeric_limits<std::uint32_t>::max();


std::string_view Str(const json::Value* v) {
  return v != nullptr && v->is_string() ? v->string_value() : std::string_view();
}

void Report(IssueSink* issues, Severity severity, std::string code, std::string location,
            std::string message) {
  if (issues == nullptr) return;
  issues->Report(Issue{severity, std::move(code), std::move(location), std::move(message)});
}

bool Contains(const std::vector<std::string>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// "hl7.fhir.us.core.v311" → ("hl7.fhir.us.core", "311"); empty when not an alias name.
std::pair<std::string_view, std::string_view> SplitAliasName(std::string_view name) {
  std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return {};
  std::string_view tail = name.substr(dot + 1);
  if (tail.size() < 2 || tail[0] != 'v') return {};
  std::string_view digits = tail.substr(1);
  for (char c : digits) {
    if (c < '0' || c > '9') return {};
  }
  return {name.substr(0, dot), digits};
}

std::string WithoutDots(std::string_view version) {
  std::string out;
  for (char c : version) {
    if (c != '.') out.push_back(c);
  }
  return out;
}

}  // namespace

struct StoreEntry : StoredResource {
  std::string text;  // lazy resources: the exact JSON
  mutable std::once_flag once;
  mutable std::unique_ptr<const json::Value> tree;  // eager: set at load; lazy: on first use
};

struct ConformanceStore::Data {
  std::vector<std::unique_ptr<StoreEntry>> entries;
  std::vector<LoadedPackage> packages;
  StringMap<std::vector<std::uint32_t>> by_url;  // entry indices, load order
  // distance[a][b]: dependency hops from package a to package b (0 for a == b), kNoPath if none.
  std::vector<std::vector<std::uint32_t>> distance;
  json::ParseLimits parse_limits;

  const StoreEntry* Pick(std::string_view canonical, std::optional<std::uint32_t> context,
                         std::string_view type) const;
  bool Beats(const StoreEntry& a, const StoreEntry& b) const;
  const json::Value* TreeOf(const StoreEntry& e) const;
};

bool ConformanceStore::Data::Beats(const StoreEntry& a, const StoreEntry& b) const {
  if (a.package != b.package) {
    if (distance[a.package][b.package] != kNoPath) return true;  // a's package depends on b's
    if (distance[b.package][a.package] != kNoPath) return false;
  }
  if (a.version.empty() != b.version.empty()) return !a.version.empty();
  int c = CompareVersions(a.version, b.version);
  if (c != 0) return c > 0;
  return a.index > b.index;
}

const StoreEntry* ConformanceStore::Data::Pick(std::string_view canonical,
                                               std::optional<std::uint32_t> context,
                                               std::string_view type) const {
  CanonicalRef ref = SplitCanonical(canonical);
  auto it = by_url.find(ref.url);
  if (it == by_url.end()) return nullptr;
  const StoreEntry* best = nullptr;
  std::uint32_t best_distance = kNoPath;
  for (std::uint32_t index : it->second) {
    const StoreEntry& e = *entries[index];
    if (!type.empty() && e.resource_type != type) continue;
    if (!ref.version.empty() && !VersionMatches(ref.version, e.version)) continue;
    std::uint32_t d = context ? distance[*context][e.package] : kNoPath;
    if (best == nullptr || d < best_distance || (d == best_distance && Beats(e, *best))) {
      best = &e;
      best_distance = d;
    }
  }
  return best;
}

const json::Value* ConformanceStore::Data::TreeOf(const StoreEntry& e) const {
  if (!e.text.empty()) {
    std::call_once(e.once, [&] {
      Result<json::Value> parsed = json::Parse(e.text, parse_limits);
      if (parsed.ok()) e.tree = std::make_unique<const json::Value>(std::move(parsed).value());
    });
  }
  return e.tree.get();
}

// ---------------------------------------------------------------------------------------------
// ConformanceStore

ConformanceStore::ConformanceStore(std::unique_ptr<Data> data) : data_(std::move(data)) {}
ConformanceStore::~ConformanceStore() = default;

const json::Value* ConformanceStore::Resolve(std::string_view canonical) const {
  const StoreEntry* e = data_->Pick(canonical, std::nullopt, {});
  return e == nullptr ? nullptr : data_->TreeOf(*e);
}

const json::Value* ConformanceStore::Resolve(std::string_view url, std::string_view version) const {
  if (version.empty()) return Resolve(url);
  std::string canonical(url);
  canonical.append("|").append(version);
  return Resolve(canonical);
}

const json::Value* ConformanceStore::ResolveFrom(std::string_view canonical,
                                                 std::uint32_t context_package) const {
  const StoredResource* r = FindFrom(canonical, context_package);
  return r == nullptr ? nullptr : Tree(*r);
}

const StoredResource* ConformanceStore::Find(std::string_view canonical,
                                             std::string_view resource_type) const {
  return data_->Pick(canonical, std::nullopt, resource_type);
}

const StoredResource* ConformanceStore::FindFrom(std::string_view canonical,
                                                 std::uint32_t context_package,
                                                 std::string_view resource_type) const {
  std::optional<std::uint32_t> context;
  if (context_package < data_->packages.size()) context = context_package;
  return data_->Pick(canonical, context, resource_type);
}

std::vector<const StoredResource*> ConformanceStore::FindAll(std::string_view url) const {
  std::vector<const StoredResource*> out;
  auto it = data_->by_url.find(SplitCanonical(url).url);
  if (it == data_->by_url.end()) return out;
  for (std::uint32_t index : it->second) out.push_back(data_->entries[index].get());
  return out;
}

const json::Value* ConformanceStore::Tree(const StoredResource& r) const {
  if (r.index >= data_->entries.size() || data_->entries[r.index].get() != &r) return nullptr;
  return data_->TreeOf(*data_->entries[r.index]);
}

std::vector<const StoredResource*> ConformanceStore::All(std::string_view resource_type) const {
  std::vector<const StoredResource*> out;
  for (const auto& e : data_->entries) {
    if (resource_type.empty() || e->resource_type == resource_type) out.push_back(e.get());
  }
  return out;
}

std::size_t ConformanceStore::size() const { return data_->entries.size(); }

const std::vector<LoadedPackage>& ConformanceStore::packages() const { return data_->packages; }

std::optional<std::uint32_t> ConformanceStore::FindPackage(std::string_view name,
                                                           std::string_view version) const {
  std::optional<std::uint32_t> best;
  for (std::uint32_t i = 0; i < data_->packages.size(); ++i) {
    const PackageManifest& m = data_->packages[i].manifest;
    if (m.name != name) continue;
    if (!version.empty()) {
      if (m.version == version) return i;
      continue;
    }
    if (!best || CompareVersions(m.version, data_->packages[*best].manifest.version) > 0) best = i;
  }
  return best;
}

std::vector<UnresolvedCanonical> ConformanceStore::FindUnresolvedCanonicals() const {
  std::vector<UnresolvedCanonical> out;
  for (const auto& entry : data_->entries) {
    if (entry->resource_type != "StructureDefinition") continue;
    const json::Value* sd = data_->TreeOf(*entry);
    if (sd == nullptr) continue;
    std::set<std::string, std::less<>> seen;
    auto check = [&](std::string_view canonical, std::string location) {
      if (canonical.empty() || seen.count(canonical) != 0) return;
      seen.emplace(canonical);
      if (data_->Pick(canonical, entry->package, {}) != nullptr) return;
      UnresolvedCanonical u;
      u.canonical = std::string(canonical);
      u.referrer_url = entry->url;
      u.package = data_->packages[entry->package].manifest.Id();
      u.location = std::move(location);
      CanonicalRef ref = SplitCanonical(canonical);
      u.version_mismatch =
          !ref.version.empty() && data_->Pick(ref.url, entry->package, {}) != nullptr;
      out.push_back(std::move(u));
    };
    check(Str(sd->Find("baseDefinition")), "StructureDefinition.baseDefinition");
    for (std::string_view section : {"snapshot", "differential"}) {
      const json::Value* holder = sd->Find(section);
      const json::Value* elements = holder != nullptr ? holder->Find("element") : nullptr;
      if (elements == nullptr || !elements->is_array()) continue;
      std::string prefix = "StructureDefinition." + std::string(section) + ".element[";
      for (std::size_t i = 0; i < elements->items().size(); ++i) {
        const json::Value& el = elements->items()[i];
        std::string at = prefix + std::to_string(i) + "]";
        if (const json::Value* types = el.Find("type"); types != nullptr && types->is_array()) {
          for (std::size_t t = 0; t < types->items().size(); ++t) {
            for (std::string_view list : {"profile", "targetProfile"}) {
              const json::Value* refs = types->items()[t].Find(list);
              if (refs == nullptr || !refs->is_array()) continue;
              for (std::size_t k = 0; k < refs->items().size(); ++k) {
                check(Str(&refs->items()[k]), at + ".type[" + std::to_string(t) + "]." +
                                                  std::string(list) + "[" + std::to_string(k) +
                                                  "]");
              }
            }
          }
        }
        if (const json::Value* binding = el.Find("binding"); binding != nullptr) {
          check(Str(binding->Find("valueSet")), at + ".binding.valueSet");
        }
      }
    }
  }
  return out;
}

void ConformanceStore::ReportUnresolvedCanonicals(IssueSink* issues) const {
  if (issues == nullptr) return;
  for (UnresolvedCanonical& u : FindUnresolvedCanonicals()) {
    std::string message = "StructureDefinition " + u.referrer_url + " (" + u.package +
                          ") references " + u.canonical +
                          (u.version_mismatch ? ", which is loaded only in another version"
                                              : ", which is not loaded");
    Report(issues, Severity::kWarning, "conformance-unresolved-canonical", std::move(u.location),
           std::move(message));
  }
}

// ---------------------------------------------------------------------------------------------
// ConformanceStoreBuilder

struct ConformanceStoreBuilder::State {
  StoreOptions options;
  std::unique_ptr<ConformanceStore::Data> data = std::make_unique<ConformanceStore::Data>();
  std::optional<std::uint32_t> core_package;
  bool built = false;

  void AddResource(std::string_view text, std::string* owned, std::uint32_t package,
                   std::string path, bool core, IssueSink* issues);
  void MatchDependencies(IssueSink* issues);
  void ComputeDistances();
};

ConformanceStoreBuilder::ConformanceStoreBuilder(StoreOptions options)
    : state_(std::make_unique<State>()) {
  state_->options = std::move(options);
  state_->data->parse_limits = state_->options.parse_limits;
}
ConformanceStoreBuilder::~ConformanceStoreBuilder() = default;

void ConformanceStoreBuilder::State::AddResource(std::string_view text, std::string* owned,
                                                 std::uint32_t package, std::string path, bool core,
                                                 IssueSink* issues) {
  Result<json::Value> parsed = json::Parse(text, options.parse_limits);
  if (!parsed.ok()) {
    Report(issues, Severity::kError, "conformance-invalid-resource", path,
           data->packages[package].manifest.Id() + ": " + parsed.status().message());
    return;
  }
  const json::Value& r = *parsed;
  std::string_view type = Str(r.Find("resourceType"));
  std::string_view url = Str(r.Find("url"));
  if (url.empty() || !Contains(options.resource_types, type)) return;
  if (core && type == "StructureDefinition" && options.on_core_structure_definition) {
    options.on_core_structure_definition(r);
  }
  auto e = std::make_unique<StoreEntry>();
  e->resource_type = std::string(type);
  e->url = std::string(url);
  e->version = std::string(Str(r.Find("version")));
  e->id = std::string(Str(r.Find("id")));
  e->name = std::string(Str(r.Find("name")));
  e->package = package;
  e->index = static_cast<std::uint32_t>(data->entries.size());
  e->path = std::move(path);
  if (type == "StructureDefinition") {
    e->sd_kind = std::string(Str(r.Find("kind")));
    e->sd_type = std::string(Str(r.Find("type")));
    e->sd_derivation = std::string(Str(r.Find("derivation")));
    e->sd_base_definition = std::string(Str(r.Find("baseDefinition")));
  }
  if (Contains(options.eager_types, type)) {
    e->tree = std::make_unique<const json::Value>(std::move(parsed).value());
  } else if (owned != nullptr) {
    e->text = std::move(*owned);
  } else {
    e->text = std::string(text);
  }
  data->by_url[e->url].push_back(e->index);
  ++data->packages[package].resource_count;
  data->entries.push_back(std::move(e));
}

Status ConformanceStoreBuilder::AddCoreBundle(std::string_view bundle_text, std::string_view label,
                                              IssueSink* issues) {
  if (state_->built) return Status(StatusCode::kFailedPrecondition, "store already built");
  Result<std::vector<std::string_view>> pieces = SplitBundleResources(bundle_text);
  if (!pieces.ok()) {
    return Status(pieces.status().code(), std::string(label) + ": " + pieces.status().message());
  }
  if (!state_->core_package) {
    state_->core_package = static_cast<std::uint32_t>(state_->data->packages.size());
    LoadedPackage core;
    core.manifest = state_->options.core_package;
    core.core = true;
    state_->data->packages.push_back(std::move(core));
  }
  for (std::size_t i = 0; i < pieces->size(); ++i) {
    state_->AddResource((*pieces)[i], nullptr, *state_->core_package,
                        std::string(label) + "#entry[" + std::to_string(i) + "]", true, issues);
  }
  return Status::Ok();
}

Status ConformanceStoreBuilder::AddPackage(FhirPackage package, IssueSink* issues) {
  if (state_->built) return Status(StatusCode::kFailedPrecondition, "store already built");
  for (const LoadedPackage& p : state_->data->packages) {
    if (p.manifest.name == package.manifest.name &&
        p.manifest.version == package.manifest.version) {
      return Status(StatusCode::kFailedPrecondition,
                    "package " + package.manifest.Id() + " is already loaded");
    }
  }
  auto index = static_cast<std::uint32_t>(state_->data->packages.size());
  LoadedPackage loaded;
  loaded.manifest = std::move(package.manifest);
  state_->data->packages.push_back(std::move(loaded));
  for (PackageFile& f : package.resources) {
    std::string_view text = f.content;
    state_->AddResource(text, &f.content, index, f.path, false, issues);
  }
  return Status::Ok();
}

void ConformanceStoreBuilder::State::MatchDependencies(IssueSink* issues) {
  auto& packages = data->packages;
  for (LoadedPackage& p : packages) {
    for (const PackageDependency& dep : p.manifest.dependencies) {
      std::optional<std::uint32_t> exact, same_name;
      auto [alias_base, alias_digits] = SplitAliasName(dep.name);
      for (std::uint32_t j = 0; j < packages.size(); ++j) {
        const PackageManifest& m = packages[j].manifest;
        bool name_ok = m.name == dep.name;
        bool alias_ok = !alias_base.empty() && m.name == alias_base;
        if (!name_ok && !alias_ok) continue;
        if ((name_ok && m.version == dep.version) ||
            (alias_ok && WithoutDots(m.version) == alias_digits)) {
          exact = j;
          break;
        }
        if (name_ok &&
            (!same_name || CompareVersions(m.version, packages[*same_name].manifest.version) > 0)) {
          same_name = j;
        }
      }
      if (exact) {
        p.dependencies.push_back(*exact);
      } else if (same_name) {
        p.dependencies.push_back(*same_name);
        Report(issues, Severity::kWarning, "conformance-dependency-version-mismatch",
               p.manifest.Id(),
               "depends on " + dep.name + "#" + dep.version + "; using loaded version " +
                   packages[*same_name].manifest.version);
      } else {
        Report(issues, Severity::kWarning, "conformance-missing-dependency", p.manifest.Id(),
               "depends on " + dep.name + "#" + dep.version + ", which is not loaded");
      }
    }
  }
}

void ConformanceStoreBuilder::State::ComputeDistances() {
  std::size_t n = data->packages.size();
  data->distance.assign(n, std::vector<std::uint32_t>(n, kNoPath));
  for (std::uint32_t start = 0; start < n; ++start) {
    std::deque<std::uint32_t> queue{start};
    data->distance[start][start] = 0;
    while (!queue.empty()) {
      std::uint32_t at = queue.front();
      queue.pop_front();
      for (std::uint32_t next : data->packages[at].dependencies) {
        if (data->distance[start][next] != kNoPath) continue;
        data->distance[start][next] = data->distance[start][at] + 1;
        queue.push_back(next);
      }
    }
  }
}

Result<std::shared_ptr<const ConformanceStore>> ConformanceStoreBuilder::Build(IssueSink* issues) {
  if (state_->built) return Status(StatusCode::kFailedPrecondition, "Build() called twice");
  state_->built = true;
  state_->MatchDependencies(issues);
  state_->ComputeDistances();
  return std::make_shared<const ConformanceStore>(std::move(state_->data));
}

}  // namespace gw::conformance
