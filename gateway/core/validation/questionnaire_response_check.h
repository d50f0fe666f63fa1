// QuestionnaireResponse against its Questionnaire, and the entry point the validator calls for
// every resource it validates.
//
// CheckQuestionnaireResources() looks at a resource, its contained resources and (for a Bundle)
// its entries: each QuestionnaireResponse goes to CheckQuestionnaireResponse(), each
// Questionnaire to CheckQuestionnaire() (questionnaire_check.h).
//
// CheckQuestionnaireResponse():
//  * finds the Questionnaire named by `questionnaire`: "#id" among the contained resources, a
//    contained resource or Bundle entry with that url (and version, for "url|version"), else
//    the registry's resolvers. None → warning "questionnaire-not-found" (nothing more is
//    checked); a resource that is not a Questionnaire → error
//    "questionnaire-wrong-resource-type"; no `questionnaire` at all → warning "questionnaire-none";
//  * warns when `authored` lies outside the Questionnaire's effectivePeriod;
//  * matches every response item to the Questionnaire item with its linkId at the same level
//    (an unknown linkId, one that belongs elsewhere, items out of order, a non-repeating item
//    given twice are errors);
//  * items of type display, group or question carry no answers; answer counts respect repeats
//    and the minOccurs/maxOccurs extensions; answers are checked by questionnaire_answer_check.h;
//  * enableWhen (enable_when.h): an item that is not enabled must have no answers; a required
//    item (and a required group's content) must be present only when it is enabled and the
//    response is completed or amended;
//  * nested items follow the Questionnaire's nesting (group.item, or answer.item under
//    questions).
// Locations follow the Java reference validator where it is known: "QuestionnaireResponse" or
// the parent item for a missing or unknown item, "...item[0]" for counts, "...answer[1]" and
// "...answer[1].value.ofType(Coding)" for answers.
// Bounds: QuestionnaireIndex limits for the Questionnaire; at most kMaxResponseItems items and
// kMaxResponseDepth levels of the response are walked and enableWhen lookups share a visit
// budget; exceeding a bound is a warning "questionnaire-too-large" and the rest is skipped.
// Thread safety: stateless; safe to call concurrently with distinct sinks. The registry and
// terminology service must allow concurrent use (they do).
#pragma once

#include <cstddef>
#include <string_view>

#include "gateway/core/base/issue.h"
#include "gateway/core/json/value.h"
#include "gateway/core/validation/schema_registry.h"
#include "gateway/ports/terminology_service.h"

namespace gw::validation {

struct QuestionnaireCheckContext {
  const SchemaRegistry* registry = nullptr;                // canonical lookups; may be null
  const ports::TerminologyService* terminology = nullptr;  // may be null
};

inline constexpr std::size_t kMaxResponseItems = 10'000;
inline constexpr int kMaxResponseDepth = 32;

// `location` is the resource's location ("QuestionnaireResponse", "Bundle.entry[0].resource").
void CheckQuestionnaireResources(const json::Value& resource,
                                 const QuestionnaireCheckContext& context,
                                 std::string_view location, IssueSink& sink);

// `bundle` (may be null) is the Bundle the response is an entry of.
void CheckQuestionnaireResponse(const json::Value& response,
                                const QuestionnaireCheckContext& context, std::string_view location,
                                IssueSink& sink, const json::Value* bundle = nullptr);

}  // namespace gw::validation
