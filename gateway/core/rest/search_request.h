// ParseSearch(): the query parameters of a FHIR search (GET /[type]?... or POST _search) into a
// search::SearchQuery and the result parameters, driven by the SearchParameter registry.
//
// Values: comma-separated values are ORed, repeated parameters ANDed; "\," "\|" "\$" "\\" are
// escapes. Per type: token "[system]|[code]", "|code", "system|", "code" (modifiers :not, :text);
// string (:exact, :contains); reference "Type/id", "id", absolute URL (":Type" modifier,
// :identifier, one level of chaining "subject:Patient.name=x" or "subject.name=x" when the
// parameter has one target type); date/number/quantity with prefixes eq ne gt lt ge le sa eb ap
// (date "ap": the value's range widened by 10% of the distance to `now_ms`, at least one day);
// quantity "number|system|code"; uri (:below, :above); every type :missing=true|false.
// Result parameters: _count (default 50, clamped to [0, kMaxCount]), _sort ("-" for
// descending), _total (none|estimate|accurate), _summary (count|true|false|text|data),
// _elements, _include / _revinclude ("Type:param[:Target]", checked against the registry;
// ":iterate" is refused), _format (ignored here; content negotiation is the caller's).
// Unknown or unsupported parameters: with `strict` (Prefer: handling=strict) an error, else
// ignored and listed in `ignored` (and left out of the self link).
// Errors: kInvalidArgument naming the parameter (never its value).
// Thread safety: pure given the immutable registry.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "gateway/core/base/status.h"
#include "gateway/core/rest/request_target.h"
#include "gateway/core/search/search_param_registry.h"
#include "gateway/core/search/search_query.h"

namespace gw::rest {

inline constexpr std::size_t kDefaultCount = 50;
inline constexpr std::size_t kMaxCount = 1000;

struct IncludeSpec {
  std::string source_type;  // the type whose reference parameter is followed
  std::string param;        // reference parameter code
  std::string target_type;  // "" = any target
};

enum class Summary : std::uint8_t { kNone, kCount, kTrue, kText, kData };

struct SearchRequest {
  search::SearchQuery query;
  std::vector<IncludeSpec> includes;     // _include
  std::vector<IncludeSpec> revincludes;  // _revinclude
  std::vector<std::string> elements;     // _elements
  Summary summary = Summary::kNone;
  std::vector<QueryParam> used;      // the parameters that took effect (for the self link)
  std::vector<std::string> ignored;  // names of ignored parameters
};

Result<SearchRequest> ParseSearch(std::string_view resource_type,
                                  const std::vector<QueryParam>& params,
                                  const search::SearchParamRegistry& registry, std::int64_t now_ms,
                                  bool strict = false);

}  // namespace gw::rest
