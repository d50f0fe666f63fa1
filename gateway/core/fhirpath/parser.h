// Parser: tokens → syntax tree, with FHIRPath 2.0 operator precedence.
//
// Returns the root node or Status kInvalidArgument "syntax error at P: reason". Nesting is capped
// at `max_depth` (kResourceExhausted beyond it) so hostile input cannot exhaust the stack.
// Function names are not resolved here (see Compile()).
// Thread safety: reentrant.
#pragma once

#include <memory>
#include <string_view>

#include "gateway/core/base/status.h"
#include "gateway/core/fhirpath/ast.h"

namespace gw::fhirpath {

Result<std::unique_ptr<Node>> Parse(std::string_view text, int max_depth = 200);

}  // namespace gw::fhirpath
