#include "gateway/core/rest/resource_subset.h"

#include <string_view>

namespace gw::rest {
namespace {

// "valueQuantity" and "_valueQuantity" belong to "value"; "name" and "_name" to "name".
bool BelongsTo(std::string_view member, std::string_view element) {
  if (!member.empty() && member.front() == '_') member.remove_prefix(1);
  if (member == element) return true;
  return member.size() > element.size() && member.rfind(element, 0) == 0 &&
         member[element.size()] >= 'A' && member[element.size()] <= 'Z';
}

bool InSet(std::string_view member, const std::set<std::string, std::less<>>* set) {
  if (set == nullptr) return false;
  for (const std::string& e : *set) {
    if (BelongsTo(member, e)) return true;
  }
  return false;
}

json::Value TaggedMeta(const json::Value* meta) {
  std::vector<json::Member> members;
  json::Value tag = json::Value::Object(
      {{"system", json::Value::String("http://terminology.hl7.org/CodeSystem/v3-ObservationValue")},
       {"code", json::Value::String("SUBSETTED")},
       {"display", json::Value::String("subsetted")}});
  bool tagged = false;
  if (meta != nullptr && meta->is_object()) {
    for (const json::Member& m : meta->members()) {
      if (m.key == "tag" && m.value.is_array()) {
        std::vector<json::Value> tags(m.value.items().begin(), m.value.items().end());
        tags.push_back(tag);
        members.push_back({"tag", json::Value::Array(std::move(tags))});
        tagged = true;
      } else {
        members.push_back(m);
      }
    }
  }
  if (!tagged) members.push_back({"tag", json::Value::Array({tag})});
  return json::Value::Object(std::move(members));
}

}  // namespace

json::Value SubsetResource(const json::Value& resource, const std::vector<std::string>& elements,
                           Summary summary,
                           const std::set<std::string, std::less<>>* summary_elements,
                           const std::set<std::string, std::less<>>* mandatory_elements) {
  std::set<std::string, std::less<>> listed(elements.begin(), elements.end());
  std::vector<json::Member> out;
  for (const json::Member& m : resource.members()) {
    std::string_view k = m.key;
    bool keep = false;
    if (k == "resourceType" || k == "id") {
      keep = true;
    } else if (k == "meta") {
      out.push_back({"meta", TaggedMeta(&m.value)});
      continue;
    } else if (!elements.empty()) {
      keep = InSet(k, &listed) || InSet(k, mandatory_elements);
    } else if (summary == Summary::kText) {
      keep = k == "text" || InSet(k, mandatory_elements);
    } else if (summary == Summary::kData) {
      keep = k != "text";
    } else if (summary == Summary::kTrue) {
      keep = InSet(k, summary_elements);
    } else {
      keep = true;
    }
    if (keep) out.push_back(m);
  }
  if (resource.Find("meta") == nullptr) {
    json::Value meta = TaggedMeta(nullptr);
    // meta goes after id.
    std::size_t at = 0;
    while (at < out.size() && (out[at].key == "resourceType" || out[at].key == "id")) ++at;
    out.insert(out.begin() + static_cast<std::ptrdiff_t>(at), json::Member{"meta", std::move(meta)});
  }
  return json::Value::Object(std::move(out));
}

}  // namespace gw::rest
