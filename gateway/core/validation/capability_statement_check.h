// Rules on a CapabilityStatement beyond its StructureDefinition:
//  * CheckCapabilityStatement(): a rest.resource.searchParam whose `definition` resolves to a
//    SearchParameter must state that SearchParameter's `type` → "capability-search-param-type"
//    (error) at the searchParam ("<location>.rest[i].resource[j].searchParam[k]"); definitions
//    that do not resolve are not checked;
//  * IsFormatShortName(): CapabilityStatement.format takes a MIME type or one of the FHIR short
//    names "xml", "json", "ttl" (R4: "xml | json | ttl | mime type"); the short names are not
//    MIME types, so the element's MIME type binding does not apply to them.
// `location` is the resource's own location ("CapabilityStatement", "Bundle.entry[0].resource").
// Thread safety: pure functions; `sink` is only written.
#pragma once

#include <string_view>

#include "gateway/core/base/issue.h"
#include "gateway/core/json/value.h"
#include "gateway/core/validation/profile_schema.h"
#include "gateway/core/validation/schema_registry.h"

namespace gw::validation {

void CheckCapabilityStatement(const json::Value& cs, std::string_view location,
                              const SchemaRegistry& registry, IssueSink& sink);

// True when `value` is a FHIR format short name given for CapabilityStatement.format (`rule`).
bool IsFormatShortName(const ElementRule& rule, const json::Value& value);

}  // namespace gw::validation
