// Questionnaire rules beyond the que-* invariants of the base definition:
//  * an item with more than one enableWhen must state enableBehavior (que-12 as corrected
//    after R4: the published expression tests "count() > 2") → error
//    "questionnaire-enable-behavior-missing";
//  * an enableWhen question must name an item of the Questionnaire → error
//    "questionnaire-enablewhen-unknown-target"; not one nested inside the item itself → error
//    "questionnaire-enablewhen-inner-target"; one that comes later in the form → warning
//    "questionnaire-enablewhen-after".
// Issues are reported at the item's location ("Questionnaire.item[0].item[2]").
// Bounds: QuestionnaireIndex limits (a truncated index gives a warning "questionnaire-too-large").
// Thread safety: stateless.
#pragma once

#include <string_view>

#include "gateway/core/base/issue.h"
#include "gateway/core/json/value.h"

namespace gw::validation {

// `location` is the Questionnaire's location ("Questionnaire", "Bundle.entry[1].resource").
void CheckQuestionnaire(const json::Value& questionnaire, std::string_view location,
                        IssueSink& sink);

}  // namespace gw::validation
