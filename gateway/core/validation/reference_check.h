// Reading Reference.reference strings: "Patient/123", "Patient/123/_history/2",
// "http://server/fhir/Patient/123", "#contained-id", "urn:uuid:…", "urn:oid:…".
// Thread safety: pure functions.
#pragma once

#include <string_view>

namespace gw::validation {

struct ParsedReference {
  enum class Form { kRelative, kAbsolute, kContained, kUrn, kOther };
  Form form = Form::kOther;
  std::string_view type;  // resource type part of a RESTful reference, "" otherwise
  std::string_view id;    // id part (contained: after '#')
};

// `is_resource_type` tells whether a path segment names a resource type.
template <typename IsType>
ParsedReference ParseReference(std::string_view ref, IsType is_resource_type) {
  ParsedReference out;
  if (ref.empty()) return out;
  if (ref[0] == '#') {
    out.form = ParsedReference::Form::kContained;
    out.id = ref.substr(1);
    return out;
  }
  if (ref.rfind("urn:", 0) == 0) {
    out.form = ParsedReference::Form::kUrn;
    return out;
  }
  std::string_view rest = ref;
  std::size_t hist = rest.find("/_history/");
  if (hist != std::string_view::npos) rest = rest.substr(0, hist);
  std::size_t slash = rest.rfind('/');
  if (slash == std::string_view::npos) return out;
  std::string_view id = rest.substr(slash + 1);
  std::string_view before = rest.substr(0, slash);
  std::size_t prev = before.rfind('/');
  std::string_view type = prev == std::string_view::npos ? before : before.substr(prev + 1);
  if (!is_resource_type(type)) return out;
  bool absolute = ref.find("://") != std::string_view::npos;
  out.form = absolute ? ParsedReference::Form::kAbsolute : ParsedReference::Form::kRelative;
  out.type = type;
  out.id = id;
  return out;
}

}  // namespace gw::validation
