#include "gateway/core/fhirpath/regex_util.h"

#include <string>

namespace gw::fhirpath {

namespace {

std::string SingleLine(std::string_view p) {
  std::string r;
  bool in_class = false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      r.push_back(c);
      r.push_back(p[++i]);
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      r.push_back(c);
    } else if (c == '[') {
      in_class = true;
      r.push_back(c);
    } else if (c == '.') {
      r += "[\\s\\S]";
    } else {
      r.push_back(c);
    }
  }
  return r;
}

}  // namespace

Status CompilePattern(std::string_view pattern, std::string_view error_class,
                      std::shared_ptr<const std::regex>* out) {
  if (pattern.size() > 4096) {
    return InvalidArgument(std::string(error_class) + " error: regular expression too long");
  }
  try {
    *out = std::make_shared<const std::regex>(SingleLine(pattern), std::regex::ECMAScript);
  } catch (const std::regex_error&) {
    return InvalidArgument(std::string(error_class) + " error: invalid regular expression '" +
                           std::string(pattern) + "'");
  }
  return Status::Ok();
}

}  // namespace gw::fhirpath
