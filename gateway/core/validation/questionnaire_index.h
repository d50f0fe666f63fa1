// QuestionnaireIndex: the items of one Questionnaire, indexed by linkId, with their nesting,
// document order and FHIRPath location ("Questionnaire.item[2].item[0]").
//
// Build() walks Questionnaire.item depth first. It stops at kMaxItems items or kMaxDepth levels
// of nesting and then says so through truncated(); what was indexed stays usable. Items with a
// linkId seen before keep the first one in the linkId lookup (duplicates are que-2's concern).
// Thread safety: immutable after Build(); safe for concurrent reads. The index points into the
// Questionnaire tree, which must outlive it.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gateway/core/json/value.h"

namespace gw::validation {

struct QuestionnaireItem {
  const json::Value* node = nullptr;  // the Questionnaire.item object
  const QuestionnaireItem* parent = nullptr;
  std::string location;  // e.g. "Questionnaire.item[0].item[1]"
  std::string_view link_id;
  std::string_view type;        // item.type ("" when absent)
  std::size_t order = 0;        // pre-order position in the Questionnaire
  std::size_t subtree_end = 0;  // pre-order position after the last descendant
  bool required = false;
  bool repeats = false;
  std::vector<const QuestionnaireItem*> children;

  bool IsAncestorOf(const QuestionnaireItem& other) const {
    return other.order > order && other.order < subtree_end;
  }
};

class QuestionnaireIndex {
 public:
  static constexpr std::size_t kMaxItems = 10'000;
  static constexpr int kMaxDepth = 32;

  // `location` is the Questionnaire's own location ("Questionnaire", or
  // "QuestionnaireResponse.contained[0]" for a contained one).
  static QuestionnaireIndex Build(const json::Value& questionnaire, std::string_view location);

  // The first item with `link_id`, or nullptr.
  const QuestionnaireItem* Find(std::string_view link_id) const;
  // The top-level items, in document order.
  const std::vector<const QuestionnaireItem*>& roots() const { return roots_; }
  // All items in document (pre-)order.
  const std::deque<QuestionnaireItem>& items() const { return items_; }
  bool truncated() const { return truncated_; }

 private:
  void Add(const json::Value& items, QuestionnaireItem* parent, const std::string& location,
           int depth);

  std::deque<QuestionnaireItem> items_;  // stable addresses
  std::vector<const QuestionnaireItem*> roots_;
  std::unordered_map<std::string_view, const QuestionnaireItem*> by_link_id_;
  bool truncated_ = false;
};

}  // namespace gw::validation
