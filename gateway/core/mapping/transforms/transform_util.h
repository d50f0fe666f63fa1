// Helpers shared by the transform families (internal to gateway/core/mapping/transforms).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "gateway/core/fhirpath/evaluator.h"
#include "gateway/core/mapping/transform_state.h"

namespace gw::mapping::transforms {

// The TransformState of this evaluation; null when the caller gave none.
TransformState* StateOf(fhirpath::CallContext& call);

// Records the failure (code, detail, the node of `from` when it is one) and returns the
// execution error that stops the evaluation.
Status Fail(fhirpath::CallContext& call, const char* code, std::string detail,
            const fhirpath::Collection& from);

// The single string of `c` (nullopt when empty); a non-string or several values fail with
// mapping-bad-value.
Status TextOf(fhirpath::CallContext& call, const fhirpath::Collection& c, std::string_view what,
              std::optional<std::string>* out);

fhirpath::FunctionDef MakeDef(std::string name, int min_args, int max_args,
                              fhirpath::FunctionImpl impl);

bool AllDigits(std::string_view s);

}  // namespace gw::mapping::transforms
