// A constraining StructureDefinition cannot change a value its base fixes: for each element of
// the differential with fixed[x], when the base definition (baseDefinition, as compiled by the
// registry) fixes the same element to a different value, "definition-fixed-conflict" (error) is
// reported, located at the element's path ("Extension.url"), as the reference validator reports
// snapshot generation problems. Typical case: an extension derived from another extension that
// fixes Extension.url to its own url.
// A base that cannot be resolved (unknown, or the definition itself) is not checked.
// Thread safety: pure function over immutable inputs; `sink` is only written.
#pragma once

#include "gateway/core/base/issue.h"
#include "gateway/core/json/value.h"
#include "gateway/core/validation/schema_registry.h"

namespace gw::validation {

void CheckDerivedFixedValues(const json::Value& sd, const SchemaRegistry& registry,
                             IssueSink& sink);

}  // namespace gw::validation
