// Focused tests of the Questionnaire / QuestionnaireResponse checks with small hand-made
// resources (the Questionnaire is contained in the response, so no registry is needed).
#define BOOST_TEST_MODULE validation_questionnaire_test
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <string>

#include "gateway/core/json/parse.h"
#include "gateway/core/validation/enable_when.h"
#include "gateway/core/validation/questionnaire_check.h"
#include "gateway/core/validation/questionnaire_codes.h"
#include "gateway/core/validation/questionnaire_index.h"
#include "gateway/core/validation/questionnaire_response_check.h"
#include "gateway/core/validation/questionnaire_values.h"

namespace gw::validation {
namespace {

json::Value ParseOrDie(std::string_view text) {
  json::ParseLimits limits;
  limits.max_depth = 512;  // deeper than the checks' own bounds
  auto v = json::Parse(text, limits);
  BOOST_TEST_REQUIRE(v.ok(), v.status().ToString());
  return std::move(v).value();
}

// A response with `status`, `items` (JSON array text) and a contained Questionnaire whose
// item array is `q_items`.
IssueList CheckResponse(std::string_view q_items, std::string_view items,
                        std::string_view status = "completed") {
  std::string text = R"({"resourceType":"QuestionnaireResponse","contained":[
      {"resourceType":"Questionnaire","id":"q","status":"active","item":)" +
                     std::string(q_items) + R"(}],"questionnaire":"#q","status":")" +
                     std::string(status) + R"(","item":)" + std::string(items) + "}";
  json::Value qr = ParseOrDie(text);
  IssueList issues;
  CheckQuestionnaireResources(qr, QuestionnaireCheckContext{}, "QuestionnaireResponse", issues);
  for (const Issue& i : issues.issues()) {
    BOOST_TEST_MESSAGE(SeverityName(i.severity)
                       << " " << i.code << " " << i.location << " " << i.message);
  }
  return issues;
}

bool Has(const IssueList& l, std::string_view code, std::string_view location) {
  return std::any_of(l.issues().begin(), l.issues().end(),
                     [&](const Issue& i) { return i.code == code && i.location == location; });
}

std::size_t Errors(const IssueList& l) {
  return std::count_if(l.issues().begin(), l.issues().end(),
                       [](const Issue& i) { return i.severity == Severity::kError; });
}

constexpr std::string_view kString = R"([{"linkId":"q1","type":"string","required":true}])";

BOOST_AUTO_TEST_CASE(valid_response_has_no_issues) {
  IssueList l = CheckResponse(kString, R"([{"linkId":"q1","answer":[{"valueString":"a"}]}])");
  BOOST_TEST(l.issues().empty());
}

BOOST_AUTO_TEST_CASE(unknown_link_id_is_reported_at_parent) {
  IssueList l = CheckResponse(kString, R"([{"linkId":"q1","answer":[{"valueString":"a"}]},
                                          {"linkId":"zz","answer":[{"valueString":"a"}]}])");
  BOOST_TEST(Has(l, codes::kQLinkIdUnknown, "QuestionnaireResponse"));
}

BOOST_AUTO_TEST_CASE(required_item_missing_only_when_completed) {
  BOOST_TEST(Has(CheckResponse(kString, "[]"), codes::kQRequiredMissing, "QuestionnaireResponse"));
  BOOST_TEST(CheckResponse(kString, "[]", "in-progress").issues().empty());
  BOOST_TEST(Has(CheckResponse(kString, R"([{"linkId":"q1"}])"), codes::kQRequiredMissing,
                 "QuestionnaireResponse.item[0]"));
}

BOOST_AUTO_TEST_CASE(second_answer_to_non_repeating_item) {
  IssueList l = CheckResponse(
      kString, R"([{"linkId":"q1","answer":[{"valueString":"a"},{"valueString":"b"}]}])",
      "in-progress");
  BOOST_TEST(Has(l, codes::kQTooManyAnswers, "QuestionnaireResponse.item[0]"));
}

BOOST_AUTO_TEST_CASE(answer_type_must_match_item_type) {
  IssueList l = CheckResponse(R"([{"linkId":"q1","type":"integer"}])",
                              R"([{"linkId":"q1","answer":[{"valueString":"1"}]}])");
  BOOST_TEST(
      Has(l, codes::kQAnswerType, "QuestionnaireResponse.item[0].answer[0].value.ofType(string)"));
}

BOOST_AUTO_TEST_CASE(display_and_group_items_take_no_answers) {
  IssueList l = CheckResponse(
      R"([{"linkId":"d","type":"display"},{"linkId":"g","type":"group","item":[
          {"linkId":"g1","type":"string"}]}])",
      R"([{"linkId":"d","answer":[{"valueString":"x"}]},
          {"linkId":"g","answer":[{"valueString":"x"}],"item":[{"linkId":"g1"}]}])");
  BOOST_TEST(Has(l, codes::kQNotAnswerable, "QuestionnaireResponse.item[0]"));
  BOOST_TEST(Has(l, codes::kQNotAnswerable, "QuestionnaireResponse.item[1]"));
}

BOOST_AUTO_TEST_CASE(nesting_follows_the_questionnaire) {
  std::string_view q = R"([{"linkId":"g","type":"group","item":[
      {"linkId":"a","type":"string","required":true},{"linkId":"b","type":"string"}]}])";
  IssueList ok = CheckResponse(q, R"([{"linkId":"g","item":[
      {"linkId":"a","answer":[{"valueString":"x"}]}]}])");
  BOOST_TEST(ok.issues().empty());
  IssueList flat = CheckResponse(q, R"([{"linkId":"a","answer":[{"valueString":"x"}]}])");
  BOOST_TEST(Has(flat, codes::kQItemMisplaced, "QuestionnaireResponse.item[0]"));
  IssueList missing = CheckResponse(q, R"([{"linkId":"g","item":[{"linkId":"b"}]}])");
  BOOST_TEST(Has(missing, codes::kQRequiredMissing, "QuestionnaireResponse.item[0]"));
  IssueList order = CheckResponse(q, R"([{"linkId":"g","item":[
      {"linkId":"b","answer":[{"valueString":"x"}]},{"linkId":"a","answer":[{"valueString":"x"}]}]}])");
  BOOST_TEST(Has(order, codes::kQItemOrder, "QuestionnaireResponse.item[0].item[1]"));
}

BOOST_AUTO_TEST_CASE(answer_options) {
  std::string_view q = R"([{"linkId":"c","type":"choice","repeats":true,"answerOption":[
      {"valueCoding":{"system":"http://s","code":"a"}},
      {"valueCoding":{"system":"http://s","code":"x"},"extension":[{"url":
       "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive","valueBoolean":true}]}]},
      {"linkId":"i","type":"integer","answerOption":[{"valueInteger":1},{"valueInteger":2}]}])";
  IssueList l = CheckResponse(q, R"([{"linkId":"c","answer":[
      {"valueCoding":{"system":"http://s","code":"a"}},{"valueCoding":{"system":"http://s","code":"b"}},
      {"valueCoding":{"system":"http://s","code":"x"}}]},
      {"linkId":"i","answer":[{"valueInteger":3}]}])");
  BOOST_TEST(Has(l, codes::kQNotInOptions, "QuestionnaireResponse.item[0].answer[1]"));
  BOOST_TEST(Has(l, codes::kQExclusive, "QuestionnaireResponse.item[0].answer[2]"));
  BOOST_TEST(Has(l, codes::kQNotInOptions,
                 "QuestionnaireResponse.item[1].answer[0].value.ofType(integer)"));
  BOOST_TEST(Errors(l) == 3u);
}

BOOST_AUTO_TEST_CASE(value_limits) {
  std::string_view q = R"([
      {"linkId":"n","type":"decimal","extension":[
        {"url":"http://hl7.org/fhir/StructureDefinition/minValue","valueDecimal":2},
        {"url":"http://hl7.org/fhir/StructureDefinition/maxDecimalPlaces","valueInteger":1}]},
      {"linkId":"d","type":"date","extension":[
        {"url":"http://hl7.org/fhir/StructureDefinition/maxValue","valueDate":"2022-06"}]},
      {"linkId":"s","type":"string","maxLength":3,"extension":[
        {"url":"http://hl7.org/fhir/StructureDefinition/regex","valueString":"[a-z]+"}]}])";
  IssueList l = CheckResponse(q, R"([
      {"linkId":"n","answer":[{"valueDecimal":1.25}]},
      {"linkId":"d","answer":[{"valueDate":"2022-06-30"}]},
      {"linkId":"s","answer":[{"valueString":"abcD"}]}])");
  std::string n = "QuestionnaireResponse.item[0].answer[0].value.ofType(decimal)";
  BOOST_TEST(Has(l, codes::kQBelowMin, n));
  BOOST_TEST(Has(l, codes::kQDecimalPlaces, n));
  BOOST_TEST(
      Has(l, codes::kQAboveMax, "QuestionnaireResponse.item[1].answer[0].value.ofType(date)"));
  std::string s = "QuestionnaireResponse.item[2].answer[0].value.ofType(string)";
  BOOST_TEST(Has(l, codes::kQTooLong, s));
  BOOST_TEST(Has(l, codes::kQFormat, s));
}

BOOST_AUTO_TEST_CASE(quantity_bounds_need_ucum_units) {
  std::string_view q = R"([{"linkId":"q","type":"quantity","repeats":true,"extension":[
      {"url":"http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-minQuantity",
       "valueQuantity":{"value":50,"system":"http://unitsofmeasure.org","code":"km"}}]}])";
  IssueList l = CheckResponse(q, R"([{"linkId":"q","answer":[
      {"valueQuantity":{"value":10000,"system":"http://unitsofmeasure.org","code":"m"}},
      {"valueQuantity":{"value":60000,"system":"http://unitsofmeasure.org","code":"m"}},
      {"valueQuantity":{"value":10,"unit":"km"}},
      {"valueQuantity":{"value":10,"system":"http://unitsofmeasure.org","code":"kg"}}]}])");
  BOOST_TEST(
      Has(l, codes::kQBelowMin, "QuestionnaireResponse.item[0].answer[0].value.ofType(Quantity)"));
  BOOST_TEST(Has(l, codes::kQNotComparable,
                 "QuestionnaireResponse.item[0].answer[2].value.ofType(Quantity)"));
  BOOST_TEST(Has(l, codes::kQNotComparable,
                 "QuestionnaireResponse.item[0].answer[3].value.ofType(Quantity)"));
  BOOST_TEST(Errors(l) == 3u);
}

BOOST_AUTO_TEST_CASE(attachment_and_reference_limits) {
  std::string_view q = R"([
      {"linkId":"a","type":"attachment","extension":[
        {"url":"http://hl7.org/fhir/StructureDefinition/mimeType","valueCode":"image/gif"},
        {"url":"http://hl7.org/fhir/StructureDefinition/maxSize","valueDecimal":2}]},
      {"linkId":"r","type":"reference","repeats":true,"extension":[
        {"url":"http://hl7.org/fhir/StructureDefinition/questionnaire-referenceResource",
         "valueCode":"Patient"}]}])";
  IssueList l = CheckResponse(q, R"([
      {"linkId":"a","answer":[{"valueAttachment":{"contentType":"image/png","data":"YWJj","size":4}}]},
      {"linkId":"r","answer":[{"valueReference":{"reference":"Patient/1"}},
                              {"valueReference":{"reference":"Group/1"}},
                              {"valueReference":{"reference":"Pat ient/1"}}]}])");
  BOOST_TEST(Has(l, codes::kQMimeType, "QuestionnaireResponse.item[0].answer[0]"));
  BOOST_TEST(Has(l, codes::kQAttachmentTooLarge, "QuestionnaireResponse.item[0].answer[0]"));
  BOOST_TEST(Has(l, codes::kQAttachmentSize,
                 "QuestionnaireResponse.item[0].answer[0].value.ofType(Attachment)"));
  BOOST_TEST(Has(l, codes::kQReferenceType,
                 "QuestionnaireResponse.item[1].answer[1].value.ofType(Reference)"));
  BOOST_TEST(Has(l, codes::kQReferenceInvalid,
                 "QuestionnaireResponse.item[1].answer[2].value.ofType(Reference)"));
  BOOST_TEST(!Has(l, codes::kQReferenceType,
                  "QuestionnaireResponse.item[1].answer[0].value.ofType(Reference)"));
}

constexpr std::string_view kEnableWhen = R"([
    {"linkId":"n0","type":"integer"},{"linkId":"n1","type":"integer"},
    {"linkId":"n2","type":"integer","required":true,"enableBehavior":"all","enableWhen":[
      {"question":"n0","operator":"=","answerInteger":1},
      {"question":"n1","operator":">=","answerInteger":1}]}])";

BOOST_AUTO_TEST_CASE(enable_when_controls_required_and_answers) {
  // n1 = 0: n2 is not enabled, so not required, and must not be answered.
  IssueList off = CheckResponse(kEnableWhen, R"([{"linkId":"n0","answer":[{"valueInteger":1}]},
      {"linkId":"n1","answer":[{"valueInteger":0}]}])");
  BOOST_TEST(off.issues().empty());
  IssueList answered = CheckResponse(kEnableWhen, R"([{"linkId":"n0","answer":[{"valueInteger":1}]},
      {"linkId":"n1","answer":[{"valueInteger":0}]},{"linkId":"n2","answer":[{"valueInteger":5}]}])");
  BOOST_TEST(Has(answered, codes::kQNotEnabled, "QuestionnaireResponse.item[2]"));
  IssueList on = CheckResponse(kEnableWhen, R"([{"linkId":"n0","answer":[{"valueInteger":1}]},
      {"linkId":"n1","answer":[{"valueInteger":3}]}])");
  BOOST_TEST(Has(on, codes::kQRequiredMissing, "QuestionnaireResponse"));
}

BOOST_AUTO_TEST_CASE(enable_when_cycles_do_not_loop) {
  std::string_view q = R"([
      {"linkId":"a","type":"boolean","enableWhen":[{"question":"b","operator":"exists","answerBoolean":true}]},
      {"linkId":"b","type":"boolean","enableWhen":[{"question":"a","operator":"exists","answerBoolean":true}]}])";
  IssueList l = CheckResponse(q, R"([{"linkId":"a","answer":[{"valueBoolean":true}]}])");
  BOOST_TEST(Has(l, codes::kQNotEnabled, "QuestionnaireResponse.item[0]"));
}

BOOST_AUTO_TEST_CASE(questionnaire_rules) {
  json::Value q = ParseOrDie(R"({"resourceType":"Questionnaire","status":"draft","item":[
      {"linkId":"a","type":"integer","enableWhen":[
        {"question":"b","operator":"exists","answerBoolean":true},
        {"question":"zz","operator":"exists","answerBoolean":true}]},
      {"linkId":"b","type":"integer"},
      {"linkId":"g","type":"group","enableWhen":[{"question":"g1","operator":"exists","answerBoolean":true}],
       "item":[{"linkId":"g1","type":"string"}]}]})");
  IssueList l;
  CheckQuestionnaire(q, "Questionnaire", l);
  BOOST_TEST(Has(l, codes::kQEnableBehavior, "Questionnaire.item[0]"));
  BOOST_TEST(Has(l, codes::kQEnableWhenAfter, "Questionnaire.item[0]"));
  BOOST_TEST(Has(l, codes::kQEnableWhenTarget, "Questionnaire.item[0]"));
  BOOST_TEST(Has(l, codes::kQEnableWhenInner, "Questionnaire.item[2]"));
}

BOOST_AUTO_TEST_CASE(unresolved_questionnaire_is_a_warning) {
  json::Value qr = ParseOrDie(R"({"resourceType":"QuestionnaireResponse","status":"completed",
      "questionnaire":"http://example.org/Questionnaire/none","item":[{"linkId":"x"}]})");
  IssueList l;
  CheckQuestionnaireResources(qr, QuestionnaireCheckContext{}, "QuestionnaireResponse", l);
  BOOST_TEST(Has(l, codes::kQNotFound, "QuestionnaireResponse"));
  BOOST_TEST(Errors(l) == 0u);
}

BOOST_AUTO_TEST_CASE(deep_nesting_is_bounded) {
  std::string q = R"({"linkId":"x","type":"group"})";
  std::string r = R"({"linkId":"x"})";
  for (int i = 0; i < 60; ++i) {
    q = R"({"linkId":"g)" + std::to_string(i) + R"(","type":"group","item":[)" + q + "]}";
    r = R"({"linkId":"g)" + std::to_string(i) + R"(","item":[)" + r + "]}";
  }
  IssueList l = CheckResponse("[" + q + "]", "[" + r + "]");
  BOOST_TEST(std::any_of(l.issues().begin(), l.issues().end(),
                         [](const Issue& i) { return i.code == codes::kQTooLarge; }));
}

BOOST_AUTO_TEST_CASE(value_comparison) {
  json::Value a = ParseOrDie(R"({"valueDate":"2022-06-30","valueTime":"10:00:00"})");
  json::Value b = ParseOrDie(R"({"valueDate":"2022-06"})");
  TypedValue da = TypedMember(a, "value");
  TypedValue db = TypedMember(b, "value");
  BOOST_TEST(da.type == "Date");
  BOOST_TEST(CompareValues(da, db).value_or(0) > 0);
  BOOST_TEST(!ValuesEqual(da, db).value_or(true));
  BOOST_TEST(DataTypeOfSuffix("DateTime") == "dateTime");
  BOOST_TEST(DataTypeOfSuffix("Coding") == "Coding");
}

}  // namespace
}  // namespace gw::validation
