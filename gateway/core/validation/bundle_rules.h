// Bundle rules that go beyond the Bundle StructureDefinition's invariants:
//  * entry.fullUrl is an absolute URI; a RESTful fullUrl (".../Type/id") ends with the entry
//    resource's type and id (located at the first entry, as the reference validator does);
//  * links: in searchsets and histories self and each paging relation (first, previous, next,
//    last) appear once (at the link); in other Bundle types paging relations are not allowed
//    and self appears once (at link[i].relation);
//  * searchset entries with search modes: matches and includes carry resource ids, matches
//    are of the type the self link searched (resource types known to `model`), outcomes are
//    OperationOutcomes;
//  * document and message Bundles: references between entries and reachability
//    (bundle_links.h).
// Issues use code "bundle-rule" (error) unless stated, at locations relative to `location`
// (the Bundle's own location, e.g. "Bundle").
// Work is linear in the Bundle size (one index of entries by type/id).
// Thread safety: pure function.
#pragma once

#include <string>

#include "gateway/core/base/issue.h"
#include "gateway/core/json/value.h"
#include "gateway/core/model/type_model.h"

namespace gw::validation {

// `model` may be null (then searched types are not checked).
void CheckBundleRules(const json::Value& bundle, const std::string& location,
                      const model::TypeModel* model, IssueSink& sink);

}  // namespace gw::validation
