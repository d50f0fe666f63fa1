// ParseReference(): the parts of a Reference.reference text as search indexing and the
// resolve() stub need them.
//
//   "Patient/123"                               → kLocal, type Patient, id 123
//   "Patient/123/_history/2"                    → kLocal, version 2
//   "https://x.org/fhir/Patient/123"            → kAbsolute, base "https://x.org/fhir"
//   "#p1"                                       → kContained, id "p1"
//   "urn:uuid:…", "urn:oid:…"                   → kUrn
//   anything else ("http://x.org/whatever")     → kOther
// Type names are checked with `is_resource_type`; ids against the FHIR id syntax
// ([A-Za-z0-9-.]{1,64}).
// Thread safety: pure. The views point into `reference`.
#pragma once

#include <functional>
#include <string_view>

namespace gw::search {

struct ParsedReference {
  enum class Kind { kLocal, kAbsolute, kContained, kUrn, kOther };
  Kind kind = Kind::kOther;
  std::string_view type;
  std::string_view id;
  std::string_view version;
  std::string_view base;  // kAbsolute: the text before "/Type/id"
};

ParsedReference ParseReference(std::string_view reference,
                               const std::function<bool(std::string_view)>& is_resource_type);

bool IsFhirId(std::string_view id);

}  // namespace gw::search
