// Stable issue codes of the terminology layer. Tests and callers match these strings; their
// meaning never changes once released (new situations get new codes).
#pragma once

namespace gw::terminology {

// A coded value is not in the bound value set (error for required, warning for extensible).
inline constexpr char kIssueCodeNotInValueSet[] = "terminology-code-not-in-valueset";
// The code is not defined by its code system, which is loaded and complete (or the code is not
// well formed for a syntax-checked system such as BCP-47, UCUM or MIME types).
inline constexpr char kIssueCodeUnknown[] = "terminology-code-unknown";
// Membership could not be decided offline (code system or value set not available).
inline constexpr char kIssueCodeNotChecked[] = "terminology-not-checked";
// The bound value set is not known to the resolver.
inline constexpr char kIssueCodeValueSetNotFound[] = "terminology-valueset-not-found";
// The value set cannot be used: include cycle, nesting too deep, malformed compose or filter.
inline constexpr char kIssueCodeValueSetInvalid[] = "terminology-valueset-invalid";
// An expansion would exceed TerminologyOptions::max_expansion_size.
inline constexpr char kIssueCodeExpansionTooLarge[] = "terminology-expansion-too-large";
// The value set cannot be expanded offline (a code system is not loaded or not enumerable).
inline constexpr char kIssueCodeNotExpandable[] = "terminology-not-expandable";
// The display given with a code is not one of the code's displays or designations (warning).
inline constexpr char kIssueCodeDisplayMismatch[] = "terminology-display-mismatch";
// A required or extensible binding, but no code at all (and, for required, text is not enough).
inline constexpr char kIssueCodeMissing[] = "terminology-code-missing";

}  // namespace gw::terminology
