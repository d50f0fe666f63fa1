// StampResource(): the JSON text a store keeps for a version: the resource with its logical id
// and meta.versionId / meta.lastUpdated set by the store.
//
// Output member order: resourceType, id, meta (versionId, lastUpdated, then the resource's other
// meta members in order), then every other member in document order. Values are written with
// json::Write, so numbers keep their exact text ("1.50" stays "1.50"). Compact, no whitespace.
// Preconditions: `resource` is an object with a string "resourceType" (checked by callers).
// Thread safety: pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "gateway/core/json/value.h"

namespace gw::store {

std::string StampResource(const json::Value& resource, std::string_view id, std::int64_t version_id,
                          std::int64_t last_updated_ms);

}  // namespace gw::store
