// SubsetResource(): a resource cut to the elements a search asked for (_elements, _summary),
// marked with the SUBSETTED tag (http://terminology.hl7.org/CodeSystem/v3-ObservationValue)
// as the specification requires.
//   _elements=a,b   resourceType, id, meta and the listed top-level elements (a choice element
//                   by its base name: "value" keeps valueQuantity and _value...)
//   _summary=text   id, meta, text and the mandatory top-level elements
//   _summary=data   everything but text
//   _summary=true   the elements `summary_elements` lists (isSummary in the base definition)
// Thread safety: pure.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "gateway/core/json/value.h"
#include "gateway/core/rest/search_request.h"

namespace gw::rest {

json::Value SubsetResource(const json::Value& resource, const std::vector<std::string>& elements,
                           Summary summary, const std::set<std::string, std::less<>>* summary_elements,
                           const std::set<std::string, std::less<>>* mandatory_elements);

}  // namespace gw::rest
