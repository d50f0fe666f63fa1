// Internal to the answer checks (questionnaire_answer_check.cc): one answer being checked, and
// the limit checks of questionnaire_answer_limits.cc and questionnaire_answer_media.cc (the
// list is in questionnaire_answer_check.h). Not a public surface of the library.
// Thread safety: stateless functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "gateway/core/base/issue.h"
#include "gateway/core/validation/questionnaire_answer_check.h"
#include "gateway/core/validation/questionnaire_values.h"

namespace gw::validation {

struct AnswerAt {
  const QuestionnaireItem& item;
  const json::Value& answer;
  TypedValue value;
  std::string answer_loc;  // "...item[0].answer[2]"
  std::string value_loc;   // "...item[0].answer[2].value.ofType(string)"
  std::size_t answer_count = 0;
  const AnswerCheckContext& context;
};

void ReportAt(IssueSink& sink, Severity severity, std::string_view code, std::string location,
              std::string message);

// Limits of the item (and its extensions) on one answer whose type fits the item.
void CheckLimits(const AnswerAt& at, IssueSink& sink);

// Attachments (questionnaire_answer_media.cc): mimeType and maxSize extensions, and the
// stated size against the size of the base64 data.
void CheckAttachment(const AnswerAt& at, IssueSink& sink);
// References (questionnaire_answer_media.cc): no white space, a known resource type in a
// "Type/id" (or absolute ".../Type/id") reference, and the referenceResource extensions.
void CheckReference(const AnswerAt& at, IssueSink& sink);

}  // namespace gw::validation
