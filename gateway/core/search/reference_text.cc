#include "gateway/core/search/reference_text.h"

#include <cctype>

namespace gw::search {
namespace {

// Removes and returns the last '/'-separated segment of `s`.
std::string_view PopSegment(std::string_view* s) {
  std::size_t slash = s->rfind('/');
  if (slash == std::string_view::npos) {
    std::string_view all = *s;
    *s = {};
    return all;
  }
  std::string_view seg = s->substr(slash + 1);
  *s = s->substr(0, slash);
  return seg;
}

}  // namespace

bool IsFhirId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') return false;
  }
  return true;
}

ParsedReference ParseReference(std::string_view reference,
                               const std::function<bool(std::string_view)>& is_resource_type) {
  ParsedReference out;
  if (reference.empty()) return out;
  if (reference[0] == '#') {
    out.kind = ParsedReference::Kind::kContained;
    out.id = reference.substr(1);
    return out;
  }
  if (reference.substr(0, 4) == "urn:") {
    out.kind = ParsedReference::Kind::kUrn;
    return out;
  }
  std::string_view rest = reference;
  std::string_view last = PopSegment(&rest);
  std::string_view version;
  if (rest.size() >= 9 && rest.substr(rest.size() - 9) == "/_history") {
    version = last;
    rest.remove_suffix(9);
    last = PopSegment(&rest);
  }
  std::string_view id = last;
  std::string_view type = PopSegment(&rest);
  if (!IsFhirId(id) || type.empty() || !is_resource_type(type)) return out;
  if (!version.empty() && !IsFhirId(version)) return out;
  out.type = type;
  out.id = id;
  out.version = version;
  if (rest.empty() && type.data() == reference.data()) {
    out.kind = ParsedReference::Kind::kLocal;
  } else {
    out.kind = ParsedReference::Kind::kAbsolute;
    out.base = rest;
  }
  return out;
}

}  // namespace gw::search
