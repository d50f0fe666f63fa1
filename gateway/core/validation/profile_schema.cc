#include "gateway/core/validation/profile_schema.h"

#include <algorithm>

namespace gw::validation {

const ChildName* ProfileSchema::FindChild(const ElementRule& parent,
                                          std::string_view json_name) const {
  const auto& names = parent.child_names;
  auto it = std::lower_bound(names.begin(), names.end(), json_name,
                             [](const ChildName& c, std::string_view n) { return c.json_name < n; });
  if (it == names.end() || it->json_name != json_name) return nullptr;
  return &*it;
}

const ElementRule* ProfileSchema::FindChildByName(const ElementRule& parent,
                                                  std::string_view name) const {
  for (std::uint32_t c : parent.children) {
    if (elements[c].name == name) return &elements[c];
  }
  return nullptr;
}

}  // namespace gw::validation
