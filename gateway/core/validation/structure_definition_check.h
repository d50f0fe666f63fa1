// Rules on a StructureDefinition instance beyond its own StructureDefinition's invariants (the
// reference validator's checks of profiles):
//  * the root element of a differential carries no slicing → "definition-root-slicing" (error)
//    at the element, and the snapshot cannot be generated → "definition-snapshot" (error) at
//    `location`;
//  * an element only uses the constraints its types allow: a binding needs a bindable type
//    (code, string, uri, url, oid, uuid, Coding, CodeableConcept, Quantity and its profiles,
//    Range, Extension, ...), maxLength a type with a length, minValue/maxValue an ordered type,
//    targetProfile a Reference, canonical or CodeableReference → "definition-type-mismatch"
//    (error) at the element (differential and snapshot; only the element's own types count);
//  * a differential slicing discriminator given as a plain element path ("url", "code.coding")
//    must start with an element of the sliced element (or of its type) →
//    "definition-discriminator-path" (error) at "...element[i].slicing.discriminator[j]";
//  * for a constraint on a known base, each differential path must be well formed (no empty
//    steps) and a renamed choice ("valueQuantity") must name one of the choice's types →
//    "definition-snapshot" (error) at `location`, as the snapshot cannot be generated.
// `location` is the resource's own location ("StructureDefinition", "Bundle.entry[0].resource").
// Thread safety: pure function over immutable inputs; `sink` is only written.
#pragma once

#include <string_view>

#include "gateway/core/base/issue.h"
#include "gateway/core/json/value.h"
#include "gateway/core/validation/schema_registry.h"

namespace gw::validation {

void CheckStructureDefinition(const json::Value& sd, std::string_view location,
                              const SchemaRegistry& registry, IssueSink& sink);

}  // namespace gw::validation
