// Stable issue codes of the mapping engine.
//
// Record-level codes (MappingIssue.issue.code; the record is rejected): a transform found a
// value it cannot map, or a template produced something it may not.
// Load-level codes (MappingLoadError.code; the mapping file is refused at start-up).
#pragma once

namespace gw::mapping::codes {

// Record level.
inline constexpr char kBadDate[] = "mapping-bad-date";            // usDate(), isoDate()
inline constexpr char kBadDateTime[] = "mapping-bad-datetime";    // localDateTime()
inline constexpr char kBadPhone[] = "mapping-bad-phone";          // phone()
inline constexpr char kBadZip[] = "mapping-bad-zip";              // zip()
inline constexpr char kUnknownCode[] = "mapping-unknown-code";    // translate()
inline constexpr char kBadValue[] = "mapping-bad-value";          // a transform's wrong input type
inline constexpr char kMultipleValues[] = "mapping-multiple-values";  // several values, one slot
inline constexpr char kMissingId[] = "mapping-missing-id";        // the id expression was empty
inline constexpr char kMissingKey[] = "mapping-missing-key";      // the record lacks its key
inline constexpr char kNoResources[] = "mapping-no-resources";  // no rule applied
inline constexpr char kNotObject[] = "mapping-record-not-object";
inline constexpr char kEvaluation[] = "mapping-evaluation-error";  // any other FHIRPath failure

// Load level.
inline constexpr char kLoadJson[] = "mapping-json";
inline constexpr char kLoadMissingKey[] = "mapping-required-key";
inline constexpr char kLoadUnknownKey[] = "mapping-unknown-key";
inline constexpr char kLoadBadTemplate[] = "mapping-bad-template";
inline constexpr char kLoadUnknownType[] = "mapping-unknown-resource-type";
inline constexpr char kLoadSyntax[] = "mapping-fhirpath-syntax";
inline constexpr char kLoadUnknownFunction[] = "mapping-unknown-function";
inline constexpr char kLoadSemantic[] = "mapping-fhirpath-semantic";
inline constexpr char kLoadUnknownConceptMap[] = "mapping-unknown-conceptmap";
inline constexpr char kLoadBadConceptMap[] = "mapping-bad-conceptmap";
inline constexpr char kLoadBadNamespace[] = "mapping-bad-namespace";

}  // namespace gw::mapping::codes
