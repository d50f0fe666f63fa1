// Stable issue codes of the Questionnaire / QuestionnaireResponse checks (tests assert these,
// never message text). All start with "questionnaire-" so they never collide with the codes of
// issue_codes.h. The comment gives the severity each is reported with.
#pragma once

#include <string_view>

namespace gw::validation::codes {

// Finding the Questionnaire of a response.
inline constexpr std::string_view kQNoQuestionnaire = "questionnaire-none";               // warning
inline constexpr std::string_view kQNotFound = "questionnaire-not-found";                 // warning
inline constexpr std::string_view kQWrongResource = "questionnaire-wrong-resource-type";  // error
inline constexpr std::string_view kQAuthoredOutsidePeriod = "questionnaire-authored-outside-period";
inline constexpr std::string_view kQTooLarge = "questionnaire-too-large";  // warning
// Items of the response against the items of the Questionnaire.
inline constexpr std::string_view kQLinkIdUnknown = "questionnaire-linkid-unknown";       // error
inline constexpr std::string_view kQItemMisplaced = "questionnaire-item-misplaced";       // error
inline constexpr std::string_view kQItemOrder = "questionnaire-item-order";               // error
inline constexpr std::string_view kQItemRepeated = "questionnaire-item-repeated";         // error
inline constexpr std::string_view kQRequiredMissing = "questionnaire-required-missing";   // error
inline constexpr std::string_view kQGroupEmpty = "questionnaire-group-empty";             // error
inline constexpr std::string_view kQNotAnswerable = "questionnaire-item-not-answerable";  // error
inline constexpr std::string_view kQNotEnabled = "questionnaire-item-not-enabled";        // error
inline constexpr std::string_view kQTooManyAnswers = "questionnaire-answers-too-many";    // error
inline constexpr std::string_view kQTooFewAnswers = "questionnaire-answers-too-few";      // error
// Answer values.
inline constexpr std::string_view kQAnswerType = "questionnaire-answer-wrong-type";        // error
inline constexpr std::string_view kQNotInOptions = "questionnaire-answer-not-in-options";  // error
inline constexpr std::string_view kQOptionsUnchecked = "questionnaire-answer-options-unchecked";
inline constexpr std::string_view kQExclusive = "questionnaire-answer-exclusive";  // error
inline constexpr std::string_view kQNotInValueSet =
    "questionnaire-answer-not-in-valueset";                                                 // error
inline constexpr std::string_view kQDisplay = "questionnaire-answer-wrong-display";         // error
inline constexpr std::string_view kQValueSetNotFound = "questionnaire-valueset-not-found";  // warn
inline constexpr std::string_view kQBelowMin = "questionnaire-answer-below-min";            // error
inline constexpr std::string_view kQAboveMax = "questionnaire-answer-above-max";            // error
inline constexpr std::string_view kQNotComparable = "questionnaire-answer-not-comparable";  // error
inline constexpr std::string_view kQTooLong = "questionnaire-answer-too-long";              // error
inline constexpr std::string_view kQTooShort = "questionnaire-answer-too-short";            // error
inline constexpr std::string_view kQFormat = "questionnaire-answer-bad-format";             // error
inline constexpr std::string_view kQDecimalPlaces = "questionnaire-answer-decimal-places";  // error
inline constexpr std::string_view kQNewline = "questionnaire-answer-newline";         // warning
inline constexpr std::string_view kQMimeType = "questionnaire-attachment-mime-type";  // error
inline constexpr std::string_view kQAttachmentSize = "questionnaire-attachment-size-mismatch";
inline constexpr std::string_view kQAttachmentTooLarge = "questionnaire-attachment-too-large";
inline constexpr std::string_view kQUnit = "questionnaire-quantity-unit-not-allowed";      // error
inline constexpr std::string_view kQReferenceType = "questionnaire-reference-type";        // error
inline constexpr std::string_view kQReferenceInvalid = "questionnaire-reference-invalid";  // error
inline constexpr std::string_view kQUri = "questionnaire-answer-bad-uri";                  // error
// Rules of the Questionnaire itself.
inline constexpr std::string_view kQEnableBehavior = "questionnaire-enable-behavior-missing";
inline constexpr std::string_view kQEnableWhenTarget = "questionnaire-enablewhen-unknown-target";
inline constexpr std::string_view kQEnableWhenInner = "questionnaire-enablewhen-inner-target";
inline constexpr std::string_view kQEnableWhenAfter = "questionnaire-enablewhen-after";  // warning

}  // namespace gw::validation::codes
