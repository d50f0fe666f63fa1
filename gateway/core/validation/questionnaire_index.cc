#include "gateway/core/validation/questionnaire_index.h"

#include "gateway/core/validation/json_util.h"

namespace gw::validation {
namespace {

bool BoolMember(const json::Value& obj, std::string_view key) {
  const json::Value* v = obj.Find(key);
  return v != nullptr && v->is_bool() && v->bool_value();
}

}  // namespace

QuestionnaireIndex QuestionnaireIndex::Build(const json::Value& questionnaire,
                                             std::string_view location) {
  QuestionnaireIndex index;
  const json::Value* items = questionnaire.Find("item");
  if (items != nullptr) index.Add(*items, nullptr, std::string(location), 0);
  return index;
}

void QuestionnaireIndex::Add(const json::Value& items, QuestionnaireItem* parent,
                             const std::string& location, int depth) {
  if (!items.is_array()) return;
  if (depth >= kMaxDepth) {
    truncated_ = true;
    return;
  }
  std::size_t i = 0;
  for (const json::Value& node : items.items()) {
    std::size_t index = i++;
    if (!node.is_object()) continue;
    if (items_.size() >= kMaxItems) {
      truncated_ = true;
      return;
    }
    QuestionnaireItem& item = items_.emplace_back();
    item.node = &node;
    item.parent = parent;
    item.location = location + ".item[" + std::to_string(index) + "]";
    item.link_id = StringMember(node, "linkId");
    item.type = StringMember(node, "type");
    item.order = items_.size() - 1;
    item.required = BoolMember(node, "required");
    item.repeats = BoolMember(node, "repeats");
    if (parent != nullptr) {
      parent->children.push_back(&item);
    } else {
      roots_.push_back(&item);
    }
    if (!item.link_id.empty()) by_link_id_.emplace(item.link_id, &item);
    const json::Value* children = node.Find("item");
    if (children != nullptr) Add(*children, &item, item.location, depth + 1);
    item.subtree_end = items_.size();
  }
}

const QuestionnaireItem* QuestionnaireIndex::Find(std::string_view link_id) const {
  auto it = by_link_id_.find(link_id);
  return it == by_link_id_.end() ? nullptr : it->second;
}

}  // namespace gw::validation
