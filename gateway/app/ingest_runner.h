// The shared part of `fhir-gateway map` and `fhir-gateway load`: parse the common options, load
// the mapping plans (mappings/*.json + conceptmaps/ + fixed/Organization-plan.json), the FHIR
// definitions and packages and the validator, then stream the feed files present in the feeds
// folder through gw::ingest::FeedPipeline into an IngestSink, in the order providers, members,
// eligibility, care_management, prior_auth (members before every feed that joins on it).
// Errors: a one-line Status message (exit 2 in the commands). Not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "gateway/core/base/sha1.h"
#include "gateway/core/base/status.h"
#include "gateway/core/ingest/feed_pipeline.h"
#include "gateway/core/ingest/ingest_sink.h"
#include "gateway/core/mapping/mapping_plan.h"
#include "gateway/core/terminology/terminology_service.h"
#include "gateway/core/validation/schema_registry.h"
#include "gateway/core/validation/terminology_binding_checker.h"
#include "gateway/core/validation/validator.h"
#include "gateway/shell/fhir_defs/definitions_loader.h"

namespace gw::app {

// The development id namespace, used when --id-namespace is not given (with a warning). Ids are
// stable only within one namespace: production configures its own.
// A random UUID drawn once for development; derived from nothing public.
inline constexpr char kDevelopmentIdNamespace[] = "4843ca2b-f950-4269-8d04-63151d90fe55";

struct IngestOptions {
  std::string feeds_dir;
  std::string mappings_dir = "mappings";
  std::vector<std::string> packages;
  std::string definitions_dir;  // empty: the pinned R4 definitions
  std::string id_namespace;     // empty: the development default (warned)
  bool validate = true;         // --no-validation turns profile validation off
  bool progress = false;        // a progress line on stderr
};

// Consumes the option at argv[*i] (and its value) when it is a common one; false otherwise.
// Sets *error for a missing value.
bool ParseIngestOption(int argc, char** argv, int* i, IngestOptions* options, std::string* error);
// The help text of the common options.
extern const char kIngestOptionsHelp[];

struct IngestSetup {
  std::shared_ptr<mapping::MappingEnvironment> env;
  std::vector<std::shared_ptr<const mapping::MappingPlan>> plans;  // in run order
  json::Value plan_organization;
  shell::LoadedDefinitions definitions;
  std::unique_ptr<validation::SchemaRegistry> schemas;
  std::unique_ptr<terminology::TerminologyService> terminology;
  std::unique_ptr<validation::TerminologyBindingChecker> bindings;
  std::unique_ptr<validation::Validator> validator;
};

Result<std::unique_ptr<IngestSetup>> PrepareIngest(const IngestOptions& options,
                                                   const std::string& command);

// Runs every feed file present; fills *summary (also on error, with the counts so far).
Status RunIngest(const IngestSetup& setup, const IngestOptions& options, ingest::IngestSink& sink,
                 ingest::IngestSummary* summary);

}  // namespace gw::app
