// Stable issue codes of search indexing. Tests and callers match these strings; their meaning
// never changes once released (new situations get new codes).
#pragma once

namespace gw::search {

// A SearchParameter definition cannot be used: no code, unknown type, no base (warning; the
// definition is skipped).
inline constexpr char kIssueParamInvalid[] = "search-param-invalid";
// A SearchParameter expression does not compile for one of its base types (warning; the
// parameter is not indexed for that type).
inline constexpr char kIssueParamExpression[] = "search-param-expression";
// A second definition of the same code for the same resource type (information; the first one
// loaded is kept).
inline constexpr char kIssueParamDuplicate[] = "search-param-duplicate";
// Evaluating a parameter's expression on a resource failed (warning; that parameter gets no
// index entries for the resource).
inline constexpr char kIssueExtractFailed[] = "search-extract-failed";

}  // namespace gw::search
