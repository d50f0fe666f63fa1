// Where an extension may be used: its StructureDefinition.context (FHIR R4 §2.22.1.1).
//
// ExtensionContextAllows answers whether an extension whose definition lists `contexts` may be
// used at `site`. No context means anywhere. Contexts of type "fhirpath" are not evaluated and
// allow the use; "extension" contexts allow use inside another extension; "element" contexts
// allow it when the expression names a generic base (Element, Base, DataType, BackboneElement,
// Resource, DomainResource, CanonicalResource, MetadataResource), the element's definition path,
// its type or its instance path, or when the expression's last segment names the element (or,
// for a path of three or more segments, its second-to-last segment does). Expressions with
// slices, choices or functions are taken as allowing the use. The check is deliberately
// liberal: it reports only uses that no context can describe.
// Thread safety: pure function.
#pragma once

#include <span>
#include <string_view>

#include "gateway/core/validation/profile_schema.h"

namespace gw::validation {

struct ExtensionSite {
  // Definition path of the extended element: "HumanName", "Patient", "Patient.contact", "date".
  std::string_view element_path;
  // Type of the extended element: "ContactPoint", "BackboneElement", "Patient", "date".
  std::string_view element_type;
  // FHIRPath location of the extension itself: "Bundle.entry[0].resource.name[0].extension[1]".
  std::string_view location;
  // Type of the innermost resource around the extension ("Patient").
  std::string_view resource_type;
};

bool ExtensionContextAllows(std::span<const ExtensionContext> contexts, const ExtensionSite& site);

}  // namespace gw::validation
