#include "gateway/core/validation/questionnaire_check.h"

#include <string>

#include "gateway/core/validation/json_util.h"
#include "gateway/core/validation/questionnaire_codes.h"
#include "gateway/core/validation/questionnaire_index.h"

namespace gw::validation {
namespace {

void Report(IssueSink& sink, Severity severity, std::string_view code, const std::string& location,
            std::string message) {
  sink.Report(Issue{severity, std::string(code), location, std::move(message)});
}

void CheckEnableWhen(const QuestionnaireItem& item, const QuestionnaireIndex& index,
                     IssueSink& sink) {
  const json::Value* conditions = item.node->Find("enableWhen");
  if (conditions == nullptr || !conditions->is_array()) return;
  if (conditions->items().size() > 1 && item.node->Find("enableBehavior") == nullptr) {
    Report(sink, Severity::kError, codes::kQEnableBehavior, item.location,
           "If there is more than one enableWhen, enableBehavior must be specified");
  }
  for (const json::Value& c : conditions->items()) {
    std::string_view question = StringMember(c, "question");
    if (question.empty()) continue;
    const QuestionnaireItem* target = index.Find(question);
    if (target == nullptr) {
      if (index.truncated()) continue;
      Report(sink, Severity::kError, codes::kQEnableWhenTarget, item.location,
             "No item with the linkId '" + std::string(question) +
                 "' referenced by this enableWhen exists");
    } else if (item.IsAncestorOf(*target)) {
      Report(sink, Severity::kError, codes::kQEnableWhenInner, item.location,
             "An item's enableWhen cannot refer to a question nested inside the item ('" +
                 std::string(question) + "')");
    } else if (target->order > item.order) {
      Report(sink, Severity::kWarning, codes::kQEnableWhenAfter, item.location,
             "The target of this enableWhen rule ('" + std::string(question) +
                 "') comes after the item itself");
    }
  }
}

}  // namespace

void CheckQuestionnaire(const json::Value& questionnaire, std::string_view location,
                        IssueSink& sink) {
  if (!questionnaire.is_object()) return;
  QuestionnaireIndex index = QuestionnaireIndex::Build(questionnaire, location);
  if (index.truncated()) {
    Report(sink, Severity::kWarning, codes::kQTooLarge, std::string(location),
           "The Questionnaire has too many or too deeply nested items; the rest is not checked");
  }
  for (const QuestionnaireItem& item : index.items()) CheckEnableWhen(item, index, sink);
}

}  // namespace gw::validation
