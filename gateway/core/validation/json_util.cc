#include "gateway/core/validation/json_util.h"

#include "gateway/core/model/r4_model.h"

namespace gw::validation {

const json::Value* PrefixedMember(const json::Value& obj, std::string_view prefix,
                                  std::string_view* suffix) {
  for (const json::Member& m : obj.members()) {
    std::string_view k = m.key;
    if (k.size() > prefix.size() && k.substr(0, prefix.size()) == prefix &&
        k[prefix.size()] >= 'A' && k[prefix.size()] <= 'Z') {
      if (suffix != nullptr) *suffix = k.substr(prefix.size());
      return &m.value;
    }
  }
  return nullptr;
}

std::string Capitalize(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

std::string TypeFromSuffix(std::string_view suffix) {
  std::string lower(suffix);
  if (!lower.empty() && lower[0] >= 'A' && lower[0] <= 'Z') lower[0] = static_cast<char>(lower[0] + 32);
  if (!model::SystemTypeOfPrimitive(lower).empty()) return lower;
  return std::string(suffix);
}

}  // namespace gw::validation
