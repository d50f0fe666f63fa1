// The one table from REST failures to HTTP status and OperationOutcome issue type: handlers
// name the failure (RestError), never a status number.
//
// MakeOutcome() builds the OperationOutcome body (application/fhir+json): one issue with the
// severity, the issue type of the table, and `diagnostics` — a one-line message for the client
// that must never hold PHI, SQL, file paths or stack traces (callers pass fixed texts or
// validated names such as a parameter name).
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "gateway/core/json/value.h"

namespace gw::rest {

enum class RestError : std::uint8_t {
  kBadRequest,            // 400 invalid
  kUnauthorized,          // 401 login
  kForbidden,             // 403 forbidden (scopes do not allow the interaction on the type)
  kNotFound,              // 404 not-found (also for what the caller may not see)
  kMethodNotAllowed,      // 405 not-supported
  kNotAcceptable,         // 406 not-supported
  kConflict,              // 409 conflict
  kGone,                  // 410 deleted
  kPreconditionFailed,    // 412 conflict
  kPayloadTooLarge,       // 413 too-costly
  kUnsupportedMediaType,  // 415 not-supported
  kUnprocessable,         // 422 processing (validation errors)
  kTooManyRequests,       // 429 throttled
  kInternal,              // 500 exception
  kUnavailable,           // 503 transient
};

int HttpStatus(RestError error);
std::string_view IssueType(RestError error);

// {"resourceType":"OperationOutcome","issue":[{"severity":"error","code":<type>,
//  "diagnostics":<text>}]}
json::Value MakeOutcome(RestError error, std::string_view diagnostics);
// An informational outcome (e.g. for Prefer: return=OperationOutcome on success).
json::Value MakeInformation(std::string_view diagnostics);

}  // namespace gw::rest
