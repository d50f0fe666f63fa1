#include "gateway/core/validation/operation_outcome.h"

#include <string>
#include <vector>

namespace gw::validation {
namespace {

json::Member M(std::string key, json::Value v) { return json::Member{std::move(key), std::move(v)}; }

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

}  // namespace

std::string_view ValidatorIssueCodeSystem() {
  return "https://gateway.example/fhir/CodeSystem/validation-issue";
}

std::string_view IssueTypeOf(std::string_view code) {
  struct Row {
    std::string_view prefix;
    std::string_view type;
  };
  static constexpr Row kRows[] = {
      {"structure-unknown-element", "structure"},
      {"structure-too-", "too-costly"},
      {"structure-", "invalid"},
      {"cardinality-min", "required"},
      {"cardinality-", "structure"},
      {"primitive-", "invalid"},
      {"value-fixed", "value"},
      {"value-pattern", "value"},
      {"value-", "invalid"},
      {"constraint-failed", "invariant"},
      {"constraint-", "exception"},
      {"profile-unknown", "not-found"},
      {"slicing-", "structure"},
      {"extension-not-checkable", "not-found"},
      {"extension-", "structure"},
      {"reference-unresolved", "not-found"},
      {"reference-", "structure"},
      {"code-", "code-invalid"},
      {"binding-", "code-invalid"},
      {"terminology-", "code-invalid"},
      {"json-", "structure"},
      {"bundle-", "invalid"},
      {"narrative-", "invalid"},
      {"contained-", "invalid"},
      {"coding-", "invalid"},
      {"attachment-size-", "structure"},
      {"attachment-", "invalid"},
      {"text-html-", "invalid"},
      {"search-parameter-expression", "invalid"},
      {"search-parameter-", "business-rule"},
      {"capability-", "invalid"},
      {"definition-", "invalid"},
      {"measure-report-", "business-rule"},
  };
  for (const Row& r : kRows) {
    if (StartsWith(code, r.prefix)) return r.type;
  }
  return "processing";
}

json::Value ToOperationOutcome(std::span<const Issue> issues) {
  std::vector<json::Value> items;
  auto make = [](const Issue& i) {
    std::vector<json::Member> coding{
        M("system", json::Value::String(std::string(ValidatorIssueCodeSystem()))),
        M("code", json::Value::String(i.code))};
    std::vector<json::Member> details;
    if (!i.code.empty()) {
      std::vector<json::Value> codings;
      codings.push_back(json::Value::Object(std::move(coding)));
      details.push_back(M("coding", json::Value::Array(std::move(codings))));
    }
    details.push_back(M("text", json::Value::String(i.message)));
    std::string_view type = i.code.empty() ? "informational" : IssueTypeOf(i.code);
    std::vector<json::Member> issue{
        M("severity", json::Value::String(SeverityName(i.severity))),
        M("code", json::Value::String(std::string(type))),
        M("details", json::Value::Object(std::move(details)))};
    if (!i.location.empty()) {
      std::vector<json::Value> expr;
      expr.push_back(json::Value::String(i.location));
      issue.push_back(M("expression", json::Value::Array(std::move(expr))));
    }
    return json::Value::Object(std::move(issue));
  };
  for (const Issue& i : issues) items.push_back(make(i));
  if (items.empty()) {
    items.push_back(make(Issue{Severity::kInformation, "", "", "All OK"}));
  }
  std::vector<json::Member> oo{M("resourceType", json::Value::String("OperationOutcome")),
                               M("issue", json::Value::Array(std::move(items)))};
  return json::Value::Object(std::move(oo));
}

}  // namespace gw::validation
