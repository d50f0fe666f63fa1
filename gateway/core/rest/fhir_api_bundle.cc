// FhirApi: batch and transaction Bundles (POST /).
// Transaction: every entry is checked (method, url, permissions, validation after references
// to other entries are rewritten to the ids the server assigns) before one store transaction
// writes them all; any failure → nothing is written and the answer is the failure. GET entries
// run after the writes. Batch: each entry runs on its own as a single request would.
#include <map>
#include <set>
#include <utility>

#include "gateway/core/json/parse.h"
#include "gateway/core/json/write.h"
#include "gateway/core/rest/bundle_writer.h"
#include "gateway/core/rest/fhir_api.h"
#include "gateway/core/rest/fhir_api_context.h"
#include "gateway/core/rest/reference_rewrite.h"
#include "gateway/core/search/instant.h"
#include "gateway/core/validation/operation_outcome.h"

namespace gw::rest {

using namespace api_internal;

namespace {

std::string StatusLine(int status) {
  switch (status) {
    case 200: return "200 OK";
    case 201: return "201 Created";
    case 204: return "204 No Content";
    default: return std::to_string(status);
  }
}

std::string_view HeaderOf(const RestResponse& r, std::string_view name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return {};
}

RestResponse EntryFailure(RestError error, std::size_t index, std::string_view what) {
  return OutcomeResponse(error, "Bundle.entry[" + std::to_string(index) + "]: " + std::string(what));
}

// A planned write of a transaction entry.
struct Planned {
  std::size_t index = 0;
  std::string method;
  RequestTarget target;
  json::Value resource;  // rewritten (POST, PUT)
  std::optional<std::int64_t> if_match;
  std::optional<search::SearchQuery> if_none_exist;
  std::string new_id;  // POST
  // A conditional create that matched before the transaction: its existing version.
  std::optional<ports::ResourceVersion> existing;
};

}  // namespace

RestResponse FhirApi::SystemBundle(Context& c) const {
  auto body = ParseBody(c);
  if (!body.ok()) return Failure(RestError::kBadRequest, body.status().message());
  std::string_view type = StringOf(*body, "type");
  if (StringOf(*body, "resourceType") != "Bundle" || (type != "transaction" && type != "batch")) {
    return Failure(RestError::kBadRequest, "POST / takes a Bundle of type transaction or batch.");
  }
  const json::Value* entries = body->Find("entry");
  std::span<const json::Value> items;
  if (entries != nullptr && entries->is_array()) items = entries->items();
  if (items.size() > kMaxBundleEntries) {
    return Failure(RestError::kPayloadTooLarge, "The Bundle has more entries than allowed.");
  }
  bool transaction = type == "transaction";
  BundleWriter out(transaction ? "transaction-response" : "batch-response", deps_.ids->NewId(),
                   search::FormatInstant(c.now_ms));

  // Entry → its request (method, target, headers) as a single request.
  auto request_of = [&](const json::Value& e, RestRequest* r) -> bool {
    const json::Value* req = e.Find("request");
    if (req == nullptr || !req->is_object()) return false;
    r->method = std::string(StringOf(*req, "method"));
    auto target = ParseRequestTarget("/" + std::string(StringOf(*req, "url")));
    if (!target.ok() || r->method.empty()) return false;
    r->target = std::move(target).value();
    r->base_url = c.request.base_url;
    r->if_match = std::string(StringOf(*req, "ifMatch"));
    r->if_none_exist = std::string(StringOf(*req, "ifNoneExist"));
    r->content_type = std::string(kFhirJson);
    r->prefer = c.request.prefer;
    if (const json::Value* res = e.Find("resource")) r->body = json::Write(*res);
    return true;
  };

  if (!transaction) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      RestRequest sub;
      RestResponse r;
      if (!request_of(items[i], &sub)) {
        r = OutcomeResponse(RestError::kBadRequest, "The entry has no valid request.");
      } else if (sub.target.kind == RouteKind::kSystem) {
        r = OutcomeResponse(RestError::kBadRequest, "Bundles cannot be nested.");
      } else {
        Context sc{sub, c.access, c.prefer, c.now_ms};
        r = Dispatch(sc);
      }
      std::string status = StatusLine(r.status);
      bool ok = r.status < 300;
      bool resource = ok && !r.body.empty() && c.prefer.ret != PreferReturn::kMinimal;
      out.Entry({.resource_json = resource ? std::string_view(r.body) : std::string_view(),
                 .response_status = status,
                 .response_location = HeaderOf(r, "Location"),
                 .response_etag = HeaderOf(r, "ETag"),
                 .response_outcome_json = ok ? std::string_view() : std::string_view(r.body)});
    }
    return JsonResponse(200, out.Finish());
  }

  // Transaction: plan every write.
  std::vector<Planned> writes;
  std::vector<std::pair<std::size_t, RestRequest>> reads;
  std::map<std::string, std::string, std::less<>> targets;  // fullUrl → "Type/id"
  std::set<std::pair<std::string, std::string>> touched;
  for (std::size_t i = 0; i < items.size(); ++i) {
    RestRequest sub;
    if (!request_of(items[i], &sub)) {
      return EntryFailure(RestError::kBadRequest, i, "the entry has no valid request");
    }
    const RequestTarget& t = sub.target;
    if (sub.method == "GET") {
      reads.emplace_back(i, std::move(sub));
      continue;
    }
    Planned p;
    p.index = i;
    p.method = sub.method;
    p.target = t;
    bool post = sub.method == "POST" && t.kind == RouteKind::kType;
    bool put = sub.method == "PUT" && t.kind == RouteKind::kInstance;
    bool del = sub.method == "DELETE" && t.kind == RouteKind::kInstance;
    if (!post && !put && !del) {
      return EntryFailure(RestError::kBadRequest, i, "unsupported method or url in a transaction");
    }
    if (!deps_.extractor->registry().IsResourceType(t.resource_type) ||
        (!deps_.resource_types.empty() && deps_.resource_types.count(t.resource_type) == 0)) {
      return EntryFailure(RestError::kNotFound, i, "unknown resource type");
    }
    std::uint8_t need = post ? kC : put ? kU : kD;
    if (!c.access.Allows(t.resource_type, need)) {
      return EntryFailure(RestError::kForbidden, i, "the access token does not allow this write");
    }
    if (!sub.if_match.empty()) {
      p.if_match = ParseEtagVersion(sub.if_match);
      if (!p.if_match) return EntryFailure(RestError::kBadRequest, i, "ifMatch is not an ETag");
    }
    std::string_view full_url = StringOf(items[i], "fullUrl");
    if (post) {
      p.new_id = deps_.ids->NewId();
      if (!sub.if_none_exist.empty()) {
        auto params = ParseQuery(sub.if_none_exist);
        if (!params.ok()) return EntryFailure(RestError::kBadRequest, i, "ifNoneExist is malformed");
        auto s = ParseSearch(t.resource_type, *params, deps_.extractor->registry(), c.now_ms, true);
        if (!s.ok()) return EntryFailure(RestError::kBadRequest, i, s.status().message());
        search::SearchQuery q = s->query;
        q.count = 2;
        auto found = deps_.store->Search(q);
        if (!found.ok()) return Failure(RestError::kInternal, "The store could not be searched.");
        if (found->resources.size() > 1) {
          return EntryFailure(RestError::kPreconditionFailed, i, "ifNoneExist matches several");
        }
        if (found->resources.size() == 1) {
          p.existing = found->resources[0];
          p.new_id = p.existing->id;
        }
        p.if_none_exist = std::move(s->query);
      }
      if (!full_url.empty()) targets[std::string(full_url)] = t.resource_type + "/" + p.new_id;
    } else if (put && !full_url.empty()) {
      targets[std::string(full_url)] = t.resource_type + "/" + t.id;
    }
    std::string id = post ? p.new_id : t.id;
    if (!touched.emplace(t.resource_type, id).second) {
      return EntryFailure(RestError::kBadRequest, i, "the same resource is written twice");
    }
    writes.push_back(std::move(p));
  }
  // Rewrite references, validate, authorize.
  for (Planned& p : writes) {
    if (p.method == "DELETE" || p.existing) continue;
    const json::Value* res = items[p.index].Find("resource");
    if (res == nullptr || StringOf(*res, "resourceType") != p.target.resource_type) {
      return EntryFailure(RestError::kBadRequest, p.index,
                          "the resource is missing or not of the type in the url");
    }
    if (p.method == "PUT" && StringOf(*res, "id") != p.target.id) {
      return EntryFailure(RestError::kBadRequest, p.index, "the resource id must equal the url's");
    }
    p.resource = RewriteReferences(*res, targets);
    IssueList issues;
    if (!ValidateForWrite(p.resource, issues)) {
      IssueList located;
      std::string prefix = "Bundle.entry[" + std::to_string(p.index) + "].resource";
      for (Issue is : issues.issues()) {
        std::size_t dot = is.location.find('.');
        is.location = prefix + (dot == std::string::npos ? "" : is.location.substr(dot));
        located.Report(std::move(is));
      }
      return JsonResponse(HttpStatus(RestError::kUnprocessable),
                          json::Write(validation::ToOperationOutcome(located.issues())));
    }
  }
  for (Planned& p : writes) {
    if (p.existing) continue;
    const json::Value* next = p.method == "DELETE" ? nullptr : &p.resource;
    if (p.method == "POST") {
      if (!c.access.MayWrite(nullptr, next)) {
        return EntryFailure(RestError::kForbidden, p.index, "the client may not write this member");
      }
      continue;
    }
    auto current = deps_.store->Read(p.target.resource_type, p.target.id);
    if (!current.ok() && current.status().code() != StatusCode::kNotFound) {
      return Failure(RestError::kInternal, "The store could not be read.");
    }
    if (current.ok() && !current->deleted) {
      if (c.access.InspectsContent()) {
        auto before = json::Parse(current->json);
        if (!before.ok() || !c.access.MayRead(*before)) {
          return EntryFailure(RestError::kNotFound, p.index, "resource not found");
        }
        if (!c.access.MayWrite(&*before, next)) {
          return EntryFailure(RestError::kForbidden, p.index, "the client may not write this member");
        }
      }
    } else if (p.method == "DELETE") {
      if (!current.ok()) return EntryFailure(RestError::kNotFound, p.index, "resource not found");
    } else if (!c.access.MayWrite(nullptr, next)) {
      return EntryFailure(RestError::kForbidden, p.index, "the client may not write this member");
    }
  }
  // One store transaction.
  std::vector<ports::WriteOp> ops;
  std::vector<std::size_t> op_of;  // writes index per op
  for (std::size_t k = 0; k < writes.size(); ++k) {
    Planned& p = writes[k];
    if (p.existing) continue;
    if (p.method == "POST") {
      ports::CreateRequest r;
      r.resource = &p.resource;
      r.id = p.new_id;
      r.if_none_exist = p.if_none_exist;
      ops.emplace_back(std::move(r));
    } else if (p.method == "PUT") {
      ports::UpdateRequest r;
      r.resource = &p.resource;
      r.resource_type = p.target.resource_type;
      r.id = p.target.id;
      r.if_match = p.if_match;
      ops.emplace_back(std::move(r));
    } else {
      ops.emplace_back(ports::DeleteRequest{p.target.resource_type, p.target.id, p.if_match});
    }
    op_of.push_back(k);
  }
  auto result = deps_.store->Transaction(ops);
  if (!result.ok()) {
    if (result.status().code() == StatusCode::kInvalidArgument) {
      return Failure(RestError::kBadRequest, "A resource or criteria of the transaction is invalid.");
    }
    return Failure(RestError::kInternal, "The store could not complete the transaction.");
  }
  if (!result->committed) {
    std::size_t i = writes[op_of[result->failed_index]].index;
    ports::WriteOutcome o = result->results.back().outcome;
    RestError e = o == ports::WriteOutcome::kIdTaken ? RestError::kConflict
                  : o == ports::WriteOutcome::kNotFound ? RestError::kNotFound
                                                        : RestError::kPreconditionFailed;
    return EntryFailure(e, i, "the write failed; nothing of the transaction was written");
  }
  // Responses in entry order.
  std::vector<std::optional<ports::WriteResult>> by_entry(items.size());
  for (std::size_t k = 0; k < op_of.size(); ++k) {
    by_entry[writes[op_of[k]].index] = result->results[k];
  }
  for (const Planned& p : writes) {
    if (p.existing) by_entry[p.index] = ports::WriteResult{ports::WriteOutcome::kExisting, *p.existing};
  }
  std::vector<std::optional<RestResponse>> read_responses(items.size());
  for (auto& [i, sub] : reads) {
    Context sc{sub, c.access, c.prefer, c.now_ms};
    read_responses[i] = Dispatch(sc);
  }
  bool representation = c.request.prefer.find("representation") != std::string::npos;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (read_responses[i]) {
      const RestResponse& r = *read_responses[i];
      std::string status = StatusLine(r.status);
      bool ok = r.status < 300;
      out.Entry({.resource_json = ok ? std::string_view(r.body) : std::string_view(),
                 .response_status = status,
                 .response_outcome_json = ok ? std::string_view() : std::string_view(r.body)});
      continue;
    }
    const ports::WriteResult& w = *by_entry[i];
    const ports::ResourceVersion& v = w.version;
    int status = w.outcome == ports::WriteOutcome::kCreated   ? 201
                 : w.outcome == ports::WriteOutcome::kDeleted ? 204
                                                              : 200;
    if (w.outcome != ports::WriteOutcome::kDeleted && w.outcome != ports::WriteOutcome::kAlreadyDeleted) {
      c.access.Touched(v.resource_type, v.id, nullptr);
    }
    std::string location = v.id.empty() ? std::string()
                                         : v.resource_type + "/" + v.id + "/_history/" +
                                               std::to_string(v.version_id);
    std::string etag = v.version_id > 0 ? EtagOf(v.version_id) : std::string();
    std::string modified = v.last_updated_ms != 0 ? search::FormatInstant(v.last_updated_ms) : "";
    std::string url = v.id.empty() ? std::string() : FullUrl(c.request.base_url, v.resource_type, v.id);
    std::string status_line = StatusLine(status);
    out.Entry({.full_url = url,
               .resource_json = representation && !v.deleted ? std::string_view(v.json)
                                                              : std::string_view(),
               .response_status = status_line,
               .response_location = location,
               .response_etag = etag,
               .response_last_modified = modified});
  }
  return JsonResponse(200, out.Finish());
}

}  // namespace gw::rest
