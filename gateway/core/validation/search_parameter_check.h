// Rules on a SearchParameter beyond its StructureDefinition's invariants (the reference
// validator's SearchParameter checks):
//  * `expression` must compile as FHIRPath; with a single `base` its paths are checked against
//    that type as well (a step that names no element, e.g. "Organization.name" on base Patient,
//    fails) → "search-parameter-expression" (error) at <location>.expression;
//  * with `derivedFrom`, the parent SearchParameter is looked up: not found → warning
//    "search-parameter-parent-unknown"; each `base` must be one of the parent's bases (or the
//    parent's base is Resource) and `type` must equal the parent's → "search-parameter-parent-
//    mismatch" (error) at `location`;
//  * a composite SearchParameter defines at least two components → "search-parameter-
//    components" (error) at `location`.
// `location` is the resource's own location ("SearchParameter", "Bundle.entry[0].resource").
// Thread safety: pure function over immutable inputs; `sink` is only written.
#pragma once

#include <string_view>

#include "gateway/core/base/issue.h"
#include "gateway/core/json/value.h"
#include "gateway/core/validation/schema_registry.h"

namespace gw::validation {

void CheckSearchParameter(const json::Value& sp, std::string_view location,
                          const SchemaRegistry& registry, IssueSink& sink);

}  // namespace gw::validation
