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
// A choice element written with a type the profile does not allow ("valueString" where only
// Quantity is allowed), located at "value.ofType(string)".
inline constexpr std::string_view kChoiceTypeNotAllowed = "structure-choice-type-not-allowed";
inline constexpr std::string_view kPrimitiveMismatch = "structure-primitive-extension-mismatch";
inline constexpr std::string_view kNoResourceType = "structure-missing-resource-type";  // invalid
inline constexpr std::string_view kUnknownResourceType = "structure-unknown-resource-type";
inline constexpr std::string_view kAbstractType = "structure-abstract-type";     // structure
inline constexpr std::string_view kWrongResourceType = "structure-wrong-resource-type";
inline constexpr std::string_view kInvalidResourceId = "structure-invalid-resource-id";
inline constexpr std::string_view kDuplicateElementId = "structure-duplicate-element-id";
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
inline constexpr std::string_view kExtensionValueType = "extension-value-type";  // structure
// A version in an extension url ("url|version"): error, or warning when nothing matches it.
inline constexpr std::string_view kExtensionVersionedUrl = "extension-versioned-url";  // invalid
// A loaded profile uses the extension but its definition (package) is not loaded: warning.
inline constexpr std::string_view kExtensionNotCheckable = "extension-not-checkable";  // not-found
// References.
inline constexpr std::string_view kReferenceTarget = "reference-wrong-target-type";  // structure
inline constexpr std::string_view kReferenceFormat = "reference-bad-format";     // invalid
inline constexpr std::string_view kReferenceUnresolved = "reference-unresolved"; // not-found
// A target profile of a reference that resolves inside the instance is not known.
inline constexpr std::string_view kReferenceTargetProfile = "reference-target-profile-unknown";
// The target's place (contained, bundled, elsewhere) is not among the aggregation modes.
// A target inside the instance conforms to none of the reference's (non-core) target profiles.
inline constexpr std::string_view kReferenceTargetNotConformant = "reference-target-not-conformant";
inline constexpr std::string_view kReferenceAggregation = "reference-aggregation";  // structure
inline constexpr std::string_view kContainedUnreferenced = "contained-unreferenced";
// A resource marked experimental where experimental content is not allowed.
inline constexpr std::string_view kExperimentalContent = "structure-experimental-content";
// Bundles.
inline constexpr std::string_view kBundleRule = "bundle-rule";                   // invalid
inline constexpr std::string_view kBundleDuplicate = "bundle-duplicate-entry";   // invalid
// Document and message Bundles (bundle_links.h); invalid.
inline constexpr std::string_view kBundleReferenceUnresolved = "bundle-reference-unresolved";
inline constexpr std::string_view kBundleReferenceAmbiguous = "bundle-reference-ambiguous";
inline constexpr std::string_view kBundleEntryUnreachable = "bundle-entry-unreachable";
// Data type rules (coding_system_check.h, attachment_check.h, html_text_check.h).
// invalid
inline constexpr std::string_view kCodingSystemNotAbsolute = "coding-system-not-absolute";
inline constexpr std::string_view kCodingSystemIsValueSet = "coding-system-is-value-set";  // invalid
inline constexpr std::string_view kAttachmentSize = "attachment-size-mismatch";  // structure
// A canonical that is neither absolute nor a fragment reference ("#id").
inline constexpr std::string_view kCanonicalRelative = "value-canonical-relative";  // invalid
// A uri/url/canonical value on an example domain where examples are not allowed.
inline constexpr std::string_view kExampleUrl = "value-example-url";           // invalid
inline constexpr std::string_view kHtmlInString = "text-html-in-string";         // invalid
inline constexpr std::string_view kHtmlInMarkdown = "text-html-in-markdown";     // invalid
// Conformance resources (search_parameter_check.h).
// invalid
inline constexpr std::string_view kSearchParameterExpression = "search-parameter-expression";
inline constexpr std::string_view kSearchParameterParentUnknown =
    "search-parameter-parent-unknown";  // business-rule
inline constexpr std::string_view kSearchParameterParentMismatch =
    "search-parameter-parent-mismatch";  // business-rule
inline constexpr std::string_view kSearchParameterComponents =
    "search-parameter-components";  // business-rule
// StructureDefinition instances (structure_definition_check.h); all "invalid".
inline constexpr std::string_view kDefinitionRootSlicing = "definition-root-slicing";
inline constexpr std::string_view kDefinitionTypeMismatch = "definition-type-mismatch";
inline constexpr std::string_view kDefinitionDiscriminatorPath = "definition-discriminator-path";
inline constexpr std::string_view kDefinitionSnapshot = "definition-snapshot";
// A differential fixed value that differs from the one its base fixes (derived_fixed_values.h).
inline constexpr std::string_view kDefinitionFixedConflict = "definition-fixed-conflict";
// MeasureReport against its Measure (measure_report_check.h): business-rule.
inline constexpr std::string_view kMeasureReportMismatch = "measure-report-mismatch";
inline constexpr std::string_view kMeasureReportCount = "measure-report-count";  // warning
// CapabilityStatement (capability_statement_check.h).
inline constexpr std::string_view kCapabilitySearchParamType =
    "capability-search-param-type";  // invalid
// ValueSet parameters (value_set_parameter_check.h); all "invalid" except unused (warning).
inline constexpr std::string_view kValueSetParameterLanguage = "value-set-parameter-language";
inline constexpr std::string_view kValueSetParameterExpression = "value-set-parameter-expression";
inline constexpr std::string_view kValueSetParameterUnknown = "value-set-parameter-unknown";
inline constexpr std::string_view kValueSetParameterUnused = "value-set-parameter-unused";
// Narrative.
inline constexpr std::string_view kNarrative = "narrative-invalid-xhtml";        // invalid
// Links inside a narrative (narrative_links.h).
inline constexpr std::string_view kNarrativeLinkEmpty = "narrative-link-empty";  // invalid
inline constexpr std::string_view kNarrativeLinkUnresolved = "narrative-link-unresolved";
inline constexpr std::string_view kNarrativeLinkAmbiguous = "narrative-link-ambiguous";
inline constexpr std::string_view kNarrativeLinkScheme = "narrative-link-bad-scheme";  // invalid

}  // namespace gw::validation::codes
