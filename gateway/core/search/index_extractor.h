// IndexExtractor: the search index entries of one resource, computed by evaluating the compiled
// expression of each of its type's parameters (SearchParamRegistry) and converting each result
// by the parameter's type and the value's FHIR type:
//
//  token      Coding (system, code, display), CodeableConcept (each coding, plus a text-only row
//             for .text unless a coding's display reads the same), Identifier (system, value,
//             type.text), ContactPoint (system, value), code/string/id/uri/boolean primitives (code
//             only) and Boolean results.
//  string     string-like primitives; HumanName family/given/prefix/suffix/text; Address
//             line/city/district/state/postalCode/country/text. Normalised + exact.
//  reference  Reference (reference text parsed by ParseReference; Reference.type for urn: and
//             logical references; Reference.identifier), canonical and uri values (url and
//             "|version"). Absolute URLs under one of Options::local_base_urls become local.
//             References to contained resources ("#id") take the contained resource's type.
//  date       date, dateTime, instant (the range the partial value covers), Period (open ends
//             stay open), Timing (from the first to the last event, and repeat.boundsPeriod).
//  number     integer/decimal primitives and System numbers: exact text + sort key.
//  quantity   Quantity and its profiles (Age, Duration, ...): value, system, code, unit, and the
//             UCUM base-unit value when the system is UCUM and the code converts; Money as
//             value + currency (system urn:iso:std:iso:4217).
//  uri        uri-like primitives.
// Values of other shapes are ignored. Entries are deduplicated and sorted per kind.
// Parameters whose values are other parameters' (SearchParam::rows_of) get no entries.
// resolve() answers "Type/id" references with a type stub (see SearchParamRegistry), so
// `.where(resolve() is Patient)` filters by the reference's type; urn: references do not
// resolve and are filtered out by such expressions.
// Errors: an expression that fails on this resource is reported to `issues` (warning,
// kIssueExtractFailed, location = "Type.code") and yields no entries; Extract() never fails.
// Thread safety: const methods are safe to call concurrently. The registry is kept alive.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "gateway/core/base/issue.h"
#include "gateway/core/json/value.h"
#include "gateway/core/search/index_entries.h"
#include "gateway/core/search/search_param_registry.h"

namespace gw::search {

struct ExtractOptions {
  // Base URLs of this server ("https://gw.example.org/fhir", no trailing '/'): absolute
  // references under them are indexed as local "Type/id" references.
  std::vector<std::string> local_base_urls;
  // Normalised string and token-text values are cut to this many bytes (at a character
  // boundary); prefix searches longer than that cannot match. Exact values are kept whole.
  std::size_t max_normalized_bytes = 256;
};

class IndexExtractor {
 public:
  explicit IndexExtractor(std::shared_ptr<const SearchParamRegistry> registry,
                          ExtractOptions options = {});

  // Entries for `resource` (its "resourceType" selects the parameters; none for an unknown type).
  IndexEntries Extract(const json::Value& resource, IssueSink* issues = nullptr) const;

  const SearchParamRegistry& registry() const { return *registry_; }

 private:
  std::shared_ptr<const SearchParamRegistry> registry_;
  ExtractOptions options_;
};

}  // namespace gw::search
