#include "gateway/core/validation/questionnaire_response_check.h"

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "gateway/core/validation/enable_when.h"
#include "gateway/core/validation/json_util.h"
#include "gateway/core/validation/questionnaire_answer_check.h"
#include "gateway/core/validation/questionnaire_check.h"
#include "gateway/core/validation/questionnaire_codes.h"
#include "gateway/core/validation/questionnaire_index.h"
#include "gateway/core/validation/questionnaire_resolve.h"

namespace gw::validation {
namespace {

constexpr std::size_t kMaxLookupVisits = 500'000;
constexpr int kMaxResourceNesting = 8;
constexpr std::string_view kExt = "http://hl7.org/fhir/StructureDefinition/";

void Report(IssueSink& sink, Severity severity, std::string_view code, std::string location,
            std::string message) {
  sink.Report(Issue{severity, std::string(code), std::move(location), std::move(message)});
}

std::size_t Count(const json::Value* array) {
  return array != nullptr && array->is_array() ? array->items().size() : 0;
}

std::optional<long long> IntegerExtension(const json::Value& node, std::string_view name) {
  std::vector<const json::Value*> v = ExtensionValues(node, std::string(kExt) + std::string(name));
  if (v.empty() || !v[0]->is_number()) return std::nullopt;
  std::string_view t = v[0]->number_text();
  long long n = 0;
  for (char c : t) {
    if (c < '0' || c > '9' || n > 1'000'000'000) return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

// Walks the items of one response against one Questionnaire index.
class ResponseWalker final : public AnswerSource {
 public:
  ResponseWalker(const QuestionnaireIndex& index, const QuestionnaireCheckContext& context,
                 bool completed, IssueSink& sink)
      : index_(index), context_(context), completed_(completed), sink_(sink) {}

  void WalkItems(const json::Value* items, const QuestionnaireItem* parent,
                 const std::string& parent_loc, const std::string& items_loc, int depth);
  bool AnswersOf(std::string_view link_id, std::vector<const json::Value*>* out) const override;

 private:
  void WalkItem(const json::Value& item, const QuestionnaireItem& q, const std::string& loc,
                int depth);
  void WalkQuestion(const json::Value& item, const QuestionnaireItem& q, const std::string& loc,
                    int depth);
  void CheckMissing(const QuestionnaireItem* parent, const std::vector<bool>& present,
                    const std::string& parent_loc);
  bool Match(const json::Value& item, const QuestionnaireItem* parent, const std::string& loc,
             const std::string& parent_loc, const QuestionnaireItem** out);
  bool Collect(const json::Value& items, std::string_view link_id,
               std::vector<const json::Value*>* out, bool* found, int depth) const;
  bool Bounded(const std::string& loc, int depth);

  const QuestionnaireIndex& index_;
  const QuestionnaireCheckContext& context_;
  bool completed_;
  IssueSink& sink_;
  std::vector<const json::Value*> scopes_;  // item arrays from the root to the current level
  mutable std::size_t visits_ = 0;
  std::size_t items_seen_ = 0;
  bool bound_reported_ = false;
};

bool ResponseWalker::Bounded(const std::string& loc, int depth) {
  if (depth < kMaxResponseDepth && items_seen_ < kMaxResponseItems) return true;
  if (!bound_reported_) {
    bound_reported_ = true;
    Report(sink_, Severity::kWarning, codes::kQTooLarge, loc,
           "The response has too many or too deeply nested items; the rest is not checked");
  }
  return false;
}

const std::vector<const QuestionnaireItem*>& ChildrenOf(const QuestionnaireIndex& index,
                                                        const QuestionnaireItem* parent) {
  return parent == nullptr ? index.roots() : parent->children;
}

bool ResponseWalker::Match(const json::Value& item, const QuestionnaireItem* parent,
                           const std::string& loc, const std::string& parent_loc,
                           const QuestionnaireItem** out) {
  std::string_view link_id = StringMember(item, "linkId");
  if (link_id.empty()) return false;  // cardinality is the base validator's concern
  const QuestionnaireItem* q = index_.Find(link_id);
  if (q == nullptr) {
    if (!index_.truncated()) {
      Report(sink_, Severity::kError, codes::kQLinkIdUnknown, parent_loc,
             "LinkId '" + std::string(link_id) + "' not found in questionnaire");
    }
    return false;
  }
  if (q->parent != parent) {
    Report(sink_, Severity::kError, codes::kQItemMisplaced, loc,
           "The item '" + std::string(link_id) + "' is not at this level in the questionnaire");
    return false;
  }
  *out = q;
  return true;
}

void ResponseWalker::WalkItems(const json::Value* items, const QuestionnaireItem* parent,
                               const std::string& parent_loc, const std::string& items_loc,
                               int depth) {
  const auto& expected = ChildrenOf(index_, parent);
  std::vector<bool> present(expected.size(), false);
  std::unordered_map<const QuestionnaireItem*, std::size_t> position;
  for (std::size_t k = 0; k < expected.size(); ++k) position.emplace(expected[k], k);
  if (items != nullptr && items->is_array()) {
    scopes_.push_back(items);
    std::size_t last = 0;
    std::size_t i = 0;
    for (const json::Value& item : items->items()) {
      std::string loc = items_loc + ".item[" + std::to_string(i++) + "]";
      const QuestionnaireItem* q = nullptr;
      if (!item.is_object() || !Bounded(loc, depth)) continue;
      ++items_seen_;
      if (!Match(item, parent, loc, parent_loc, &q)) continue;
      std::size_t k = position[q];
      if (k < last) {
        Report(sink_, Severity::kError, codes::kQItemOrder, loc,
               "Structural error: the item '" + std::string(q->link_id) +
                   "' is out of order (questionnaire order)");
      } else if (present[k] && k == last && !q->repeats) {
        Report(sink_, Severity::kError, codes::kQItemRepeated, loc,
               "Only one response item with the linkId '" + std::string(q->link_id) +
                   "' is allowed here (the item does not repeat)");
      }
      last = std::max(last, k);
      present[k] = true;
      WalkItem(item, *q, loc, depth);
    }
    CheckMissing(parent, present, parent_loc);
    scopes_.pop_back();
  } else {
    CheckMissing(parent, present, parent_loc);
  }
}

void ResponseWalker::CheckMissing(const QuestionnaireItem* parent, const std::vector<bool>& present,
                                  const std::string& parent_loc) {
  if (!completed_) return;
  const auto& expected = ChildrenOf(index_, parent);
  for (std::size_t k = 0; k < expected.size(); ++k) {
    const QuestionnaireItem& q = *expected[k];
    if (present[k] || !q.required || q.type == "display") continue;
    if (EvaluateEnableWhen(*q.node, *this) != Enablement::kEnabled) continue;
    Report(sink_, Severity::kError, codes::kQRequiredMissing, parent_loc,
           "No response answer found for required item '" + std::string(q.link_id) + "'");
  }
}

bool HasAnswerContent(const json::Value& item, int depth) {
  if (Count(item.Find("answer")) > 0) return true;
  const json::Value* children = item.Find("item");
  if (children == nullptr || !children->is_array() || depth >= kMaxResponseDepth) return false;
  for (const json::Value& c : children->items()) {
    if (c.is_object() && HasAnswerContent(c, depth + 1)) return true;
  }
  return false;
}

void ResponseWalker::WalkItem(const json::Value& item, const QuestionnaireItem& q,
                              const std::string& loc, int depth) {
  Enablement enabled = EvaluateEnableWhen(*q.node, *this);
  if (enabled == Enablement::kDisabled) {
    if (HasAnswerContent(item, depth)) {
      Report(sink_, Severity::kError, codes::kQNotEnabled, loc,
             "Item has answer, even though it is not enabled (item id = '" +
                 std::string(q.link_id) + "')");
    }
    return;
  }
  std::size_t answers = Count(item.Find("answer"));
  bool answerable = q.type != "group" && q.type != "display" && q.type != "question";
  if (!answerable && answers > 0) {
    std::string type = q.type == "display" ? "'display'" : std::string(q.type);
    Report(
        sink_, Severity::kError, codes::kQNotAnswerable, loc,
        "Items of type " + type + " cannot have answers (item '" + std::string(q.link_id) + "')");
  }
  if (answerable) WalkQuestion(item, q, loc, depth);
  if (q.type == "group" && q.required && completed_ && Count(item.Find("item")) == 0) {
    Report(sink_, Severity::kError, codes::kQGroupEmpty, loc,
           "No sub-items found for required group '" + std::string(q.link_id) + "'");
  }
  const json::Value* children = item.Find("item");
  if (q.type == "group" || Count(children) > 0) WalkItems(children, &q, loc, loc, depth + 1);
}

void ResponseWalker::WalkQuestion(const json::Value& item, const QuestionnaireItem& q,
                                  const std::string& loc, int depth) {
  const json::Value* answers = item.Find("answer");
  std::size_t n = Count(answers);
  std::string id = " (item '" + std::string(q.link_id) + "')";
  if (n > 1 && !q.repeats) {
    Report(sink_, Severity::kError, codes::kQTooManyAnswers, loc,
           "Only one response answer item with this linkId allowed" + id);
  }
  auto max = IntegerExtension(*q.node, "questionnaire-maxOccurs");
  if (max && static_cast<long long>(n) > *max) {
    Report(sink_, Severity::kError, codes::kQTooManyAnswers, loc,
           "The maximum number of answers is " + std::to_string(*max) + " but this has " +
               std::to_string(n) + id);
  }
  auto min = IntegerExtension(*q.node, "questionnaire-minOccurs");
  if (completed_ && min && static_cast<long long>(n) < *min) {
    Report(sink_, Severity::kError, codes::kQTooFewAnswers, loc,
           "The minimum number of answers is " + std::to_string(*min) + " but this has " +
               std::to_string(n) + id);
  }
  if (completed_ && q.required && n == 0) {
    Report(sink_, Severity::kError, codes::kQRequiredMissing, loc,
           "No response answer found for required item '" + std::string(q.link_id) + "'");
  }
  if (answers == nullptr) return;
  CheckAnswers(q, *answers, AnswerCheckContext{context_.registry, context_.terminology}, loc,
               sink_);
  std::size_t j = 0;
  for (const json::Value& a : answers->items()) {
    std::string answer_loc = loc + ".answer[" + std::to_string(j++) + "]";
    const json::Value* nested = a.is_object() ? a.Find("item") : nullptr;
    if (nested != nullptr || (!q.children.empty() && completed_)) {
      WalkItems(nested, &q, answer_loc, answer_loc, depth + 1);
    }
  }
}

bool ResponseWalker::Collect(const json::Value& items, std::string_view link_id,
                             std::vector<const json::Value*>* out, bool* found, int depth) const {
  if (!items.is_array() || depth > kMaxResponseDepth) return true;
  for (const json::Value& item : items.items()) {
    if (++visits_ > kMaxLookupVisits) return false;
    if (!item.is_object()) continue;
    const json::Value* answers = item.Find("answer");
    if (StringMember(item, "linkId") == link_id) {
      *found = true;
      if (answers != nullptr && answers->is_array()) {
        for (const json::Value& a : answers->items()) {
          if (a.is_object()) out->push_back(&a);
        }
      }
    }
    if (const json::Value* c = item.Find("item"); c != nullptr) {
      if (!Collect(*c, link_id, out, found, depth + 1)) return false;
    }
    if (answers == nullptr || !answers->is_array()) continue;
    for (const json::Value& a : answers->items()) {
      const json::Value* c = a.is_object() ? a.Find("item") : nullptr;
      if (c != nullptr && !Collect(*c, link_id, out, found, depth + 1)) return false;
    }
  }
  return true;
}

bool ResponseWalker::AnswersOf(std::string_view link_id,
                               std::vector<const json::Value*>* out) const {
  // The nearest enclosing level that holds the question wins (repeating groups answer their
  // own enableWhen); the whole response is the last level.
  for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
    bool found = false;
    if (!Collect(**it, link_id, out, &found, 0)) return false;
    if (found) return true;
  }
  return true;
}

}  // namespace

void CheckQuestionnaireResponse(const json::Value& response,
                                const QuestionnaireCheckContext& context, std::string_view location,
                                IssueSink& sink, const json::Value* bundle) {
  std::string_view canonical = StringMember(response, "questionnaire");
  std::string loc(location);
  if (canonical.empty()) {
    Report(sink, Severity::kWarning, codes::kQNoQuestionnaire, loc,
           "No questionnaire is identified, so no validation can be performed against it");
    return;
  }
  std::string q_loc = "Questionnaire";
  const json::Value* q = FindQuestionnaire(response, canonical, context.registry, bundle, &q_loc);
  if (q == nullptr) {
    Report(sink, Severity::kWarning, codes::kQNotFound, loc,
           "The questionnaire '" + std::string(canonical) +
               "' could not be resolved, so no validation can be performed against it");
    return;
  }
  if (StringMember(*q, "resourceType") != "Questionnaire") {
    Report(sink, Severity::kError, codes::kQWrongResource, loc + ".questionnaire",
           "Canonical URL '" + std::string(canonical) + "' refers to a resource of type " +
               std::string(StringMember(*q, "resourceType")) + ", not a Questionnaire");
    return;
  }
  CheckAuthoredPeriod(response, *q, location, sink);
  QuestionnaireIndex index = QuestionnaireIndex::Build(*q, q_loc);
  std::string_view status = StringMember(response, "status");
  bool completed = status == "completed" || status == "amended";
  ResponseWalker walker(index, context, completed, sink);
  walker.WalkItems(response.Find("item"), nullptr, loc, loc, 0);
}

namespace {

void CheckNested(const json::Value& resource, const QuestionnaireCheckContext& context,
                 const std::string& location, IssueSink& sink, const json::Value* bundle,
                 int depth) {
  if (!resource.is_object() || depth > kMaxResourceNesting) return;
  std::string_view type = StringMember(resource, "resourceType");
  if (type == "QuestionnaireResponse") {
    CheckQuestionnaireResponse(resource, context, location, sink, bundle);
  } else if (type == "Questionnaire") {
    CheckQuestionnaire(resource, location, sink);
  }
  const json::Value* contained = resource.Find("contained");
  for (std::size_t i = 0; i < Count(contained); ++i) {
    CheckNested(contained->items()[i], context, location + ".contained[" + std::to_string(i) + "]",
                sink, bundle, depth + 1);
  }
  if (type != "Bundle") return;
  const json::Value* entries = resource.Find("entry");
  for (std::size_t i = 0; i < Count(entries); ++i) {
    const json::Value& e = entries->items()[i];
    const json::Value* r = e.is_object() ? e.Find("resource") : nullptr;
    if (r == nullptr) continue;
    CheckNested(*r, context, location + ".entry[" + std::to_string(i) + "].resource", sink,
                &resource, depth + 1);
  }
}

}  // namespace

void CheckQuestionnaireResources(const json::Value& resource,
                                 const QuestionnaireCheckContext& context,
                                 std::string_view location, IssueSink& sink) {
  CheckNested(resource, context, std::string(location), sink, nullptr, 0);
}

}  // namespace gw::validation
