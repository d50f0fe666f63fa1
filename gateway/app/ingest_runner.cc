#include "gateway/app/ingest_runner.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string_view>

#include "gateway/core/json/parse.h"
#include "gateway/core/search/instant.h"
#include "gateway/shell/fs/file.h"
#include "gateway/shell/fs/file_chunk_source.h"
#include "gateway/shell/sys/system_clock.h"

namespace gw::app {
namespace {

// Mapping files in run order: members before the feeds that join on it.
constexpr std::string_view kMappingFiles[] = {"providers.json", "members.json", "eligibility.json",
                                              "care_management.json", "prior_auth.json"};
constexpr std::size_t kMaxMappingBytes = 16u << 20;

std::string DefinitionsDir(const IngestOptions& o) {
  if (!o.definitions_dir.empty()) return o.definitions_dir;
  if (const char* env = std::getenv("GW_FHIR_R4_DIR"); env != nullptr && *env != '\0') return env;
  return GW_FHIR_R4_DIR;
}

Status LoadConceptMaps(const std::string& dir, mapping::MappingEnvironment* env) {
  auto files = shell::ListFiles(dir);
  if (!files.ok()) return files.status();
  for (const std::string& f : *files) {
    if (f.size() < 5 || f.substr(f.size() - 5) != ".json") continue;
    auto text = shell::ReadFile(f, kMaxMappingBytes);
    if (!text.ok()) return text.status();
    GW_RETURN_IF_ERROR(env->concept_maps.Add(f.substr(f.rfind('/') + 1), *text));
  }
  return Status::Ok();
}

}  // namespace

const char kIngestOptionsHelp[] =
    "  --feeds DIR          the feed files (members.csv, providers.csv, eligibility.csv,\n"
    "                       care_management.ndjson, prior_auth.ndjson; those present are read)\n"
    "  --mappings DIR       the mapping files (default: mappings)\n"
    "  --package PATH       a FHIR package (.tgz or folder); repeatable. The plan profiles need\n"
    "                       US Core 6.1.0, Da Vinci PAS 2.2.1 and fhir-profiles\n"
    "  --definitions DIR    the R4 definition Bundles (default: pinned, or $GW_FHIR_R4_DIR)\n"
    "  --id-namespace UUID  the namespace of the resource ids (stable only per namespace;\n"
    "                       production must configure one). Default: a development namespace\n"
    "  --no-validation      skip profile validation (no --package needed)\n";

bool ParseIngestOption(int argc, char** argv, int* i, IngestOptions* o, std::string* error) {
  const std::string_view a = argv[*i];
  auto value = [&](std::string* into) {
    if (*i + 1 >= argc) {
      *error = std::string(a) + " needs a value";
      return true;
    }
    *into = argv[++*i];
    return true;
  };
  if (a == "--feeds") return value(&o->feeds_dir);
  if (a == "--mappings") return value(&o->mappings_dir);
  if (a == "--definitions") return value(&o->definitions_dir);
  if (a == "--id-namespace") return value(&o->id_namespace);
  if (a == "--package") {
    std::string p;
    value(&p);
    if (!p.empty()) o->packages.push_back(p);
    return true;
  }
  if (a == "--no-validation") {
    o->validate = false;
    return true;
  }
  return false;
}

Result<std::unique_ptr<IngestSetup>> PrepareIngest(const IngestOptions& o,
                                                   const std::string& command) {
  if (o.feeds_dir.empty()) return InvalidArgument("--feeds is required");
  if (!shell::IsDirectory(o.feeds_dir)) return NotFound("feeds folder " + o.feeds_dir + " not found");
  if (o.validate && o.packages.empty()) {
    return InvalidArgument(
        "no --package: validation needs US Core 6.1.0, PAS 2.2.1 and fhir-profiles "
        "(or --no-validation)");
  }
  auto setup = std::make_unique<IngestSetup>();
  setup->env = std::make_shared<mapping::MappingEnvironment>();
  std::string ns = o.id_namespace;
  if (ns.empty()) {
    ns = kDevelopmentIdNamespace;
    std::cerr << "fhir-gateway " << command
              << ": warning: no --id-namespace, using the development namespace; resource ids "
                 "are stable only per namespace and production must configure its own\n";
  }
  auto parsed = ParseUuid(ns);
  if (!parsed) return InvalidArgument("--id-namespace is not a UUID");
  setup->env->id_namespace = *parsed;
  GW_RETURN_IF_ERROR(LoadConceptMaps(o.mappings_dir + "/conceptmaps", setup->env.get()));
  for (std::string_view name : kMappingFiles) {
    const std::string path = o.mappings_dir + "/" + std::string(name);
    auto text = shell::ReadFile(path, kMaxMappingBytes);
    if (!text.ok()) return text.status();
    auto plan = mapping::LoadMappingPlan(name, *text, setup->env);
    if (!plan.ok()) return plan.status();
    setup->plans.push_back(*plan);
  }
  auto org = shell::ReadFile(o.mappings_dir + "/fixed/Organization-plan.json", kMaxMappingBytes);
  if (!org.ok()) return org.status();
  auto org_tree = json::Parse(*org);
  if (!org_tree.ok()) return InvalidArgument("fixed/Organization-plan.json: " + org_tree.status().message());
  setup->plan_organization = std::move(org_tree).value();

  if (o.validate) {
    shell::DefinitionSources sources;
    sources.r4_dir = DefinitionsDir(o);
    sources.packages = o.packages;
    if (!shell::IsDirectory(sources.r4_dir)) {
      return NotFound("R4 definitions not found in " + sources.r4_dir);
    }
    auto defs = shell::LoadDefinitions(sources, nullptr);
    if (!defs.ok()) return defs.status();
    setup->definitions = std::move(defs).value();
    const conformance::ConformanceStore& store = *setup->definitions.store;
    setup->schemas =
        std::make_unique<validation::SchemaRegistry>(&store, setup->definitions.model.get());
    setup->terminology = std::make_unique<terminology::TerminologyService>(store);
    // The definitions are fixed for the run: binding outcomes are remembered.
    setup->bindings = std::make_unique<validation::TerminologyBindingChecker>(
        *setup->terminology, /*remember_outcomes=*/true);
    validation::ValidationOptions vo;
    vo.terminology = setup->terminology.get();
    vo.bindings = setup->bindings.get();
    vo.implied_profiles = false;
    // Every mapped resource names its plan profile (a snapshot over US Core / PAS over R4).
    vo.skip_base_when_profiled = true;
    vo.now = search::FormatInstant(shell::SystemClock().NowMillis());
    setup->validator = std::make_unique<validation::Validator>(*setup->schemas, vo);
  }
  return setup;
}

Status RunIngest(const IngestSetup& setup, const IngestOptions& o, ingest::IngestSink& sink,
                 ingest::IngestSummary* summary) {
  ingest::PipelineOptions po;
  po.validator = setup.validator.get();
  const bool tty = o.progress && isatty(STDERR_FILENO) == 1;
  if (tty) {
    po.progress = [](const ingest::IngestSummary& s) {
      std::uint64_t rejected = 0;
      for (const auto& [name, c] : s.feeds) rejected += c.rejected;
      std::cerr << "\r" << s.records_read() << " records read, " << rejected << " rejected"
                << std::flush;
    };
  }
  ingest::FeedPipeline pipeline(setup.env, po, sink);
  Status status = pipeline.EmitFixed("Organization-plan.json", setup.plan_organization);
  for (std::size_t i = 0; status.ok() && i < setup.plans.size(); ++i) {
    const mapping::MappingPlan& plan = *setup.plans[i];
    const std::string path = o.feeds_dir + "/" + plan.file();
    if (!shell::PathExists(path)) continue;
    auto source = shell::FileChunkSource::Open(path, 1u << 20);
    if (!source.ok()) {
      status = source.status();
      break;
    }
    status = pipeline.RunFeed(plan, **source);
    if (!status.ok()) status = Status(status.code(), plan.file() + ": " + status.message());
  }
  if (tty) std::cerr << "\n";
  *summary = pipeline.summary();
  return status;
}

}  // namespace gw::app
