// ElementWalker: extensions resolved by url (unknown ones are errors by default), modifier
// extensions used in the right place, and the extension's own definition applied to it.
#include "gateway/core/validation/element_walker.h"
#include "gateway/core/validation/extension_context.h"
#include "gateway/core/validation/issue_codes.h"
#include "gateway/core/validation/json_util.h"

namespace gw::validation {
namespace {

bool Contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

}  // namespace

Severity UnknownExtensionSeverity(std::string_view url, const ValidationOptions& options) {
  // Cross-version extensions (http://hl7.org/fhir/5.0/StructureDefinition/extension-…) are
  // defined by their url; tooling extensions are not validated.
  if (url.rfind("http://hl7.org/fhir/", 0) == 0 && url.size() > 24 && url[20] >= '0' &&
      url[20] <= '9' && Contains(url, "/StructureDefinition/extension-")) {
    return Severity::kInformation;
  }
  if (url.rfind("http://hl7.org/fhir/tools/StructureDefinition/", 0) == 0) {
    return Severity::kInformation;
  }
  if (options.allow_example_urls &&
      (Contains(url, "example.org") || Contains(url, "example.com") || Contains(url, "acme.com"))) {
    return Severity::kInformation;
  }
  // Core-namespace extensions not loaded here come from the HL7 extensions pack.
  if (url.rfind("http://hl7.org/fhir/StructureDefinition/", 0) == 0) return Severity::kWarning;
  return options.unknown_extensions_are_errors ? Severity::kError : Severity::kWarning;
}

void ElementWalker::CheckExtension(const json::Value& ext, const ElementRule& child) {
  std::string_view url = StringMember(ext, "url");
  if (url.empty() || url.find(':') == std::string_view::npos) return;  // relative: parent slices
  const ProfileSchema* schema = registry_.Get(url);
  if (schema == nullptr) {
    if (registry_.IsReferencedButMissing(url)) {
      Report(Severity::kWarning, codes::kExtensionNotCheckable,
             "The extension " + std::string(url) +
                 " is used by a loaded profile but its definition is not available; not checked");
      return;
    }
    Severity sev = UnknownExtensionSeverity(url, options_);
    if (sev == Severity::kInformation) return;
    Report(sev, codes::kUnknownExtension,
           "The extension " + std::string(url) + " could not be found so is not allowed here");
    return;
  }
  if (schema->type != "Extension") {
    Report(Severity::kError, codes::kUnknownExtension,
           "the url " + std::string(url) + " does not name an extension definition");
    return;
  }
  bool modifier = schema->root().is_modifier;
  if (child.name == "modifierExtension" && !modifier) {
    Report(Severity::kError, codes::kExtensionModifier,
           "extension " + std::string(url) + " is not a modifier but is used as modifierExtension");
  } else if (child.name == "extension" && modifier) {
    Report(Severity::kError, codes::kExtensionModifier,
           "modifier extension " + std::string(url) + " must be used as modifierExtension");
  }
  CheckExtensionContext(url, *schema, child);
  ValidateComplex(ext, ElementDef{schema, &schema->root(), nullptr}, false);
}

void ElementWalker::CheckExtensionContext(std::string_view url, const ProfileSchema& schema,
                                          const ElementRule& child) {
  if (schema.contexts.empty()) return;
  std::string_view element_path = child.path;
  std::size_t dot = element_path.rfind('.');
  if (dot != std::string_view::npos) element_path = element_path.substr(0, dot);
  const json::Value* resource = frames_.empty() ? nullptr : frames_.back().resource;
  ExtensionSite site{element_path, element_type_, path_,
                     resource != nullptr ? StringMember(*resource, "resourceType") : ""};
  if (ExtensionContextAllows(schema.contexts, site)) return;
  // Located at the extended element, as the extension belongs to it.
  std::string_view at = path_;
  std::size_t step = at.rfind('.');
  if (step != std::string_view::npos) at = at.substr(0, step);
  std::string allowed;
  for (const ExtensionContext& c : schema.contexts) {
    allowed += allowed.empty() ? "" : ", ";
    allowed += c.expression;
  }
  sink_.Report(Issue{Severity::kError, std::string(codes::kExtensionContext), std::string(at),
                     "The extension " + std::string(url) +
                         " is not allowed to be used at this point (allowed: " + allowed + ")"});
}

}  // namespace gw::validation
