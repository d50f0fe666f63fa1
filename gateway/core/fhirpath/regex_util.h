// CompilePattern(): a FHIRPath regular expression (matches(), replaceMatches()) → gw::Regex.
// FHIRPath matches in single-line mode ('.' also matches line breaks). Matching is linear in
// the subject (no backtracking), so a hostile pattern cannot hang evaluation.
// Errors: Status "<error_class> error: invalid regular expression ..." (class given by caller:
// "semantic" for literal patterns checked at compile time, "execution" otherwise).
// Thread safety: reentrant; a compiled Regex may be shared read-only between threads.
#pragma once

#include <memory>
#include <string_view>

#include "gateway/core/base/status.h"
#include "gateway/core/regex/regex.h"

namespace gw::fhirpath {

Status CompilePattern(std::string_view pattern, std::string_view error_class,
                      std::shared_ptr<const Regex>* out);

}  // namespace gw::fhirpath
