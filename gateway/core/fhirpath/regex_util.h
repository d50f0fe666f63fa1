// CompilePattern(): FHIRPath regular expressions → std::regex (ECMAScript flavour).
// FHIRPath matches in single-line mode ('.' also matches line breaks): unescaped '.' outside
// character classes is rewritten to [\s\S]. Patterns longer than 4096 bytes are refused.
// Errors: Status "<error_class> error: invalid regular expression ..." (class given by caller).
// Thread safety: reentrant; a compiled std::regex may be shared read-only between threads.
#pragma once

#include <memory>
#include <regex>
#include <string_view>

#include "gateway/core/base/status.h"

namespace gw::fhirpath {

Status CompilePattern(std::string_view pattern, std::string_view error_class,
                      std::shared_ptr<const std::regex>* out);

}  // namespace gw::fhirpath
