#include "gateway/app/gateway_runtime.h"

#include <filesystem>
#include <iostream>
#include <set>
#include <utility>

#include "gateway/core/auth/scopes.h"
#include "gateway/core/json/parse.h"
#include "gateway/core/rest/capability_statement.h"
#include "gateway/core/search/instant.h"
#include "gateway/shell/auth/memory_token_stores.h"
#include "gateway/shell/crypto/openssl_signature_verifier.h"
#include "gateway/shell/fs/file.h"
#include "gateway/shell/store/postgres_store.h"
#include "gateway/shell/store/sqlite_store.h"
#include "gateway/shell/sys/random_id_generator.h"
#include "gateway/shell/sys/system_clock.h"

namespace gw::app {
namespace {

constexpr char kSoftware[] = "fhir-gateway";
constexpr char kVersion[] = "0.4.0";

std::string_view Str(const json::Value& v, std::string_view key) {
  const json::Value* m = v.is_object() ? v.Find(key) : nullptr;
  return m != nullptr && m->is_string() ? m->string_value() : std::string_view();
}

// Top-level elements of each resource type's base definition that are isSummary / mandatory.
void SummaryElements(const conformance::ConformanceStore& store,
                     const search::SearchParamRegistry& params, rest::FhirApiDeps* deps) {
  for (const std::string& type : params.ResourceTypes()) {
    const json::Value* sd = store.Resolve("http://hl7.org/fhir/StructureDefinition/" + type);
    const json::Value* snapshot = sd != nullptr ? sd->Find("snapshot") : nullptr;
    const json::Value* elements = snapshot != nullptr ? snapshot->Find("element") : nullptr;
    if (elements == nullptr || !elements->is_array()) continue;
    for (const json::Value& e : elements->items()) {
      std::string_view path = Str(e, "path");
      if (path.size() <= type.size() + 1 || path.rfind(type + ".", 0) != 0) continue;
      std::string_view name = path.substr(type.size() + 1);
      if (name.find('.') != std::string_view::npos) continue;
      if (name.size() > 3 && name.substr(name.size() - 3) == "[x]") name.remove_suffix(3);
      const json::Value* summary = e.Find("isSummary");
      if (summary != nullptr && summary->is_bool() && summary->bool_value()) {
        deps->summary_elements[type].emplace(name);
      }
      const json::Value* min = e.Find("min");
      if (min != nullptr && min->is_number() && min->number_text() != "0") {
        deps->mandatory_elements[type].emplace(name);
      }
    }
  }
}

bool KnownType(std::string_view) { return true; }

// The codes of the R4 resource-types CodeSystem (the types a server may serve).
std::set<std::string, std::less<>> R4ResourceTypes(const conformance::ConformanceStore& store) {
  std::set<std::string, std::less<>> out;
  const json::Value* cs = store.Resolve("http://hl7.org/fhir/resource-types");
  const json::Value* concepts = cs != nullptr ? cs->Find("concept") : nullptr;
  if (concepts == nullptr || !concepts->is_array()) return out;
  for (const json::Value& c : concepts->items()) {
    std::string_view code = Str(c, "code");
    if (!code.empty() && code != "Resource" && code != "DomainResource") out.emplace(code);
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<GatewayRuntime>> BuildRuntime(
    const config::ServerConfig& config, const std::map<std::string, std::string>& base_urls,
    const std::string& public_listener) {
  auto rt = std::make_unique<GatewayRuntime>();
  rt->config = config;
  rt->base_urls = base_urls;
  auto pub = base_urls.find(public_listener);
  std::string public_base = pub == base_urls.end() ? std::string() : pub->second;
  rt->token_url = public_base + std::string(kTokenPath);

  shell::DefinitionSources sources;
  sources.r4_dir = GW_FHIR_R4_DIR;
  sources.packages = config.packages;
  auto defs = shell::LoadDefinitions(sources, nullptr);
  if (!defs.ok()) return Status(defs.status().code(), "FHIR definitions: " + defs.status().message());
  rt->definitions = std::move(defs).value();
  const conformance::ConformanceStore& store = *rt->definitions.store;

  rt->schemas = std::make_unique<validation::SchemaRegistry>(&store, rt->definitions.model.get());
  rt->terminology = std::make_unique<terminology::TerminologyService>(store);
  rt->bindings = std::make_unique<validation::TerminologyBindingChecker>(*rt->terminology);
  validation::ValidationOptions options;
  options.terminology = rt->terminology.get();
  options.bindings = rt->bindings.get();
  options.security_checks = true;
  // Writes are held to base R4 and their meta.profile claims; the vital-signs profiles the
  // specification implies from an Observation's code are not imposed on senders.
  options.implied_profiles = false;
  // Extensions without a loaded definition are reported as warnings (senders may use their
  // own); those of loaded packages are checked in full.
  options.unknown_extensions_are_errors = false;
  options.now = search::FormatInstant(shell::SystemClock().NowMillis());
  rt->validator = std::make_unique<validation::Validator>(*rt->schemas, options);

  auto params = search::SearchParamRegistry::FromStore(store, rt->definitions.model);
  if (!params.ok()) return Status(params.status().code(), "search parameters: " + params.status().message());
  rt->params = *params;
  search::ExtractOptions extract;
  for (const auto& [name, url] : base_urls) extract.local_base_urls.push_back(url);
  rt->extractor = std::make_shared<search::IndexExtractor>(rt->params, extract);

  rt->clock = std::make_unique<shell::SystemClock>();
  rt->ids = std::make_unique<shell::RandomIdGenerator>();
  std::error_code mkdir_error;
  std::filesystem::create_directories(config.data_dir, mkdir_error);
  if (mkdir_error) return IoError("data_dir " + config.data_dir + ": cannot create it");
  if (!config.postgres_conninfo.empty()) {
    shell::PostgresStoreOptions po;
    po.conninfo = config.postgres_conninfo;
    po.pool_size = static_cast<int>(config.postgres_pool_size);
    auto pg = shell::PostgresResourceStore::Open(po, rt->extractor, *rt->clock, *rt->ids);
    // The message never holds the connection string.
    if (!pg.ok()) return Status(pg.status().code(), "store.postgres: " + pg.status().message());
    rt->store = std::move(pg).value();
  } else {
    shell::SqliteStoreOptions so;
    so.path = config.data_dir + "/gateway.db";
    // The server is the store's only writer (the lock keeps `load` and a second server out), so
    // reads of hot resources can skip the database.
    so.current_cache_bytes = 64u << 20;
    auto sqlite = shell::SqliteResourceStore::Open(so, rt->extractor, *rt->clock, *rt->ids);
    if (!sqlite.ok()) return Status(sqlite.status().code(), so.path + ": " + sqlite.status().message());
    rt->store = std::move(sqlite).value();
  }

  for (const config::ClientConfig& c : config.access.clients) {
    std::string text = c.jwks_json;
    if (!c.jwks_file.empty()) {
      auto file = shell::ReadFile(c.jwks_file, 1u << 20);
      if (!file.ok()) return Status(file.status().code(), "access.clients: " + file.status().message());
      text = std::move(file).value();
    }
    auto jwks = json::Parse(text);
    if (!jwks.ok()) return InvalidArgument("access.clients " + c.client_id + ": jwks is not JSON");
    auto scopes = auth::ParseScopes(c.scopes, &KnownType);
    if (!scopes.ok()) return InvalidArgument("access.clients " + c.client_id + ": scopes: " + scopes.status().message());
    rt->clients.Add({c.client_id, std::move(jwks).value(), scopes->scopes});
    rt->client_policies[c.client_id] = c;
  }
  for (const config::ClientConfig& c : config.access.partners) {
    auto scopes = auth::ParseScopes(c.scopes, &KnownType);
    if (!scopes.ok()) return InvalidArgument("access.partners " + c.client_id + ": scopes: " + scopes.status().message());
    rt->client_policies[c.client_id] = c;
  }
  rt->verifier = std::make_unique<shell::OpenSslSignatureVerifier>();
  rt->replay = std::make_unique<shell::MemoryReplayGuard>();
  rt->tokens = std::make_unique<shell::MemoryAccessTokenStore>();

  rest::FhirApiDeps deps;
  deps.store = rt->store.get();
  deps.extractor = rt->extractor.get();
  deps.validator = rt->validator.get();
  deps.clock = rt->clock.get();
  deps.ids = rt->ids.get();
  auto compartment = auth::PatientCompartment::FromStore(store, rt->params);
  if (!compartment.ok()) {
    return Status(compartment.status().code(), "Patient compartment: " + compartment.status().message());
  }
  rt->compartment = *compartment;
  for (const std::string& type : rt->compartment->ResourceTypes()) {
    deps.patient_compartment[type] = rt->compartment->ParamsFor(type);
  }
  rt->member_access = std::make_unique<MemberAccessSource>(*rt->store, *rt->clock);
  shell::RateLimitSettings limits;
  limits.defaults.capacity = config.access.rate_limit.burst;
  limits.defaults.refill_per_second = config.access.rate_limit.requests_per_second;
  if (Status valid = limits.Validate(); !valid.ok()) {
    return InvalidArgument("access.rate_limit: " + valid.message());
  }
  rt->rate_limiter = std::make_unique<shell::RateLimiter>(limits);
  if (config.access.audit) {
    std::string journal_path = config.data_dir + "/audit-journal.db";
    auto journal = shell::AuditJournal::Open(journal_path);
    if (!journal.ok()) {
      return Status(journal.status().code(), journal_path + ": " + journal.status().message());
    }
    rt->audit_journal = std::move(journal).value();
    shell::AuditIndexerOptions indexing;
    indexing.warn = [](std::string_view line) { std::cerr << "fhir-gateway: " << line << "\n"; };
    rt->audit_indexer =
        std::make_unique<shell::AuditIndexer>(*rt->audit_journal, *rt->store, std::move(indexing));
    rt->audit_indexer->Start();
  }
  SummaryElements(store, *rt->params, &deps);
  rest::CapabilityInputs caps;
  caps.base_url = public_base;
  caps.software = kSoftware;
  caps.version = kVersion;
  caps.date = search::FormatInstant(rt->clock->NowMillis()).substr(0, 10);
  caps.token_url = rt->token_url;
  caps.resource_types = R4ResourceTypes(store);
  deps.resource_types = caps.resource_types;
  deps.capability_statement = rest::MakeCapabilityStatement(*rt->params, caps);
  rt->api = std::make_unique<rest::FhirApi>(std::move(deps));
  return rt;
}

}  // namespace gw::app
