// Stable issue codes of the validator (tests assert these, never message text) and the
// OperationOutcome issue type each maps to (see operation_outcome.h).
#pragma once

#include <string_view>

namespace gw::validation::codes {

// Structure of the JSON.
inline constexpr std::string_view kNotObject = "structure-not-object";           // invalid
inline constexpr std::string_view kEmptyObject = "structure-empty-object";       // invalid
inline constexpr std::string_view kEmptyArray = "structure-empty-array";         // invalid
inline constexpr std::string_view kNotArray = "structure-not-array";             // invalid
inline constexpr std::string_view kUnexpectedArray = "structure-unexpected-array";  // invalid
inline constexpr std::string_view kNullValue = "structure-null";                 // invalid
inline constexpr std::string_view kUnknownElement = "structure-unknown-element"; // structure
inline constexpr std::string_view kPrimitiveMismatch = "structure-primitive-extension-mismatch";
inline constexpr std::string_view kNoResourceType = "structure-missing-resource-type";  // invalid
inline constexpr std::string_view kUnknownResourceType = "structure-unknown-resource-type";
inline constexpr std::string_view kAbstractType = "structure-abstract-type";     // structure
inline constexpr std::string_view kWrongResourceType = "structure-wrong-resource-type";
inline constexpr std::string_view kInvalidResourceId = "structure-invalid-resource-id";
inline constexpr std::string_view kTooDeep = "structure-too-deep";               // too-costly
inline constexpr std::string_view kTooManyElements = "structure-too-many-elements";  // too-costly
// Cardinality.
inline constexpr std::string_view kMinCardinality = "cardinality-min";           // required
inline constexpr std::string_view kMaxCardinality = "cardinality-max";           // structure
// Primitive values.
inline constexpr std::string_view kPrimitiveWrongJson = "primitive-wrong-json-type";  // invalid
inline constexpr std::string_view kPrimitiveEmpty = "primitive-empty";           // invalid
inline constexpr std::string_view kPrimitiveFormat = "primitive-bad-format";     // invalid
inline constexpr std::string_view kPrimitiveRange = "primitive-out-of-range";    // invalid
inline constexpr std::string_view kMaxLength = "value-too-long";                 // invalid
inline constexpr std::string_view kMinValue = "value-below-min";                 // invalid
inline constexpr std::string_view kMaxValue = "value-above-max";                 // invalid
inline constexpr std::string_view kFixed = "value-fixed-mismatch";               // value
inline constexpr std::string_view kPattern = "value-pattern-mismatch";           // value
// Invariants.
inline constexpr std::string_view kConstraint = "constraint-failed";             // invariant
inline constexpr std::string_view kConstraintError = "constraint-evaluation-error";  // exception
// Profiles, slicing, extensions.
inline constexpr std::string_view kUnknownProfile = "profile-unknown";           // not-found
inline constexpr std::string_view kSliceUnmatched = "slicing-closed-unmatched";  // structure
inline constexpr std::string_view kSliceOrder = "slicing-out-of-order";          // structure
inline constexpr std::string_view kUnknownExtension = "extension-unknown";       // structure
inline constexpr std::string_view kExtensionNoUrl = "extension-missing-url";     // structure
inline constexpr std::string_view kExtensionModifier = "extension-modifier-mismatch";  // structure
inline constexpr std::string_view kExtensionContext = "extension-wrong-context"; // structure
// A loaded profile uses the extension but its definition (package) is not loaded: warning.
inline constexpr std::string_view kExtensionNotCheckable = "extension-not-checkable";  // not-found
// References.
inline constexpr std::string_view kReferenceTarget = "reference-wrong-target-type";  // structure
inline constexpr std::string_view kReferenceFormat = "reference-bad-format";     // invalid
inline constexpr std::string_view kReferenceUnresolved = "reference-unresolved"; // not-found
inline constexpr std::string_view kContainedUnreferenced = "contained-unreferenced";
// Bundles.
inline constexpr std::string_view kBundleRule = "bundle-rule";                   // invalid
inline constexpr std::string_view kBundleDuplicate = "bundle-duplicate-entry";   // invalid
// Data type rules (coding_system_check.h, attachment_check.h, html_text_check.h).
// invalid
inline constexpr std::string_view kCodingSystemNotAbsolute = "coding-system-not-absolute";
inline constexpr std::string_view kAttachmentSize = "attachment-size-mismatch";  // structure
inline constexpr std::string_view kAttachmentExampleUrl = "attachment-example-url";  // invalid
inline constexpr std::string_view kHtmlInString = "text-html-in-string";         // invalid
inline constexpr std::string_view kHtmlInMarkdown = "text-html-in-markdown";     // invalid
// Narrative.
inline constexpr std::string_view kNarrative = "narrative-invalid-xhtml";        // invalid

}  // namespace gw::validation::codes
