#include "gateway/core/rest/rest_error.h"

#include <vector>

namespace gw::rest {
namespace {

struct Row {
  RestError error;
  int status;
  std::string_view type;
};

constexpr Row kTable[] = {
    {RestError::kBadRequest, 400, "invalid"},
    {RestError::kUnauthorized, 401, "login"},
    {RestError::kForbidden, 403, "forbidden"},
    {RestError::kNotFound, 404, "not-found"},
    {RestError::kMethodNotAllowed, 405, "not-supported"},
    {RestError::kNotAcceptable, 406, "not-supported"},
    {RestError::kConflict, 409, "conflict"},
    {RestError::kGone, 410, "deleted"},
    {RestError::kPreconditionFailed, 412, "conflict"},
    {RestError::kPayloadTooLarge, 413, "too-costly"},
    {RestError::kUnsupportedMediaType, 415, "not-supported"},
    {RestError::kUnprocessable, 422, "processing"},
    {RestError::kTooManyRequests, 429, "throttled"},
    {RestError::kInternal, 500, "exception"},
    {RestError::kUnavailable, 503, "transient"},
};

const Row& Find(RestError e) {
  for (const Row& r : kTable) {
    if (r.error == e) return r;
  }
  for (const Row& r : kTable) {
    if (r.error == RestError::kInternal) return r;
  }
  return kTable[0];
}

json::Value Outcome(std::string_view severity, std::string_view type,
                    std::string_view diagnostics) {
  std::vector<json::Member> issue;
  issue.push_back({"severity", json::Value::String(std::string(severity))});
  issue.push_back({"code", json::Value::String(std::string(type))});
  if (!diagnostics.empty()) {
    issue.push_back({"diagnostics", json::Value::String(std::string(diagnostics))});
  }
  std::vector<json::Value> issues;
  issues.push_back(json::Value::Object(std::move(issue)));
  std::vector<json::Member> oo;
  oo.push_back({"resourceType", json::Value::String("OperationOutcome")});
  oo.push_back({"issue", json::Value::Array(std::move(issues))});
  return json::Value::Object(std::move(oo));
}

}  // namespace

int HttpStatus(RestError error) { return Find(error).status; }
std::string_view IssueType(RestError error) { return Find(error).type; }

json::Value MakeOutcome(RestError error, std::string_view diagnostics) {
  return Outcome("error", Find(error).type, diagnostics);
}

json::Value MakeInformation(std::string_view diagnostics) {
  return Outcome("information", "informational", diagnostics);
}

}  // namespace gw::rest
