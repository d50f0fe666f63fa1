// dom-3, checked natively: every contained resource is referenced from elsewhere in its
// container, or refers to the container itself ("#"), or is referenced by another contained
// resource that is (transitively).
//
// Internal references are strings starting with '#' (Reference.reference, uri and canonical
// values) and narrative links (a@href, img@src "#id"). References of the container are
// collected outside its `contained` array; each contained resource's own ones inside it.
// CheckContainedReferenced reports "contained-unreferenced" (error) at
// `location`.contained[i] for each contained resource that is not referenced.
// Work is linear in the size of `resource` (plus the contained graph, small).
// Thread safety: pure function; `sink` is only written.
#pragma once

#include <string_view>

#include "gateway/core/base/issue.h"
#include "gateway/core/json/value.h"

namespace gw::validation {

void CheckContainedReferenced(const json::Value& resource, std::string_view location,
                              IssueSink& sink);

}  // namespace gw::validation
