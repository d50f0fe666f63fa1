// A small XML reader for test data (the FHIRPath test suite file): elements, attributes, text,
// the predefined and numeric character entities, comments, CDATA sections and processing
// instructions. No DTDs or namespaces processing (prefixed names are kept as written).
// Errors: Status kInvalidArgument with the byte offset. Nesting is capped at 256 levels.
// Thread safety: reentrant.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gateway/core/base/status.h"

namespace gw::testing {

struct XmlElement {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;
  std::string text;  // concatenated character data directly inside this element
  std::vector<XmlElement> children;

  // Attribute value or nullptr.
  const std::string* Attr(std::string_view key) const;
};

Result<XmlElement> ParseXml(std::string_view text);

}  // namespace gw::testing
