#include "gateway/core/fhirpath/regex_util.h"

#include <string>

namespace gw::fhirpath {

Status CompilePattern(std::string_view pattern, std::string_view error_class,
                      std::shared_ptr<const Regex>* out) {
  auto re = Regex::Compile(pattern);
  if (!re.ok()) {
    return Status(re.status().code(), std::string(error_class) + " error: " + re.status().message());
  }
  *out = std::move(re).value();
  return Status::Ok();
}

}  // namespace gw::fhirpath
