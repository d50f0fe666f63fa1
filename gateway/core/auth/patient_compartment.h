// PatientCompartment: which resources belong to which Patient, from the R4 CompartmentDefinition
// "patient" (kPatientCompartmentUrl) and the search parameters it names.
//
// For a type in the compartment, the Patient ids a resource belongs to are the targets of the
// compartment's search parameters for that type (Observation: subject, performer; Coverage:
// policy-holder, subscriber, beneficiary, payor; ...) that reference a Patient. The parameters'
// FHIRPath expressions come from the SearchParamRegistry and are evaluated by the search
// IndexExtractor, so membership agrees with what a search by those parameters finds:
//   * "Patient/123", "Patient/123/_history/2" and absolute URLs ending in "Patient/123" → "123";
//   * references to contained resources ("#p1"), urn:uuid:/urn:oid: references, logical
//     references (identifier only) and references to other types are ignored.
// A Patient is in its own compartment: its members are its own id ({} when it has none). The
// definition's `link` rule for Patient is deliberately not followed: a link to another member
// must not open this member's record. ParamsFor("Patient") is therefore {"_id"}.
// Compartment parameters the registry does not know as indexed reference parameters are skipped
// with a warning (kIssueCompartmentParam); the type stays in the compartment (its resources then
// have fewer or no members, which only all-member clients may read).
//
// Errors: Build() kInvalidArgument when the definition is not a CompartmentDefinition with
// code "Patient" or the registry is null; FromStore() kNotFound when the store does not hold
// kPatientCompartmentUrl.
// Thread safety: immutable after Build(); safe for concurrent use. Lifetimes: keeps the registry's
// type model alive; needs nothing else after Build().
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/base/issue.h"
#include "gateway/core/base/status.h"
#include "gateway/core/conformance/conformance_store.h"
#include "gateway/core/json/value.h"
#include "gateway/core/search/search_param_registry.h"

namespace gw::auth {

inline constexpr std::string_view kPatientCompartmentUrl =
    "http://hl7.org/fhir/CompartmentDefinition/patient";
// Warning: a compartment parameter that is not an indexed reference parameter of its type.
inline constexpr char kIssueCompartmentParam[] = "compartment-param-unusable";

class PatientCompartment {
 public:
  struct Data;  // implementation detail
  explicit PatientCompartment(std::unique_ptr<Data> data);
  ~PatientCompartment();

  static Result<std::shared_ptr<const PatientCompartment>> Build(
      const json::Value& compartment_definition,
      std::shared_ptr<const search::SearchParamRegistry> registry, IssueSink* issues = nullptr);
  // The definition kPatientCompartmentUrl from `store` (the R4 core bundles hold it).
  static Result<std::shared_ptr<const PatientCompartment>> FromStore(
      const conformance::ConformanceStore& store,
      std::shared_ptr<const search::SearchParamRegistry> registry, IssueSink* issues = nullptr);

  // True for the types the definition lists with at least one parameter, and for Patient.
  bool InCompartment(std::string_view type) const;
  // The compartment's usable search parameter codes for `type`, in definition order; empty for a
  // type outside the compartment; {"_id"} for Patient.
  std::vector<std::string> ParamsFor(std::string_view type) const;
  // nullopt when the resource's type is not in the compartment (Practitioner, Organization...);
  // otherwise the Patient ids it belongs to (possibly none).
  std::optional<std::set<std::string>> MemberIds(const json::Value& resource) const;
  // The compartment's types, sorted.
  const std::vector<std::string>& ResourceTypes() const;

 private:
  std::unique_ptr<Data> data_;
};

}  // namespace gw::auth
