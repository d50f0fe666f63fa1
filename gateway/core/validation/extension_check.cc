// ElementWalker: extensions resolved by url (unknown ones are errors by default), modifier
// extensions used in the right place, their value of an allowed type, and the extension's own
// definition applied to it (not when the value type is wrong: the value has no definition).
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
  for (const std::string& domain : options.extension_domains) {
    if (!domain.empty() && url.rfind(domain, 0) == 0) return Severity::kInformation;
  }
  // Core-namespace extensions not loaded here come from the HL7 extensions pack.
  if (url.rfind("http://hl7.org/fhir/StructureDefinition/", 0) == 0) return Severity::kWarning;
  return options.unknown_extensions_are_errors ? Severity::kError : Severity::kWarning;
}

void ElementWalker::CheckExtension(const json::Value& ext, const ElementRule& child) {
  std::string_view url = StringMember(ext, "url");
  if (url.empty() || url.find(':') == std::string_view::npos) return;  // relative: parent slices
  // Issues about the url itself are located as "…extension[0][url='…']".
  std::string at_url = std::string(path_) + "[url='" + std::string(url) + "']";
  std::size_t bar = url.find('|');
  const ProfileSchema* schema = registry_.Get(url.substr(0, bar));
  if (bar != std::string_view::npos) schema = CheckVersionedExtensionUrl(url, schema, at_url);
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
    sink_.Report(Issue{Severity::kError, std::string(codes::kExtensionModifier), at_url,
                       "The Extension '" + std::string(url) +
                           "' must not be used as a modifierExtension (it's a regular extension)"});
  } else if (child.name == "extension" && modifier) {
    sink_.Report(Issue{Severity::kError, std::string(codes::kExtensionModifier), at_url,
                       "The Extension '" + std::string(url) +
                           "' must not be used as an extension (it's a modifierExtension)"});
  }
  CheckExtensionContext(url, *schema, child);
  if (!CheckExtensionValueType(ext, *schema, url)) return;
  ValidateComplex(ext, ElementDef{schema, &schema->root(), nullptr}, false);
}

bool ElementWalker::CheckExtensionValueType(const json::Value& ext, const ProfileSchema& schema,
                                            std::string_view url) {
  std::string_view suffix;
  if (PrefixedMember(ext, "value", &suffix) == nullptr) return true;
  const ElementRule* value = schema.FindChildByName(schema.root(), "value");
  if (value == nullptr) return true;
  std::string_view actual = ChoiceTypeOfSuffix(*value, suffix);
  std::string allowed;
  bool ok = false;
  if (value->max != 0) {
    for (const TypeRule& t : value->types) {
      ok = ok || t.code == actual;
      allowed += (allowed.empty() ? "" : ", ") + t.code;
    }
  }
  if (ok) return true;
  Report(Severity::kError, codes::kExtensionValueType,
         "The Extension '" + std::string(url) + "' definition allows for the types [" + allowed +
             "] but found type " + std::string(actual));
  return false;
}

const ProfileSchema* ElementWalker::CheckVersionedExtensionUrl(std::string_view url,
                                                               const ProfileSchema* unversioned,
                                                               const std::string& at_url) {
  auto report = [&](Severity sev, std::string message) {
    sink_.Report(
        Issue{sev, std::string(codes::kExtensionVersionedUrl), at_url, std::move(message)});
  };
  if (unversioned == nullptr) {
    const ProfileSchema* exact = registry_.Get(url);
    if (exact == nullptr) {
      report(Severity::kWarning, "The extension URL " + std::string(url) +
                                     " contains a version, and no definition matches it");
    } else {
      report(Severity::kError, "The extension URL must not contain a version (" + std::string(url) +
                                   "); the version is ignored");
    }
    return exact;
  }
  std::string versioned = unversioned->url + "|" + unversioned->version;
  if (url == versioned) {
    report(Severity::kError,
           "The extension URL must not contain a version (" + std::string(url) + ")");
  } else {
    report(Severity::kError,
           "The extension URL must not contain a version. The extension was validated against "
           "version " +
               unversioned->version + " of the extension");
  }
  return unversioned;
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
