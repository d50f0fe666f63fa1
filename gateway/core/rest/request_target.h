// ParseRequestTarget(): an HTTP origin-form target ("/CarePlan?patient=123&_count=10") into a
// FHIR route (which interaction, on what) and its decoded query parameters.
//
// Routes (relative to the server base "/"; `base_path` may add a prefix such as "/fhir"):
//   /metadata                         kCapabilities        /.well-known/smart-configuration
//   /                                  kSystem (POST: batch/transaction)     /_history
//   kHistorySystem
//   /[type]                            kType                /[type]/_search    kTypeSearch (POST)
//   /[type]/_history                   kHistoryType         /[type]/$[op]      kTypeOperation
//   /[type]/[id]                       kInstance            /[type]/[id]/$[op] kInstanceOperation
//   /[type]/[id]/_history              kHistoryInstance     /[type]/[id]/_history/[vid] kVersion
// Anything else is kUnknown (the caller answers 404). The method is not interpreted here.
// Type names must look like FHIR type names ([A-Z][A-Za-z]*) and ids like FHIR ids
// ([A-Za-z0-9\-.]{1,64}); versions are decimal integers; otherwise kUnknown.
// Query parameters are split on '&', percent-decoded ('+' is a space) and kept in order with
// repeats; a name may keep its modifier (":exact") and chain ("subject:Patient.name").
// Limits: target at most kMaxTargetBytes, at most kMaxQueryParams parameters; over a limit or a
// malformed escape → error kInvalidArgument / kResourceExhausted.
// Thread safety: pure function.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gateway/core/base/status.h"

namespace gw::rest {

inline constexpr std::size_t kMaxTargetBytes = 8 * 1024;
inline constexpr std::size_t kMaxQueryParams = 100;

enum class RouteKind : std::uint8_t {
  kUnknown,
  kCapabilities,
  kSmartConfiguration,
  kSystem,
  kHistorySystem,
  kType,
  kTypeSearch,
  kHistoryType,
  kTypeOperation,
  kInstance,
  kInstanceOperation,
  kHistoryInstance,
  kVersion,
};

struct QueryParam {
  std::string name;
  std::string value;
};

struct RequestTarget {
  RouteKind kind = RouteKind::kUnknown;
  std::string resource_type;
  std::string id;
  std::int64_t version = 0;
  std::string operation;  // without '$'
  std::vector<QueryParam> params;
};

Result<RequestTarget> ParseRequestTarget(std::string_view target, std::string_view base_path = {});

// Decodes an application/x-www-form-urlencoded query (the part after '?', or a POST _search
// body) under the same limits.
Result<std::vector<QueryParam>> ParseQuery(std::string_view query);

// The route template for logs: "GET /[type]/[id]" — never ids or parameter values.
std::string RouteTemplate(std::string_view method, const RequestTarget& target);

}  // namespace gw::rest
