// RestRequest / RestResponse: one FHIR REST exchange as plain values, between the HTTP shell
// (which parses the target and copies the headers the REST layer reads) and FhirApi.
// Thread safety: plain values.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gateway/core/rest/request_target.h"

namespace gw::rest {

inline constexpr std::string_view kFhirJson = "application/fhir+json";

struct RestRequest {
  std::string method;     // "GET", "POST", ...
  RequestTarget target;   // parsed route and query parameters
  std::string base_url;   // absolute base of this server for links: "https://host:8443"
  // Header values as received ("" when absent).
  std::string accept;
  std::string content_type;
  std::string if_match;       // W/"3"
  std::string if_none_exist;  // conditional create criteria: "identifier=sys|123"
  std::string prefer;         // return=minimal, handling=strict
  std::string body;
};

struct RestResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Type
  std::string content_type = std::string(kFhirJson);        // "" when there is no body
  std::string body;
};

}  // namespace gw::rest
