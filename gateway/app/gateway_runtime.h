// GatewayRuntime: everything the server needs, built once from the validated ServerConfig —
// FHIR definitions (base R4 and the configured packages), the search parameter registry and
// index extractor, the validator with offline terminology, the SQLite store in data_dir, the
// SMART token service (registered clients, replay guard, access tokens) and the FHIR API.
// Errors of BuildRuntime(): a message naming what could not be loaded (exit 2 at start-up).
// Thread safety: immutable after BuildRuntime() except through the thread-safe ports it owns.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "gateway/app/member_access_source.h"
#include "gateway/core/auth/client_registry.h"
#include "gateway/core/auth/patient_compartment.h"
#include "gateway/core/base/status.h"
#include "gateway/core/config/server_config.h"
#include "gateway/core/rest/fhir_api.h"
#include "gateway/core/search/index_extractor.h"
#include "gateway/core/terminology/terminology_service.h"
#include "gateway/core/validation/schema_registry.h"
#include "gateway/core/validation/terminology_binding_checker.h"
#include "gateway/core/validation/validator.h"
#include "gateway/ports/access_tokens.h"
#include "gateway/ports/clock.h"
#include "gateway/ports/id_generator.h"
#include "gateway/ports/resource_store.h"
#include "gateway/ports/signature_verifier.h"
#include "gateway/shell/audit/audit_indexer.h"
#include "gateway/shell/audit/audit_journal.h"
#include "gateway/shell/auth/rate_limiter.h"
#include "gateway/shell/fhir_defs/definitions_loader.h"

namespace gw::app {

// The token endpoint's path on every listener.
inline constexpr std::string_view kTokenPath = "/auth/token";

struct GatewayRuntime {
  config::ServerConfig config;
  std::map<std::string, std::string> base_urls;  // listener → https://host:port
  std::string token_url;                         // absolute, on the public listener

  shell::LoadedDefinitions definitions;
  std::unique_ptr<validation::SchemaRegistry> schemas;
  std::unique_ptr<terminology::TerminologyService> terminology;
  std::unique_ptr<validation::TerminologyBindingChecker> bindings;
  std::unique_ptr<validation::Validator> validator;
  std::shared_ptr<const search::SearchParamRegistry> params;
  std::shared_ptr<const search::IndexExtractor> extractor;
  std::unique_ptr<ports::Clock> clock;
  std::unique_ptr<ports::IdGenerator> ids;
  std::unique_ptr<ports::ResourceStore> store;

  auth::ClientRegistry clients;                           // SMART clients by client_id
  std::map<std::string, config::ClientConfig> client_policies;  // client_id → config
  std::unique_ptr<ports::SignatureVerifier> verifier;
  std::unique_ptr<ports::ReplayGuard> replay;
  std::unique_ptr<ports::AccessTokenStore> tokens;

  std::shared_ptr<const auth::PatientCompartment> compartment;
  std::unique_ptr<MemberAccessSource> member_access;
  std::unique_ptr<shell::RateLimiter> rate_limiter;
  // Audit: the journal every answer waits for, and the indexer that turns its entries into
  // AuditEvent resources (declared after the store: destroyed before it). Null when off.
  std::unique_ptr<shell::AuditJournal> audit_journal;
  std::unique_ptr<shell::AuditIndexer> audit_indexer;

  std::unique_ptr<rest::FhirApi> api;
};

// `base_urls`: listener name → absolute base URL (ports resolved). `public_listener` names the
// listener whose base URL the CapabilityStatement and the token URL use.
Result<std::unique_ptr<GatewayRuntime>> BuildRuntime(
    const config::ServerConfig& config, const std::map<std::string, std::string>& base_urls,
    const std::string& public_listener);

}  // namespace gw::app
