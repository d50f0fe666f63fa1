// RewriteReferences(): a copy of a resource whose Reference.reference values that name other
// entries of a transaction (fullUrl "urn:uuid:..." or an absolute URL) are replaced with the
// entries' new local references ("Patient/abc"). Every member named "reference" whose string
// value is a key of `targets` is replaced; a "#fragment" after the key is kept.
// Thread safety: pure. Recursion is bounded by the parser's depth limit.
#pragma once

#include <map>
#include <string>

#include "gateway/core/json/value.h"

namespace gw::rest {

json::Value RewriteReferences(const json::Value& value,
                              const std::map<std::string, std::string, std::less<>>& targets);

}  // namespace gw::rest
