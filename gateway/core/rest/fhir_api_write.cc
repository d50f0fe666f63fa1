// FhirApi: create, update, delete and $validate.
#include <utility>

#include "gateway/core/json/parse.h"
#include "gateway/core/json/write.h"
#include "gateway/core/rest/fhir_api.h"
#include "gateway/core/rest/fhir_api_context.h"
#include "gateway/core/validation/operation_outcome.h"

namespace gw::rest {

using namespace api_internal;

namespace {

RestResponse InvalidResource(const IssueList& issues) {
  return JsonResponse(HttpStatus(RestError::kUnprocessable),
                      json::Write(validation::ToOperationOutcome(issues.issues())));
}

RestResponse StoreFailure(const Status& s) {
  if (s.code() == StatusCode::kInvalidArgument) {
    return OutcomeResponse(RestError::kBadRequest, "The resource or its criteria are invalid.");
  }
  return OutcomeResponse(RestError::kInternal, "The store could not complete the write.");
}

RestResponse ForOutcome(ports::WriteOutcome o) {
  switch (o) {
    case ports::WriteOutcome::kVersionConflict:
      return OutcomeResponse(RestError::kPreconditionFailed,
                             "If-Match does not name the current version.");
    case ports::WriteOutcome::kIdTaken:
      return OutcomeResponse(RestError::kConflict, "A resource with this id exists.");
    case ports::WriteOutcome::kMultipleMatches:
      return OutcomeResponse(RestError::kPreconditionFailed,
                             "The conditional criteria match more than one resource.");
    default:
      return OutcomeResponse(RestError::kNotFound, "Resource not found.");
  }
}

}  // namespace

RestResponse FhirApi::Create(Context& c) const {
  const RequestTarget& t = c.request.target;
  if (!c.access.Allows(t.resource_type, kC)) {
    return Failure(RestError::kForbidden, "The access token does not allow creating this type.");
  }
  auto body = ParseBody(c);
  if (!body.ok()) return Failure(RestError::kBadRequest, body.status().message());
  if (StringOf(*body, "resourceType") != t.resource_type) {
    return Failure(RestError::kBadRequest, "The body is not a resource of the type in the URL.");
  }
  IssueList issues;
  if (!ValidateForWrite(*body, issues)) return InvalidResource(issues);
  if (!c.access.MayWrite(nullptr, &*body)) {
    return Failure(RestError::kForbidden, "The client may not write data of this member.");
  }
  ports::CreateRequest req;
  req.resource = &*body;
  if (!c.request.if_none_exist.empty()) {
    std::string_view q = c.request.if_none_exist;
    if (q.find('?') != std::string_view::npos) q = q.substr(q.find('?') + 1);
    auto params = ParseQuery(q);
    if (!params.ok()) return Failure(RestError::kBadRequest, "If-None-Exist is malformed.");
    auto search = ParseSearch(t.resource_type, *params, deps_.extractor->registry(), c.now_ms,
                              /*strict=*/true);
    if (!search.ok()) return Failure(RestError::kBadRequest, search.status().message());
    req.if_none_exist = std::move(search->query);
  }
  auto w = deps_.store->Create(req);
  if (!w.ok()) return StoreFailure(w.status());
  if (w->outcome == ports::WriteOutcome::kExisting) {
    if (!Visible(c, w->version, nullptr)) {
      return Failure(RestError::kPreconditionFailed, "The conditional criteria match.");
    }
    return WriteResponse(c, *w, 200);
  }
  if (ports::IsFailure(w->outcome)) return ForOutcome(w->outcome);
  c.access.Touched(t.resource_type, w->version.id, &*body);
  return WriteResponse(c, *w, 201);
}

RestResponse FhirApi::Update(Context& c) const {
  const RequestTarget& t = c.request.target;
  if (!c.access.Allows(t.resource_type, kU)) {
    return Failure(RestError::kForbidden, "The access token does not allow updating this type.");
  }
  auto body = ParseBody(c);
  if (!body.ok()) return Failure(RestError::kBadRequest, body.status().message());
  if (StringOf(*body, "resourceType") != t.resource_type) {
    return Failure(RestError::kBadRequest, "The body is not a resource of the type in the URL.");
  }
  if (StringOf(*body, "id") != t.id) {
    return Failure(RestError::kBadRequest, "The resource id must equal the id in the URL.");
  }
  std::optional<std::int64_t> if_match;
  if (!c.request.if_match.empty()) {
    if_match = ParseEtagVersion(c.request.if_match);
    if (!if_match) return Failure(RestError::kBadRequest, "If-Match must be a version ETag.");
  }
  IssueList issues;
  if (!ValidateForWrite(*body, issues)) return InvalidResource(issues);
  auto current = deps_.store->Read(t.resource_type, t.id);
  if (!current.ok() && current.status().code() != StatusCode::kNotFound) {
    return Failure(RestError::kInternal, "The store could not be read.");
  }
  bool exists = current.ok() && !current->deleted;
  if (exists) {
    if (c.access.InspectsContent()) {
      auto parsed = json::Parse(current->json);
      if (!parsed.ok() || !c.access.MayRead(*parsed)) {
        return Failure(RestError::kNotFound, "Resource not found.");
      }
      if (!c.access.MayWrite(&*parsed, &*body)) {
        return Failure(RestError::kForbidden, "The client may not write data of this member.");
      }
    }
  } else if (!c.access.MayWrite(nullptr, &*body)) {
    return Failure(RestError::kForbidden, "The client may not write data of this member.");
  }
  ports::UpdateRequest req;
  req.resource = &*body;
  req.resource_type = t.resource_type;
  req.id = t.id;
  req.if_match = if_match;
  auto w = deps_.store->Update(req);
  if (!w.ok()) return StoreFailure(w.status());
  if (ports::IsFailure(w->outcome)) return ForOutcome(w->outcome);
  c.access.Touched(t.resource_type, t.id, &*body);
  return WriteResponse(c, *w, w->outcome == ports::WriteOutcome::kCreated ? 201 : 200);
}

RestResponse FhirApi::Delete(Context& c) const {
  const RequestTarget& t = c.request.target;
  if (!c.access.Allows(t.resource_type, kD)) {
    return Failure(RestError::kForbidden, "The access token does not allow deleting this type.");
  }
  std::optional<std::int64_t> if_match;
  if (!c.request.if_match.empty()) {
    if_match = ParseEtagVersion(c.request.if_match);
    if (!if_match) return Failure(RestError::kBadRequest, "If-Match must be a version ETag.");
  }
  auto current = deps_.store->Read(t.resource_type, t.id);
  if (!current.ok()) {
    if (current.status().code() == StatusCode::kNotFound) {
      return Failure(RestError::kNotFound, "Resource not found.");
    }
    return Failure(RestError::kInternal, "The store could not be read.");
  }
  if (!current->deleted && c.access.InspectsContent()) {
    auto parsed = json::Parse(current->json);
    if (!parsed.ok() || !c.access.MayRead(*parsed)) {
      return Failure(RestError::kNotFound, "Resource not found.");
    }
    if (!c.access.MayWrite(&*parsed, nullptr)) {
      return Failure(RestError::kForbidden, "The client may not write data of this member.");
    }
  }
  ports::DeleteRequest req{t.resource_type, t.id, if_match};
  auto w = deps_.store->Delete(req);
  if (!w.ok()) return StoreFailure(w.status());
  if (ports::IsFailure(w->outcome)) return ForOutcome(w->outcome);
  RestResponse r;
  r.status = 204;
  r.content_type.clear();
  if (w->outcome == ports::WriteOutcome::kDeleted) {
    c.access.Touched(t.resource_type, t.id, nullptr);
    r.headers.emplace_back("ETag", EtagOf(w->version.version_id));
  }
  return r;
}

// $validate: the body is the resource, or a Parameters with "resource" (and "profile");
// ?profile= also names a profile. Answers 200 with the OperationOutcome either way.
RestResponse FhirApi::ValidateOperation(Context& c) const {
  const RequestTarget& t = c.request.target;
  auto body = ParseBody(c);
  if (!body.ok()) return Failure(RestError::kBadRequest, body.status().message());
  const json::Value* resource = &*body;
  std::vector<std::string> profiles;
  for (const QueryParam& p : t.params) {
    if (p.name == "profile") profiles.push_back(p.value);
  }
  if (StringOf(*body, "resourceType") == "Parameters" && t.resource_type != "Parameters") {
    resource = nullptr;
    if (const json::Value* ps = body->Find("parameter"); ps != nullptr && ps->is_array()) {
      for (const json::Value& p : ps->items()) {
        std::string_view name = StringOf(p, "name");
        if (name == "resource") resource = p.Find("resource");
        if (name == "profile") {
          std::string_view uri = StringOf(p, "valueUri");
          if (uri.empty()) uri = StringOf(p, "valueCanonical");
          if (!uri.empty()) profiles.emplace_back(uri);
        }
      }
    }
    if (resource == nullptr) {
      return Failure(RestError::kBadRequest, "Parameters must hold a \"resource\" parameter.");
    }
  }
  if (StringOf(*resource, "resourceType") != t.resource_type) {
    return Failure(RestError::kBadRequest, "The resource is not of the type in the URL.");
  }
  IssueList issues;
  if (deps_.validator != nullptr) deps_.validator->Validate(*resource, profiles, issues);
  return JsonResponse(200, json::Write(validation::ToOperationOutcome(issues.issues())));
}

}  // namespace gw::rest
