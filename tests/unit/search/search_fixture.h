// Shared fixture of the search and store tests: the R4 type model and the search parameter
// registry built from the base R4 SearchParameters, loaded once per test program.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "gateway/core/json/value.h"
#include "gateway/core/search/index_extractor.h"
#include "gateway/core/search/search_param_registry.h"

namespace gw::search::testing {

// Null when the R4 definitions folder is absent (tests then print GW_SKIPPED).
std::shared_ptr<const SearchParamRegistry> BaseRegistry();

// Parses JSON text; fails the calling test on bad JSON.
json::Value ParseJson(std::string_view text);

// Every resource of the Synthea bundles (the 15,596 entries), or empty when the corpus is
// absent. Loaded once.
const std::vector<json::Value>& SyntheaResources();

// The resources of the first `max_bundles` Synthea bundles (0 = all), one vector per bundle,
// with their "urn:uuid:" references rewritten to "Type/id" as a transaction would store them.
// Empty when the corpus is absent.
std::vector<std::vector<json::Value>> SyntheaBundles(std::size_t max_bundles);

// Rewrites every "urn:uuid:X" in `bundle_text` whose entry fullUrl is known to "Type/id".
std::string RewriteUrnReferences(std::string_view bundle_text);

}  // namespace gw::search::testing
