// FhirApi: the FHIR R4 RESTful API over a ResourceStore — the interactions, searches, Bundles
// and operations the gateway serves, as a pure function of a RestRequest, the store and the
// caller's RequestAccess.
//
// Interactions (each listed in the CapabilityStatement, capability_statement.h; nothing else is
// answered — unknown routes 404, known routes with another method 405):
//   GET    /metadata                          capabilities
//   GET    /[type]/[id]                       read (410 when deleted; ETag, Last-Modified)
//   GET    /[type]/[id]/_history/[vid]        vread
//   GET    /[type]/[id]/_history, /[type]/_history, /_history   history (_count, _since)
//   GET    /[type]?...  POST /[type]/_search   search (search_request.h; _include, _revinclude,
//                                             _summary, _elements, _total, paging by cursor)
//   POST   /[type]                            create (server id; If-None-Exist conditional)
//   PUT    /[type]/[id]                       update (client id, create-on-update; If-Match)
//   DELETE /[type]/[id]                       delete (If-Match)
//   POST   /                                  batch / transaction Bundle (transaction atomic)
//   POST   /[type]/$validate, /[type]/[id]/$validate   validation, OperationOutcome
//   GET    /Patient/[id]/$everything          the member's compartment (_since, _type, _count)
// Writes are validated (base definition, meta.profile, security checks) before anything is
// stored: errors → 422 (400 for JSON that does not parse) with the OperationOutcome.
// Bodies: JSON only (XML or another media type → 415 with an OperationOutcome). Prefer:
// return=minimal|representation|OperationOutcome, handling=strict|lenient for searches.
// Errors are OperationOutcomes whose diagnostics never hold stored data, SQL or paths.
// Thread safety: Handle() may run concurrently; the dependencies must be thread-safe and
// outlive the FhirApi.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <set>
#include <string>
#include <vector>

#include "gateway/core/json/value.h"
#include "gateway/core/rest/request_access.h"
#include "gateway/core/rest/rest_error.h"
#include "gateway/core/rest/rest_exchange.h"
#include "gateway/core/rest/search_request.h"
#include "gateway/core/search/index_extractor.h"
#include "gateway/core/search/search_param_registry.h"
#include "gateway/core/validation/validator.h"
#include "gateway/ports/clock.h"
#include "gateway/ports/id_generator.h"
#include "gateway/ports/resource_store.h"

namespace gw::rest {

inline constexpr std::size_t kMaxBundleEntries = 10'000;

struct FhirApiDeps {
  ports::ResourceStore* store = nullptr;
  const search::IndexExtractor* extractor = nullptr;  // its registry drives searches
  const validation::Validator* validator = nullptr;   // null: writes are not validated
  const ports::Clock* clock = nullptr;
  const ports::IdGenerator* ids = nullptr;  // ids of resources created by transactions
  // Patient compartment: resource type → the search parameters that place a resource of that
  // type in a Patient's compartment ("Observation" → {"subject", "performer"}).
  std::map<std::string, std::vector<std::string>, std::less<>> patient_compartment;
  // Top-level elements per resource type that are isSummary / mandatory (min > 0) in the base
  // definition, for _summary and _elements.
  std::map<std::string, std::set<std::string, std::less<>>, std::less<>> summary_elements;
  std::map<std::string, std::set<std::string, std::less<>>, std::less<>> mandatory_elements;
  // The resource types served (as in the CapabilityStatement); empty = every concrete type of
  // the registry. Other types answer 404.
  std::set<std::string, std::less<>> resource_types;
  // The CapabilityStatement served at /metadata (capability_statement.h), as JSON text.
  std::string capability_statement;
};

class FhirApi {
 public:
  explicit FhirApi(FhirApiDeps deps);

  RestResponse Handle(const RestRequest& request, RequestAccess& access) const;

  // The route template for logs and audit ("GET /[type]/[id]"), never ids or values.
  static std::string RouteOf(const RestRequest& request);

 private:
  struct Context;

  RestResponse Dispatch(Context& c) const;
  RestResponse Read(Context& c) const;
  RestResponse VRead(Context& c) const;
  RestResponse History(Context& c) const;
  RestResponse Search(Context& c, const std::vector<QueryParam>& params) const;
  RestResponse Create(Context& c) const;
  RestResponse Update(Context& c) const;
  RestResponse Delete(Context& c) const;
  RestResponse SystemBundle(Context& c) const;
  RestResponse ValidateOperation(Context& c) const;
  RestResponse Everything(Context& c) const;
  // Search helpers (fhir_api_search.cc).
  std::string EntryText(Context& c, const ports::ResourceVersion& v, const json::Value* parsed,
                        const SearchRequest& s) const;
  void AddIncludes(Context& c, const SearchRequest& s,
                   const std::vector<std::pair<ports::ResourceVersion, json::Value>>& matches,
                   std::vector<ports::ResourceVersion>* out) const;
  std::optional<std::int64_t> CountVisible(Context& c, search::SearchQuery query) const;

  // Shared steps.
  Result<json::Value> ParseBody(const Context& c) const;
  // Validation issues of a resource to be written; true when it has no error.
  bool ValidateForWrite(const json::Value& resource, IssueList& issues) const;
  RestResponse WriteResponse(const Context& c, const ports::WriteResult& w, int status) const;
  RestResponse Failure(RestError error, std::string_view diagnostics) const;
  bool Visible(Context& c, const ports::ResourceVersion& v, json::Value* parsed) const;

  FhirApiDeps deps_;
};

}  // namespace gw::rest
