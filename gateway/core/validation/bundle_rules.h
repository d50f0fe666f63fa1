// Bundle rules that go beyond the Bundle StructureDefinition's invariants:
//  * entry.fullUrl is an absolute URI; a RESTful fullUrl (".../Type/id") ends with the entry
//    resource's type and id;
//  * a link relation appears once;
//  * searchset entries that are matches carry resource ids;
//  * in document and message Bundles, relative references between entries ("Patient/1",
//    "Patient/1/_history/2") resolve to exactly one entry.
// Issues use codes "bundle-rule" (error) and "reference-unresolved" (error), at locations
// relative to `location` (the Bundle's own location, e.g. "Bundle").
// Work is linear in the Bundle size (one index of entries by type/id).
// Thread safety: pure function.
#pragma once

#include <string>

#include "gateway/core/base/issue.h"
#include "gateway/core/json/value.h"

namespace gw::validation {

void CheckBundleRules(const json::Value& bundle, const std::string& location, IssueSink& sink);

}  // namespace gw::validation
