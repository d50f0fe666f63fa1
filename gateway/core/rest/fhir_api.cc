#include "gateway/core/rest/fhir_api.h"

#include <utility>

#include "gateway/core/json/parse.h"
#include "gateway/core/json/write.h"
#include "gateway/core/rest/capability_statement.h"
#include "gateway/core/rest/fhir_api_context.h"
#include "gateway/core/validation/operation_outcome.h"

namespace gw::rest {
namespace api_internal {

std::string FullUrl(std::string_view base_url, std::string_view type, std::string_view id) {
  std::string s(base_url);
  s.append("/").append(type).append("/").append(id);
  return s;
}

std::string_view Param(const RequestTarget& target, std::string_view name) {
  for (const QueryParam& p : target.params) {
    if (p.name == name) return p.value;
  }
  return {};
}

std::string_view StringOf(const json::Value& v, std::string_view name) {
  const json::Value* m = v.is_object() ? v.Find(name) : nullptr;
  return m != nullptr && m->is_string() ? m->string_value() : std::string_view();
}

void AddVersionHeaders(const ports::ResourceVersion& v, RestResponse* r) {
  r->headers.emplace_back("ETag", EtagOf(v.version_id));
  r->headers.emplace_back("Last-Modified", HttpDate(v.last_updated_ms));
}

RestResponse JsonResponse(int status, std::string body) {
  RestResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

RestResponse OutcomeResponse(RestError error, std::string_view diagnostics) {
  return JsonResponse(HttpStatus(error), json::Write(MakeOutcome(error, diagnostics)));
}

}  // namespace api_internal

using namespace api_internal;

namespace {

bool IsWrite(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "DELETE" || method == "PATCH";
}

RestResponse MethodNotAllowed() {
  return OutcomeResponse(RestError::kMethodNotAllowed, "This method is not supported here.");
}

}  // namespace

FhirApi::FhirApi(FhirApiDeps deps) : deps_(std::move(deps)) {}

std::string FhirApi::RouteOf(const RestRequest& request) {
  return RouteTemplate(request.method, request.target);
}

RestResponse FhirApi::Failure(RestError error, std::string_view diagnostics) const {
  return OutcomeResponse(error, diagnostics);
}

RestResponse FhirApi::Handle(const RestRequest& request, RequestAccess& access) const {
  Context c{request, access, ParsePrefer(request.prefer), deps_.clock->NowMillis()};
  if (RequestedFormat(Param(request.target, "_format"), request.accept) != Format::kJson) {
    return Failure(RestError::kUnsupportedMediaType,
                   "Only application/fhir+json is supported.");
  }
  if (IsWrite(request.method) && !request.body.empty() &&
      BodyFormat(request.content_type) != Format::kJson &&
      !(request.target.kind == RouteKind::kTypeSearch &&
        request.content_type.rfind("application/x-www-form-urlencoded", 0) == 0)) {
    return Failure(RestError::kUnsupportedMediaType,
                   "Request bodies must be application/fhir+json.");
  }
  RestResponse r = Dispatch(c);
  if (r.status >= 200 && r.status < 300 && c.prefer.ret == PreferReturn::kOperationOutcome &&
      IsWrite(request.method) && request.target.kind != RouteKind::kSystem &&
      request.target.kind != RouteKind::kTypeOperation &&
      request.target.kind != RouteKind::kInstanceOperation) {
    r.body = json::Write(MakeInformation("The interaction succeeded."));
    r.content_type = std::string(kFhirJson);
  }
  return r;
}

RestResponse FhirApi::Dispatch(Context& c) const {
  const RequestTarget& t = c.request.target;
  const std::string& m = c.request.method;
  const search::SearchParamRegistry& registry = deps_.extractor->registry();
  if (!t.resource_type.empty() &&
      (!registry.IsResourceType(t.resource_type) || !IsConcreteResourceType(t.resource_type) ||
       (!deps_.resource_types.empty() && deps_.resource_types.count(t.resource_type) == 0))) {
    return Failure(RestError::kNotFound, "Unknown resource type.");
  }
  switch (t.kind) {
    case RouteKind::kCapabilities:
      if (m != "GET") return MethodNotAllowed();
      return JsonResponse(200, deps_.capability_statement);
    case RouteKind::kSystem:
      if (m != "POST") return MethodNotAllowed();
      return SystemBundle(c);
    case RouteKind::kHistorySystem:
    case RouteKind::kHistoryType:
    case RouteKind::kHistoryInstance:
      if (m != "GET") return MethodNotAllowed();
      return History(c);
    case RouteKind::kType:
      if (m == "GET") return Search(c, t.params);
      if (m == "POST") return Create(c);
      return MethodNotAllowed();
    case RouteKind::kTypeSearch: {
      if (m != "POST") return MethodNotAllowed();
      std::vector<QueryParam> params = t.params;
      if (!c.request.body.empty()) {
        auto form = ParseQuery(c.request.body);
        if (!form.ok()) return Failure(RestError::kBadRequest, "The search form is malformed.");
        params.insert(params.end(), form->begin(), form->end());
      }
      return Search(c, params);
    }
    case RouteKind::kInstance:
      if (m == "GET") return Read(c);
      if (m == "PUT") return Update(c);
      if (m == "DELETE") return Delete(c);
      return MethodNotAllowed();
    case RouteKind::kVersion:
      if (m != "GET") return MethodNotAllowed();
      return VRead(c);
    case RouteKind::kTypeOperation:
    case RouteKind::kInstanceOperation:
      if (t.operation == "validate") {
        if (m != "POST") return MethodNotAllowed();
        return ValidateOperation(c);
      }
      if (t.operation == "everything" && t.resource_type == "Patient" &&
          t.kind == RouteKind::kInstanceOperation) {
        if (m != "GET") return MethodNotAllowed();
        return Everything(c);
      }
      return Failure(RestError::kNotFound, "Unknown operation.");
    case RouteKind::kSmartConfiguration:
    case RouteKind::kUnknown:
      break;
  }
  return Failure(RestError::kNotFound, "No resource or operation at this address.");
}

bool FhirApi::Visible(Context& c, const ports::ResourceVersion& v, json::Value* parsed) const {
  if (v.deleted) return !c.access.Restricted();
  if (!c.access.InspectsContent()) {
    if (c.access.WantsTouchedContent() && v.resource_type != "Patient") {
      auto doc = json::Parse(v.json);
      c.access.Touched(v.resource_type, v.id, doc.ok() ? &*doc : nullptr);
    } else {
      c.access.Touched(v.resource_type, v.id, nullptr);
    }
    return true;
  }
  auto doc = json::Parse(v.json);
  if (!doc.ok() || !c.access.MayRead(*doc)) return false;
  c.access.Touched(v.resource_type, v.id, &*doc);
  if (parsed != nullptr) *parsed = std::move(doc).value();
  return true;
}

RestResponse FhirApi::Read(Context& c) const {
  const RequestTarget& t = c.request.target;
  if (!c.access.Allows(t.resource_type, kR)) {
    return Failure(RestError::kForbidden, "The access token does not allow reading this type.");
  }
  auto v = deps_.store->Read(t.resource_type, t.id);
  if (!v.ok()) {
    if (v.status().code() == StatusCode::kNotFound) {
      return Failure(RestError::kNotFound, "Resource not found.");
    }
    return Failure(RestError::kInternal, "The store could not be read.");
  }
  if (!Visible(c, *v, nullptr)) return Failure(RestError::kNotFound, "Resource not found.");
  if (v->deleted) {
    RestResponse r = Failure(RestError::kGone, "The resource was deleted.");
    AddVersionHeaders(*v, &r);
    return r;
  }
  RestResponse r = JsonResponse(200, std::move(v->json));
  AddVersionHeaders(*v, &r);
  return r;
}

RestResponse FhirApi::VRead(Context& c) const {
  const RequestTarget& t = c.request.target;
  if (!c.access.Allows(t.resource_type, kR)) {
    return Failure(RestError::kForbidden, "The access token does not allow reading this type.");
  }
  auto v = deps_.store->VRead(t.resource_type, t.id, t.version);
  if (!v.ok()) {
    if (v.status().code() == StatusCode::kNotFound) {
      return Failure(RestError::kNotFound, "Version not found.");
    }
    return Failure(RestError::kInternal, "The store could not be read.");
  }
  if (c.access.InspectsContent()) {
    // A version is visible when the resource's current version is (attribution follows the
    // member the resource belongs to now) and, for content, the version itself is.
    auto current = deps_.store->Read(t.resource_type, t.id);
    if (!current.ok() || current->deleted || !Visible(c, *current, nullptr)) {
      return Failure(RestError::kNotFound, "Version not found.");
    }
  }
  if (!Visible(c, *v, nullptr)) return Failure(RestError::kNotFound, "Version not found.");
  if (v->deleted) {
    RestResponse r = Failure(RestError::kGone, "This version is a deletion.");
    AddVersionHeaders(*v, &r);
    return r;
  }
  RestResponse r = JsonResponse(200, std::move(v->json));
  AddVersionHeaders(*v, &r);
  return r;
}

Result<json::Value> FhirApi::ParseBody(const Context& c) const {
  json::ParseLimits limits;
  limits.max_depth = 64;
  return json::Parse(c.request.body, limits);
}

bool FhirApi::ValidateForWrite(const json::Value& resource, IssueList& issues) const {
  if (deps_.validator == nullptr) return true;
  deps_.validator->Validate(resource, issues);
  return !issues.HasErrors();
}

RestResponse FhirApi::WriteResponse(const Context& c, const ports::WriteResult& w,
                                    int status) const {
  const ports::ResourceVersion& v = w.version;
  RestResponse r;
  r.status = status;
  AddVersionHeaders(v, &r);
  std::string location = FullUrl(c.request.base_url, v.resource_type, v.id) + "/_history/" +
                         std::to_string(v.version_id);
  if (status == 201) r.headers.emplace_back("Location", location);
  r.headers.emplace_back("Content-Location", location);
  if (c.prefer.ret == PreferReturn::kMinimal) {
    r.content_type.clear();
  } else {
    r.body = v.json;
  }
  return r;
}

}  // namespace gw::rest
