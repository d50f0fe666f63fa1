#include "gateway/shell/http/outcome_body.h"

#include "gateway/core/json/write.h"

namespace gw::shell::http {

std::string OutcomeBody(std::string_view issue_type, std::string_view diagnostics) {
  std::string out = R"({"resourceType":"OperationOutcome","issue":[{"severity":"error","code":)";
  json::AppendEscapedString(issue_type, &out);
  out += R"(,"diagnostics":)";
  json::AppendEscapedString(diagnostics, &out);
  out += "}]}";
  return out;
}

}  // namespace gw::shell::http
