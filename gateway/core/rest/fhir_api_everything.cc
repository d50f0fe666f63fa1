// FhirApi: Patient/$everything — the Patient and every resource of its compartment the caller
// may see (_type limits the types, _since the last update, _count the page of each type).
#include <set>
#include <utility>

#include "gateway/core/json/parse.h"
#include "gateway/core/json/write.h"
#include "gateway/core/rest/bundle_writer.h"
#include "gateway/core/rest/fhir_api.h"
#include "gateway/core/rest/fhir_api_context.h"
#include "gateway/core/search/instant.h"

namespace gw::rest {

using namespace api_internal;

namespace {

constexpr std::size_t kMaxEverything = 10'000;

}  // namespace

RestResponse FhirApi::Everything(Context& c) const {
  const RequestTarget& t = c.request.target;
  if (!c.access.Allows("Patient", kR)) {
    return Failure(RestError::kForbidden, "The access token does not allow reading patients.");
  }
  std::set<std::string, std::less<>> types;
  std::optional<std::int64_t> since;
  for (const QueryParam& p : t.params) {
    if (p.name == "_type") {
      std::string_view v = p.value;
      while (!v.empty()) {
        std::size_t comma = v.find(',');
        types.emplace(v.substr(0, comma));
        v = comma == std::string_view::npos ? std::string_view() : v.substr(comma + 1);
      }
    } else if (p.name == "_since") {
      auto range = search::RangeOfText(p.value);
      if (!range) return Failure(RestError::kBadRequest, "_since: not an instant");
      since = range->low_ms;
    } else if (p.name != "_count" && p.name != "_format") {
      return Failure(RestError::kBadRequest, "$everything takes _type, _since and _count.");
    }
  }
  auto patient = deps_.store->Read("Patient", t.id);
  if (!patient.ok() || patient->deleted || !Visible(c, *patient, nullptr)) {
    return Failure(RestError::kNotFound, "Resource not found.");
  }
  std::vector<ports::ResourceVersion> found;
  std::set<std::pair<std::string, std::string>> seen{{"Patient", t.id}};
  if (types.empty() || types.count("Patient") != 0) found.push_back(*patient);
  bool truncated = false;
  for (const auto& [type, params] : deps_.patient_compartment) {
    if (type == "Patient" || (!types.empty() && types.count(type) == 0)) continue;
    // The access log of the member is not part of the record unless asked for by _type.
    if (type == "AuditEvent" && types.empty()) continue;
    if (!c.access.Allows(type, kS)) continue;
    for (const std::string& param : params) {
      if (deps_.extractor->registry().Find(type, param) == nullptr) continue;
      search::SearchQuery q;
      q.resource_type = type;
      search::SearchClause clause;
      clause.param = param;
      search::ReferencePredicate ref;
      ref.type = "Patient";
      ref.id = t.id;
      clause.any_of.emplace_back(std::move(ref));
      q.clauses.push_back(std::move(clause));
      if (since) {
        search::SearchClause lu;
        lu.param = "_lastUpdated";
        lu.any_of.emplace_back(search::DatePredicate{search::Prefix::kGe, *since, *since});
        q.clauses.push_back(std::move(lu));
      }
      q.count = kMaxCount;
      while (!truncated) {
        auto page = deps_.store->Search(q);
        if (!page.ok()) return Failure(RestError::kInternal, "The search could not be run.");
        for (ports::ResourceVersion& v : page->resources) {
          if (!seen.emplace(v.resource_type, v.id).second) continue;
          if (!Visible(c, v, nullptr)) continue;
          if (found.size() >= kMaxEverything) {
            truncated = true;
            break;
          }
          found.push_back(std::move(v));
        }
        if (page->next_cursor.empty()) break;
        q.cursor = page->next_cursor;
      }
    }
  }
  BundleWriter b("searchset", deps_.ids->NewId(), search::FormatInstant(c.now_ms));
  if (!truncated) b.Total(static_cast<std::int64_t>(found.size()));
  b.Link("self", c.request.base_url + "/Patient/" + t.id + "/$everything");
  for (const ports::ResourceVersion& v : found) {
    std::string url = FullUrl(c.request.base_url, v.resource_type, v.id);
    b.Entry({.full_url = url, .resource_json = v.json, .search_mode = "match"});
  }
  if (truncated) {
    std::string outcome = json::Write(
        MakeOutcome(RestError::kPayloadTooLarge, "More resources than one answer holds; use _type "
                                                 "and _since to ask for the rest."));
    b.Entry({.resource_json = outcome, .search_mode = "outcome"});
  }
  return JsonResponse(200, b.Finish());
}

}  // namespace gw::rest
