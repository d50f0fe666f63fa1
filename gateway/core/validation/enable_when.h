// enableWhen: whether a Questionnaire item is enabled, given the answers of a response.
//
// Each condition names a question (linkId), an operator and an answer[x]:
//  * exists: the question has some answer (answerBoolean true) or none (false);
//  * = != > < >= <=: some answer of the question compares so with answer[x] (values compare as
//    in questionnaire_values.h; an answer of another type does not satisfy the condition).
//    A question without answers satisfies no comparison.
// enableBehavior "any" needs one true condition, "all" (or absent) needs every condition.
// An item without enableWhen is enabled.
// The answers come from an AnswerSource, as they stand in the response: whether the question
// item is itself enabled is not re-evaluated, so conditions never recurse and a cycle of
// enableWhen references cannot loop. When the source cannot answer (a work budget ran out)
// the result is kUnknown and callers report nothing that depends on it.
// Thread safety: pure functions; the source is used from the calling thread only.
#pragma once

#include <string_view>
#include <vector>

#include "gateway/core/json/value.h"

namespace gw::validation {

class AnswerSource {
 public:
  virtual ~AnswerSource() = default;
  // Appends to `out` the answer objects (QuestionnaireResponse...answer[i]) given to the
  // question `link_id` as seen from the item being evaluated. False when the lookup could not
  // be completed.
  virtual bool AnswersOf(std::string_view link_id, std::vector<const json::Value*>* out) const = 0;
};

enum class Enablement { kEnabled, kDisabled, kUnknown };

// `item` is a Questionnaire.item object.
Enablement EvaluateEnableWhen(const json::Value& item, const AnswerSource& answers);

}  // namespace gw::validation
