// Restricting a SearchParameter expression to one resource type.
//
// Base R4 parameters shared by many types carry one union of per-type paths
// ("AllergyIntolerance.code | Condition.code | (DeviceRequest.code as CodeableConcept) | ...").
// Evaluating the whole union for every resource wastes most of the work, so the registry keeps,
// per resource type, only the branches that can apply to it.
// Thread safety: pure.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::search {

// Splits `expression` at its top-level '|' operators (outside parentheses, brackets, braces,
// string literals and `delimited identifiers`). Branches are trimmed. One branch when there is
// no top-level union.
std::vector<std::string_view> SplitTopLevelUnion(std::string_view expression);

// The first identifier of a branch after opening parentheses and whitespace:
// "(Observation.value as Quantity)" → "Observation"; "" when the branch starts otherwise
// ("%resource", "'x'").
std::string_view LeadingIdentifier(std::string_view branch);

// Rewrites the `as` type casts of one branch as ofType() filters: "(Observation.value as
// Quantity)" → "Observation.value.ofType(Quantity)", "x.as(T)" → "x.ofType(T)". FHIRPath's
// `as` fails on collections of more than one item, but search expressions apply it to repeating
// elements ("(Observation.component.value as Quantity)"), meaning "the items of that type".
std::string CastsAsFilters(std::string_view branch);

// The branches of `expression` that apply to `resource_type`: those whose leading identifier is
// the type itself, or is not a resource type name according to `is_resource_type` (paths that
// start with an element name or a function). "Resource." and "DomainResource." branches apply
// when `is_ancestor_type` says so. Casts become filters (CastsAsFilters). Joined with " | ";
// empty when no branch applies.
std::string RestrictToType(std::string_view expression, std::string_view resource_type,
                           const std::function<bool(std::string_view)>& is_resource_type,
                           const std::function<bool(std::string_view)>& is_ancestor_type);

}  // namespace gw::search
