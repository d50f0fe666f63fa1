// Expander: enumerates the codes of a compiled value set, offline, once per value set.
//
// Includes are enumerated from concept lists and from loaded, complete code systems (whole
// system or filtered; is-a and descendent-of walk the hierarchy); included value sets
// intersect; excludes remove codes. When compose cannot be expanded offline (a code system not
// loaded, not complete, or syntax-checked only; an included value set missing; a filter not
// supported) and the ValueSet carries its own `expansion`, that expansion is returned instead
// (ExpansionSource::kStoredExpansion).
//
// Errors:
//   kInvalidArgument    the value set is invalid (cycle, nesting too deep, malformed compose);
//   kResourceExhausted  more than TerminologyOptions::max_expansion_size codes;
//   kUnimplemented      not expandable offline (the message names the code system or value set).
// ExpansionIssueCode() maps these to the stable issue codes of issue_codes.h.
//
// Thread safety: safe for concurrent calls; each value set is expanded at most once (the result,
// success or error, is kept in the CompiledValueSet).
// Lifetime: the returned expansion is shared; it may outlive the service.
#pragma once

#include <memory>

#include "gateway/core/base/status.h"
#include "gateway/core/terminology/expansion.h"
#include "gateway/core/terminology/options.h"
#include "gateway/core/terminology/value_set.h"

namespace gw::terminology {

Result<std::shared_ptr<const ValueSetExpansion>> ExpandCompiled(const CompiledValueSet& value_set,
                                                                const TerminologyOptions& options);

// "terminology-valueset-invalid", "terminology-expansion-too-large",
// "terminology-not-expandable", "terminology-valueset-not-found" (kNotFound).
const char* ExpansionIssueCode(const Status& status);

}  // namespace gw::terminology
