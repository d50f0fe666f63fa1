// Links inside a resource narrative (Narrative.div), as the reference validator checks them.
//
// CheckNarrativeLinks reports, at `location` (the div), for each link of `div`:
// - an <a> whose href is empty: "narrative-link-empty" (error);
// - href="#x": x must name an anchor of `root` (the resource holding the narrative, or the
//   container of a contained resource): an element or resource id, or an id / a@name in any
//   narrative of it; when none does and `bundle` is given, anchors of the whole Bundle count.
//   None: "narrative-link-unresolved" (error); several: "narrative-link-ambiguous" (warning);
// - img src="#x": x must name exactly one anchor of `root` ("narrative-link-unresolved", error);
// - an absolute href with an active scheme (javascript:, vbscript:) or a scheme that is not a
//   locator (urn:, cid:): "narrative-link-bad-scheme" (error).
// Other links (relative, http:, mailto:, ...) are not checked.
// CollectAnchors counts the anchors of a JSON tree: each "id" string member and each id / a@name
// in a "div" string member (narratives).
// Work is linear in the sizes of `div` and of the trees searched.
// Thread safety: pure functions; `sink` is only written.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "gateway/core/base/issue.h"
#include "gateway/core/json/value.h"

namespace gw::validation {

using AnchorCounts = std::unordered_map<std::string, int>;

void CollectAnchors(const json::Value& tree, AnchorCounts* anchors);

void CheckNarrativeLinks(std::string_view div, const json::Value& root, const json::Value* bundle,
                         std::string_view location, IssueSink& sink);

}  // namespace gw::validation
