// FhirApi's per-request context and the helpers its interaction files share (internal header).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "gateway/core/json/value.h"
#include "gateway/core/rest/fhir_api.h"
#include "gateway/core/rest/http_headers.h"

namespace gw::rest {

struct FhirApi::Context {
  const RestRequest& request;
  RequestAccess& access;
  Prefer prefer;
  std::int64_t now_ms = 0;
};

namespace api_internal {

// Permission bits (gw::auth::Permission letters).
inline constexpr std::uint8_t kC = 1, kR = 2, kU = 4, kD = 8, kS = 16;

std::string FullUrl(std::string_view base_url, std::string_view type, std::string_view id);
// Value of the first query parameter `name`, or "".
std::string_view Param(const RequestTarget& target, std::string_view name);
// A resource's string member ("" when absent).
std::string_view StringOf(const json::Value& v, std::string_view name);
// Headers of a stored version: ETag, Last-Modified.
void AddVersionHeaders(const ports::ResourceVersion& v, RestResponse* r);
RestResponse JsonResponse(int status, std::string body);
RestResponse OutcomeResponse(RestError error, std::string_view diagnostics);

}  // namespace api_internal
}  // namespace gw::rest
