// Answers of one QuestionnaireResponse item checked against its Questionnaire item.
//
// For every answer with a value[x] of a type QuestionnaireResponse.item.answer allows:
//  * the value type must fit item.type (boolean → valueBoolean, decimal → valueDecimal,
//    integer, date, dateTime, time, string/text → valueString, url → valueUri, choice →
//    valueCoding (a valueString is accepted), open-choice → valueCoding or valueString,
//    attachment, reference, quantity) → "questionnaire-answer-wrong-type";
//  * answerOption: the value must be one of the options ("questionnaire-answer-not-in-options";
//    a warning for open-choice Codings); an option marked optionExclusive cannot be combined
//    with other answers ("questionnaire-answer-exclusive");
//  * answerValueSet: Codings are tested with the terminology service when one is given (codes
//    it cannot check are not reported; with the offline terminology::TerminologyService a
//    display that is not one of the code's displays is an error
//    "questionnaire-answer-wrong-display", and the Coding then fails the value set as well);
//    a value set that does not resolve is a warning;
//  * limits from the item and its standard extensions: maxLength, minLength, regex,
//    maxDecimalPlaces, minValue/maxValue, sdc minQuantity/maxQuantity (UCUM units only),
//    unitOption, unitValueSet, mimeType, maxSize, referenceResource; plus the attachment's
//    stated size against its data, the form of references and of urn:uuid / urn:oid uris.
// Answer counts (repeats, minOccurs/maxOccurs) are the caller's concern.
// Messages never quote answer values (they may hold PHI): they name types, limits and linkIds.
// Locations: "<item>.answer[i]" or, for value problems, "<item>.answer[i].value.ofType(T)".
// Thread safety: stateless; the collaborators must allow the calling thread's use.
#pragma once

#include <string_view>

#include "gateway/core/base/issue.h"
#include "gateway/core/json/value.h"
#include "gateway/core/validation/questionnaire_index.h"
#include "gateway/core/validation/schema_registry.h"
#include "gateway/ports/terminology_service.h"

namespace gw::validation {

struct AnswerCheckContext {
  const SchemaRegistry* registry = nullptr;                // value sets, resource type names
  const ports::TerminologyService* terminology = nullptr;  // may be null: value sets unchecked
};

// `answers` is the QuestionnaireResponse.item.answer array; `item_location` the location of
// the response item ("QuestionnaireResponse.item[0]").
void CheckAnswers(const QuestionnaireItem& item, const json::Value& answers,
                  const AnswerCheckContext& context, std::string_view item_location,
                  IssueSink& sink);

// The extension values of `node` with `url` (each extension's value[x] node), in order.
std::vector<const json::Value*> ExtensionValues(const json::Value& node, std::string_view url);

}  // namespace gw::validation
