#include "gateway/core/validation/enable_when.h"

#include <optional>

#include "gateway/core/validation/json_util.h"
#include "gateway/core/validation/questionnaire_values.h"

namespace gw::validation {
namespace {

enum class Outcome { kTrue, kFalse, kUnknown };

bool Satisfies(std::string_view op, const TypedValue& given, const TypedValue& expected) {
  if (op == "=") return ValuesEqual(given, expected).value_or(false);
  if (op == "!=") {
    auto eq = ValuesEqual(given, expected);
    return eq.has_value() && !*eq;
  }
  auto c = CompareValues(given, expected);
  if (!c) return false;
  if (op == ">") return *c > 0;
  if (op == "<") return *c < 0;
  if (op == ">=") return *c >= 0;
  if (op == "<=") return *c <= 0;
  return false;
}

Outcome EvaluateCondition(const json::Value& condition, const AnswerSource& source) {
  std::string_view question = StringMember(condition, "question");
  std::string_view op = StringMember(condition, "operator");
  TypedValue expected = TypedMember(condition, "answer");
  if (question.empty() || op.empty() || !expected) return Outcome::kUnknown;
  std::vector<const json::Value*> answers;
  if (!source.AnswersOf(question, &answers)) return Outcome::kUnknown;
  if (op == "exists") {
    if (!expected.value->is_bool()) return Outcome::kUnknown;
    bool has = false;
    for (const json::Value* a : answers) has = has || TypedMember(*a, "value");
    return has == expected.value->bool_value() ? Outcome::kTrue : Outcome::kFalse;
  }
  for (const json::Value* a : answers) {
    if (Satisfies(op, TypedMember(*a, "value"), expected)) return Outcome::kTrue;
  }
  return Outcome::kFalse;
}

}  // namespace

Enablement EvaluateEnableWhen(const json::Value& item, const AnswerSource& answers) {
  const json::Value* conditions = item.Find("enableWhen");
  if (conditions == nullptr || !conditions->is_array() || conditions->items().empty()) {
    return Enablement::kEnabled;
  }
  bool any = StringMember(item, "enableBehavior") == "any";
  bool unknown = false;
  for (const json::Value& c : conditions->items()) {
    Outcome o = c.is_object() ? EvaluateCondition(c, answers) : Outcome::kUnknown;
    if (o == Outcome::kUnknown) {
      unknown = true;
    } else if (any && o == Outcome::kTrue) {
      return Enablement::kEnabled;
    } else if (!any && o == Outcome::kFalse) {
      return Enablement::kDisabled;
    }
  }
  if (unknown) return Enablement::kUnknown;
  return any ? Enablement::kDisabled : Enablement::kEnabled;
}

}  // namespace gw::validation
