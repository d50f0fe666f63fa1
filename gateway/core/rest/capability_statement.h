// MakeCapabilityStatement(): the CapabilityStatement the server answers /metadata with, built
// from what FhirApi really serves: every resource type of the search parameter registry with
// the interactions FhirApi implements, each type's search parameters (with their definitions
// and types), the operations ($validate on every type, $everything on Patient, and any the
// application adds), batch/transaction/history-system, JSON only, and rest.security naming
// SMART Backend Services with the token endpoint (the oauth-uris extension).
// Thread safety: pure.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/search/search_param_registry.h"

namespace gw::rest {

struct OperationEntry {
  std::string resource_type;  // "" = system level
  std::string name;           // "submit" (without '$')
  std::string definition;     // canonical of the OperationDefinition
};

struct CapabilityInputs {
  std::string base_url;     // implementation.url
  std::string software;     // software.name
  std::string version;      // software.version
  std::string date;         // dateTime text (start-up time)
  std::string token_url;    // absolute URL of the SMART token endpoint ("" = no SMART)
  std::vector<OperationEntry> extra_operations;
  // The resource types served (the R4 resource-types codes); empty = every concrete type of
  // the registry.
  std::set<std::string, std::less<>> resource_types;
};

// False for the abstract Resource and DomainResource (search parameters name them as bases).
bool IsConcreteResourceType(std::string_view type);

std::string MakeCapabilityStatement(const search::SearchParamRegistry& registry,
                                    const CapabilityInputs& in);

}  // namespace gw::rest
