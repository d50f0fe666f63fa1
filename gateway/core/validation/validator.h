// Validator: checks a FHIR R4 JSON resource against the base definition of its type, the
// profiles it claims in meta.profile, profiles the caller names, the core profiles its content
// implies (vital signs) and the global profiles of the ImplementationGuides in force.
//
// What is checked (see the codes in issue_codes.h): JSON shape (objects, arrays where the
// element repeats, no empty objects/arrays, no nulls outside primitive arrays), unknown
// elements, choice types, primitive lexical forms and ranges, "_name" primitive extensions,
// cardinality, resourceType (known, concrete, allowed where it appears), contained and nested
// resources (Bundle entries, Parameters), fixed/pattern values, maxLength, minValue/maxValue,
// slicing, extensions resolved by url (unknown ones are errors), reference targets (those
// inside the instance against the target profiles), and
// invariants (FHIRPath, compiled once per schema) with their declared severity, Coding.system
// absolute, Attachment size and example urls, HTML tags in string/markdown values, unique
// element ids, narrative links (narrative_links.h), contained resources referenced from their
// container (contained_references.h), references resolved inside the instance (contained,
// Bundle entries, Parameters) and the Bundle rules (bundle_rules.h, bundle_links.h).
// Bindings are delegated to ValidationOptions::bindings (skipped when null).
// Work is bounded (elements visited, element nesting, nested resources); hitting a bound is an
// issue ("structure-too-many-elements", "structure-too-deep"), not a failure.
// Issue locations are FHIRPath paths with indices: "Bundle.entry[2].resource.item[0].sequence".
// Identical issues (same severity, code, location and message) are reported once.
//
// Thread safety: a Validator is immutable; Validate() may run concurrently from any number of
// threads, each with its own sink. The registry (and what it references) must outlive it.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "gateway/core/base/issue.h"
#include "gateway/core/json/value.h"
#include "gateway/core/validation/binding_checker.h"
#include "gateway/core/validation/schema_registry.h"
#include "gateway/ports/reference_resolver.h"
#include "gateway/ports/terminology_service.h"

namespace gw::validation {

struct ValidationOptions {
  std::size_t max_elements = 2'000'000;  // JSON values visited per Validate() call
  int max_element_depth = 100;           // nesting of elements
  int max_resource_depth = 16;           // nesting of resources (contained, entries, parameters)
  bool evaluate_constraints = true;      // FHIRPath invariants
  bool validate_meta_profiles = true;    // also validate against meta.profile canonicals
  // Also validate against the core profiles the specification implies from the content (an
  // Observation with a vital-sign code: the R4 vital signs profile; implied_profiles.h).
  bool implied_profiles = true;
  bool unknown_extensions_are_errors = true;
  bool allow_example_urls = true;  // unknown extensions on example.org/.com, acme.com pass;
                                   // when false, uri/url values on example domains are errors
  // Url prefixes ("https://fhir.nhs.uk/StructureDefinition") under which unknown extensions
  // are accepted (not reported).
  std::vector<std::string> extension_domains;
  // Contained resources are validated (when false they are skipped, with the rule that each
  // contained resource is referenced from its container).
  bool validate_contained = true;
  // References that do not resolve inside the instance (contained resources, Bundle entries,
  // Parameters resources) and are not on an example domain are errors: nothing outside the
  // instance is fetched, so every reference must point inside it.
  bool references_must_resolve = false;
  // A resource marked experimental (canonical resources: experimental = true) is an error.
  bool no_experimental_content = false;
  // Canonicals of ImplementationGuides in force (resolved through the registry): each
  // ImplementationGuide.global profile applies to every resource of its type.
  std::vector<std::string> implementation_guides;
  // The instant of validation, an ISO 8601 dateTime with zone ("2025-01-31T12:00:00Z"), read by
  // the caller (the core reads no clock). Limits given as durations on dates (minValueDuration
  // 100 a: no earlier than 100 years before now; maxValue: no later than now plus it) count
  // from it; when empty they are not checked.
  std::string now;
  // When the resource is also validated against a profile of its own type (meta.profile, a
  // profile given to Validate, or the declared type's profile), the walk against the base
  // definition is left out: a profile's snapshot holds every element of the base with the
  // base's rules (types, cardinality, invariants; bindings only narrowed), so the second walk
  // finds no error the first does not. Faster for bulk work whose profiles are known (ingest);
  // off by default so that reports name the base definition's findings as well.
  bool skip_base_when_profiled = false;
  bool security_checks = false;         // HTML tags in string values are errors
  bool markdown_html_is_error = false;  // HTML tags in markdown: error (else warning)
  // Optional collaborators (may be null). They must outlive the Validator.
  const BindingChecker* bindings = nullptr;
  const ports::TerminologyService* terminology = nullptr;  // memberOf() in invariants
  const ports::ReferenceResolver* references = nullptr;    // resolve() in invariants
};

class Validator {
 public:
  explicit Validator(const SchemaRegistry& registry, ValidationOptions options = {});

  // Validates `resource`; `profiles` are extra canonicals to validate against (an unknown one
  // is an issue "profile-unknown", error). Returns true when no error or fatal was reported.
  bool Validate(const json::Value& resource, std::span<const std::string> profiles,
                IssueSink& sink) const;
  bool Validate(const json::Value& resource, IssueSink& sink) const {
    return Validate(resource, {}, sink);
  }

  const SchemaRegistry& registry() const { return registry_; }
  const ValidationOptions& options() const { return options_; }

 private:
  const SchemaRegistry& registry_;
  ValidationOptions options_;
};

}  // namespace gw::validation
