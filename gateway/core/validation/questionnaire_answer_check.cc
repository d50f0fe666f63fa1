// Answer type, answerOption and answerValueSet checks; the value limits are in
// questionnaire_answer_limits.cc.
#include "gateway/core/validation/questionnaire_answer_check.h"

#include <string>

#include "gateway/core/terminology/terminology_service.h"
#include "gateway/core/validation/json_util.h"
#include "gateway/core/validation/questionnaire_answer_limits.h"
#include "gateway/core/validation/questionnaire_codes.h"
#include "gateway/core/validation/questionnaire_values.h"

namespace gw::validation {
namespace {

constexpr std::string_view kOptionExclusive =
    "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive";

// The value[x] suffixes an item type accepts; the first is the one named in messages.
std::vector<std::string_view> AcceptedSuffixes(std::string_view item_type) {
  struct Row {
    std::string_view type;
    std::vector<std::string_view> suffixes;
  };
  static const Row kRows[] = {
      {"boolean", {"Boolean"}},
      {"decimal", {"Decimal"}},
      {"integer", {"Integer"}},
      {"date", {"Date"}},
      {"dateTime", {"DateTime"}},
      {"time", {"Time"}},
      {"string", {"String"}},
      {"text", {"String"}},
      {"url", {"Uri"}},
      {"choice", {"Coding", "String"}},
      {"open-choice", {"Coding", "String"}},
      {"attachment", {"Attachment"}},
      {"reference", {"Reference"}},
      {"quantity", {"Quantity"}},
  };
  for (const Row& r : kRows) {
    if (r.type == item_type) return r.suffixes;
  }
  return {};
}

// True for the types of QuestionnaireResponse.item.answer.value[x] in R4; another suffix
// ("valueCode") is an unknown property, reported by the structure check and not judged here.
bool IsAnswerValueSuffix(std::string_view suffix) {
  static constexpr std::string_view kSuffixes[] = {
      "Boolean", "Decimal", "Integer", "Date",       "DateTime",  "Time",
      "String",  "Uri",     "Coding",  "Attachment", "Reference", "Quantity"};
  for (std::string_view s : kSuffixes) {
    if (s == suffix) return true;
  }
  return false;
}

bool CheckType(const AnswerAt& at, IssueSink& sink) {
  std::vector<std::string_view> accepted = AcceptedSuffixes(at.item.type);
  if (accepted.empty()) return true;  // group/display/question are handled by the caller
  for (std::string_view s : accepted) {
    if (s == at.value.type) return true;
  }
  ReportAt(sink, Severity::kError, codes::kQAnswerType, at.value_loc,
           "Answer value must be of the type " + std::string(DataTypeOfSuffix(accepted[0])) +
               " not " + std::string(DataTypeOfSuffix(at.value.type)) + " (item '" +
               std::string(at.item.link_id) + "')");
  return false;
}

bool IsExclusive(const json::Value& option) {
  for (const json::Value* v : ExtensionValues(option, kOptionExclusive)) {
    if (v->is_bool() && v->bool_value()) return true;
  }
  return false;
}

void CheckOptions(const AnswerAt& at, const json::Value& options, IssueSink& sink) {
  bool open = at.item.type == "open-choice";
  if (open && at.value.type == "String") return;  // free text is allowed
  bool same_type = false;
  for (const json::Value& option : options.items()) {
    TypedValue ov = TypedMember(option, "value");
    if (!ov || ov.type != at.value.type) continue;
    same_type = true;
    if (!ValuesEqual(at.value, ov).value_or(false)) continue;
    if (IsExclusive(option) && at.answer_count > 1) {
      ReportAt(sink, Severity::kError, codes::kQExclusive, at.answer_loc,
               "The selected answer is an exclusive option and cannot be combined with other "
               "answers (item '" +
                   std::string(at.item.link_id) + "')");
    }
    return;
  }
  bool coding = at.value.type == "Coding";
  std::string where = " (item '" + std::string(at.item.link_id) + "')";
  if (!same_type) {
    ReportAt(sink, open ? Severity::kWarning : Severity::kError, codes::kQNotInOptions,
             at.answer_loc,
             "The option list has no options of type " +
                 std::string(DataTypeOfSuffix(at.value.type)) + where);
    return;
  }
  ReportAt(sink, open ? Severity::kWarning : Severity::kError, codes::kQNotInOptions,
           coding ? at.answer_loc : at.value_loc,
           "The " + std::string(DataTypeOfSuffix(at.value.type)) +
               " answer is not in the set of permitted values" + where);
}

// Membership of a Coding answer with the offline service, which also knows the code's
// displays: a display that is not one of them is an error at "<value>.display".
std::optional<bool> CheckCodeAndDisplay(const AnswerAt& at,
                                        const terminology::TerminologyService& service,
                                        std::string_view value_set, IssueSink& sink) {
  const json::Value& coding = *at.value.value;
  terminology::CodeValidation v =
      service.ValidateCode(value_set, StringMember(coding, "system"), StringMember(coding, "code"),
                           StringMember(coding, "display"));
  if (v.display == terminology::DisplayCheck::kMismatch) {
    ReportAt(sink, Severity::kError, codes::kQDisplay, at.value_loc + ".display",
             "Wrong display for the code; the valid display is '" + v.expected_display +
                 "' (item '" + std::string(at.item.link_id) + "')");
    return false;  // the Coding as given (with its display) does not validate
  }
  if (v.membership == terminology::Membership::kMember) return true;
  if (v.membership == terminology::Membership::kNotMember) return false;
  return std::nullopt;
}

void CheckValueSet(const AnswerAt& at, std::string_view value_set,
                   const AnswerCheckContext& context, bool* not_found_reported, IssueSink& sink) {
  if (at.value.type != "Coding" || value_set.empty() || value_set[0] == '#') return;
  if (context.registry != nullptr && context.registry->ResolveDefinition(value_set) == nullptr) {
    if (!*not_found_reported) {
      *not_found_reported = true;
      ReportAt(sink, Severity::kWarning, codes::kQValueSetNotFound, at.answer_loc,
               "ValueSet '" + std::string(value_set) + "' not found; answers not checked");
    }
    return;
  }
  if (context.terminology == nullptr || !at.value.value->is_object()) return;
  const json::Value& coding = *at.value.value;
  std::string_view code = StringMember(coding, "code");
  if (code.empty()) return;
  std::optional<bool> member;
  if (const auto* offline =
          dynamic_cast<const terminology::TerminologyService*>(context.terminology)) {
    member = CheckCodeAndDisplay(at, *offline, value_set, sink);
  } else {
    member = context.terminology->IsMember(StringMember(coding, "system"), code, value_set);
  }
  if (member.has_value() && !*member) {
    ReportAt(sink, Severity::kError, codes::kQNotInValueSet, at.answer_loc,
             "The code is not in the options value set '" + std::string(value_set) +
                 "' specified by the questionnaire (item '" + std::string(at.item.link_id) + "')");
  }
}

void CheckChoiceString(const AnswerAt& at, IssueSink& sink) {
  if (at.item.type != "choice" || at.value.type != "String") return;
  ReportAt(sink, Severity::kInformation, codes::kQOptionsUnchecked, at.answer_loc,
           "Cannot validate a string answer because no option list is provided (item '" +
               std::string(at.item.link_id) + "')");
}

}  // namespace

std::vector<const json::Value*> ExtensionValues(const json::Value& node, std::string_view url) {
  std::vector<const json::Value*> out;
  const json::Value* exts = node.is_object() ? node.Find("extension") : nullptr;
  if (exts == nullptr || !exts->is_array()) return out;
  for (const json::Value& e : exts->items()) {
    if (!e.is_object() || StringMember(e, "url") != url) continue;
    const json::Value* v = PrefixedMember(e, "value", nullptr);
    if (v != nullptr) out.push_back(v);
  }
  return out;
}

void ReportAt(IssueSink& sink, Severity severity, std::string_view code, std::string location,
              std::string message) {
  sink.Report(Issue{severity, std::string(code), std::move(location), std::move(message)});
}

void CheckAnswers(const QuestionnaireItem& item, const json::Value& answers,
                  const AnswerCheckContext& context, std::string_view item_location,
                  IssueSink& sink) {
  if (!answers.is_array()) return;
  const json::Value* options = item.node->Find("answerOption");
  bool has_options = options != nullptr && options->is_array() && !options->items().empty();
  std::string_view value_set = StringMember(*item.node, "answerValueSet");
  bool value_set_reported = false;
  std::size_t j = 0;
  for (const json::Value& answer : answers.items()) {
    std::size_t index = j++;
    TypedValue value = TypedMember(answer, "value");
    if (!value || !IsAnswerValueSuffix(value.type)) continue;
    AnswerAt at{item, answer, value, {}, {}, answers.items().size(), context};
    at.answer_loc = std::string(item_location) + ".answer[" + std::to_string(index) + "]";
    at.value_loc =
        at.answer_loc + ".value.ofType(" + std::string(DataTypeOfSuffix(value.type)) + ")";
    if (!CheckType(at, sink)) continue;
    if (has_options) {
      CheckOptions(at, *options, sink);
    } else if (!value_set.empty()) {
      CheckValueSet(at, value_set, context, &value_set_reported, sink);
    } else {
      CheckChoiceString(at, sink);
    }
    CheckLimits(at, sink);
  }
}

}  // namespace gw::validation
