// Slice matching: which slice of a sliced element an instance item belongs to.
//
// SliceMatch() evaluates the slicing discriminators of `sliced` for one `item` against one
// `slice` rule: value/pattern (the item's value at the discriminator path must equal / contain
// the slice's fixed[x] or pattern[x] at that path, looked up in the slice's children or its
// type's schema), exists (presence follows the slice's min/max at the path) and type (the
// item's resource type or JSON-name type against the slice's type). Profile discriminators
// and paths the matcher cannot follow (resolve(), functions other than extension('url') and
// ofType()) are answered by `profile_check` when given, else count as matching. A value/pattern
// discriminator whose slice element has a required binding instead of a fixed/pattern value is
// answered by `value_set_check` (some value at the path is in the bound value set); without it
// such a slice claims nothing. A profile discriminator is met by conforming to any profile of
// the slice's types. Whatever the type, a slice element with max 0 at the path matches exactly
// the items without a value there. A path through a sliced element ("code.coding.code") reads
// the rules of that element's first slice.
// Thread safety: pure functions over immutable schemas.
#pragma once

#include <functional>
#include <optional>
#include <string_view>

#include "gateway/core/json/value.h"
#include "gateway/core/validation/profile_schema.h"

namespace gw::validation {

// Checks `item` against a profile canonical; true when it conforms.
using ProfileCheck = std::function<bool(const json::Value& item, std::string_view profile)>;
// Checks a value against the binding of `rule` (treated as required): true / false for in /
// not in the value set, nullopt when membership cannot be decided offline.
using ValueSetCheck =
    std::function<std::optional<bool>(const json::Value& value, const ElementRule& rule)>;

// `uncertain` (may be null) is set when the match rests on a membership that could not be
// decided (the item may or may not belong to the slice).
bool SliceMatch(const json::Value& item, const ProfileSchema& schema, const ElementRule& sliced,
                const ElementRule& slice, const ProfileCheck& profile_check,
                const ValueSetCheck& value_set_check = {}, bool* uncertain = nullptr);

// The values at a simple dotted discriminator path ("code.coding", "$this", "url") below
// `item`, arrays flattened. `extension('u')` steps select extensions by url.
void ValuesAtPath(const json::Value& item, std::string_view path,
                  std::vector<const json::Value*>* out);

}  // namespace gw::validation
