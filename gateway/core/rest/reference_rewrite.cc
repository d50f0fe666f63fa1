#include "gateway/core/rest/reference_rewrite.h"

#include <vector>

namespace gw::rest {

json::Value RewriteReferences(const json::Value& value,
                              const std::map<std::string, std::string, std::less<>>& targets) {
  if (value.is_array()) {
    std::vector<json::Value> items;
    items.reserve(value.items().size());
    for (const json::Value& v : value.items()) items.push_back(RewriteReferences(v, targets));
    return json::Value::Array(std::move(items));
  }
  if (!value.is_object()) return value;
  std::vector<json::Member> members;
  members.reserve(value.members().size());
  for (const json::Member& m : value.members()) {
    if (m.key == "reference" && m.value.is_string()) {
      std::string_view ref = m.value.string_value();
      std::string_view key = ref.substr(0, ref.find('#'));
      if (auto it = targets.find(key); it != targets.end()) {
        members.push_back({m.key, json::Value::String(it->second + std::string(ref.substr(key.size())))});
        continue;
      }
    }
    members.push_back({m.key, RewriteReferences(m.value, targets)});
  }
  return json::Value::Object(std::move(members));
}

}  // namespace gw::rest
