// OutcomeBody(): a minimal FHIR R4 OperationOutcome with one error issue, as compact JSON text,
// for answers the transport gives on its own (400, 404, 408, 413, 431, 500). `issue_type` is
// an IssueType code (e.g. "too-long"); `diagnostics` is a fixed sentence: never request data.
// Thread safety: reentrant.
#pragma once

#include <string>
#include <string_view>

namespace gw::shell::http {

inline constexpr std::string_view kFhirJson = "application/fhir+json";

std::string OutcomeBody(std::string_view issue_type, std::string_view diagnostics);

}  // namespace gw::shell::http
