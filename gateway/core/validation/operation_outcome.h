// ToOperationOutcome(): validation Issues → a FHIR R4 OperationOutcome (JSON tree), for the
// edge (HTTP answers, the CLI). Each issue becomes issue[] with severity, an OperationOutcome
// issue type code chosen from the stable code (IssueTypeOf), details.text = the message,
// details.coding = the stable code (system ValidatorIssueCodeSystem()) and expression = the
// location. With no issues, one "information"/"informational" (code) issue says "All OK" (R4 requires
// at least one issue).
// Thread safety: pure functions.
#pragma once

#include <span>
#include <string_view>

#include "gateway/core/base/issue.h"
#include "gateway/core/json/value.h"

namespace gw::validation {

// The OperationOutcome issue type for a stable issue code ("structure-unknown-element" →
// "structure", "cardinality-min" → "required", "constraint-failed" → "invariant", ...);
// "processing" when the code is not known.
std::string_view IssueTypeOf(std::string_view code);

// The system of details.coding for the stable codes.
std::string_view ValidatorIssueCodeSystem();

json::Value ToOperationOutcome(std::span<const Issue> issues);

}  // namespace gw::validation
