#include "gateway/core/validation/extension_context.h"

#include <string>

namespace gw::validation {
namespace {

std::string_view LastSegment(std::string_view path) {
  std::size_t dot = path.rfind('.');
  return dot == std::string_view::npos ? path : path.substr(dot + 1);
}

// "Patient.name[0].extension[1]" → "Patient.name".
std::string InstancePath(std::string_view location) {
  std::string out;
  out.reserve(location.size());
  for (std::size_t i = 0; i < location.size(); ++i) {
    if (location[i] == '[') {
      std::size_t end = location.find(']', i);
      if (end == std::string_view::npos) break;
      i = end;
      continue;
    }
    out += location[i];
  }
  for (std::string_view tail : {".extension", ".modifierExtension"}) {
    if (out.size() > tail.size() && out.compare(out.size() - tail.size(), tail.size(), tail) == 0) {
      out.resize(out.size() - tail.size());
      break;
    }
  }
  return out;
}

bool ElementContextAllows(std::string_view e, const ExtensionSite& site,
                          std::string_view instance_path) {
  for (std::string_view generic : {"Element", "Base", "DataType", "BackboneElement", "Resource",
                                    "DomainResource", "CanonicalResource", "MetadataResource"}) {
    if (e == generic) return true;
  }
  if (e.find_first_of("[:#(") != std::string_view::npos) return true;
  if (e == site.element_path || e == site.element_type || e == instance_path) return true;
  std::string_view last = LastSegment(e);
  if (e.find('.') == std::string_view::npos) {
    // A type or resource name: the element's type, or the resource itself at its root.
    return e == site.resource_type && site.element_path == site.resource_type;
  }
  if (last == LastSegment(site.element_path) || last == LastSegment(instance_path)) return true;
  // A context on a child ("ElementDefinition.type.code") also admits the extension on that
  // child's parent instance element ("...type"), where older content places it.
  std::string_view parent = e.substr(0, e.size() - last.size() - 1);
  return parent.find('.') != std::string_view::npos &&
         LastSegment(parent) == LastSegment(instance_path);
}

}  // namespace

bool ExtensionContextAllows(std::span<const ExtensionContext> contexts, const ExtensionSite& site) {
  if (contexts.empty()) return true;
  std::string instance_path = InstancePath(site.location);
  if (instance_path.find("ofType(") != std::string::npos) return true;
  for (const ExtensionContext& c : contexts) {
    if (c.type == "fhirpath") return true;
    if (c.type == "extension") {
      if (site.element_path == "Extension") return true;
      continue;
    }
    if (ElementContextAllows(c.expression, site, instance_path)) return true;
  }
  return false;
}

}  // namespace gw::validation
