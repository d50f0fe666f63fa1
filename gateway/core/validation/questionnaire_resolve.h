// How a QuestionnaireResponse finds its Questionnaire, and the checks of the response against
// the Questionnaire's metadata (internal to questionnaire_response_check.cc).
//
// FindQuestionnaire(): `canonical` is QuestionnaireResponse.questionnaire. "#id" names a
// contained resource; otherwise "url" or "url|version" is looked up among the response's
// contained resources, then the entries of `bundle` (may be null), then `registry` (may be
// null). Returns the resource found, of whatever type (the caller checks it), or nullptr.
// `location` receives the Questionnaire's location ("QuestionnaireResponse.contained[0]",
// "Questionnaire" when it comes from outside the document).
// CheckAuthoredPeriod(): warning "questionnaire-authored-outside-period" at
// "<location>.authored" when `authored` is before effectivePeriod.start or after its end.
// Thread safety: stateless; returned pointers live as long as the trees and the registry.
#pragma once

#include <string>
#include <string_view>

#include "gateway/core/base/issue.h"
#include "gateway/core/json/value.h"
#include "gateway/core/validation/schema_registry.h"

namespace gw::validation {

const json::Value* FindQuestionnaire(const json::Value& response, std::string_view canonical,
                                     const SchemaRegistry* registry, const json::Value* bundle,
                                     std::string* location);

void CheckAuthoredPeriod(const json::Value& response, const json::Value& questionnaire,
                         std::string_view location, IssueSink& sink);

}  // namespace gw::validation
