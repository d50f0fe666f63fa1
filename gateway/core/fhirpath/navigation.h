// Navigation over FHIR JSON: children of a node by FHIRPath name, all children, and the FHIR
// type of each child.
//
// With a TypeModel, child types come from the model (choice elements value[x] are found through
// their typed JSON names, e.g. "valueQuantity" → type "Quantity"; backbone elements get their
// path key). Without a model (or for types the model does not know) navigation is lenient: JSON
// names are used as they are, choice elements are found by prefix + uppercase letter with the
// type taken from the suffix, and resources are typed by "resourceType".
// Primitive values are paired with their "_name" sibling (index by index for arrays).
// Thread safety: reentrant; results point into the tree and the model.
#pragma once

#include <string_view>

#include "gateway/core/fhirpath/item.h"
#include "gateway/core/model/type_model.h"

namespace gw::fhirpath {

// Appends the children named `name` of `node` to `out`.
void ChildrenNamed(const NodeRef& node, std::string_view name, const model::TypeModel* model,
                   Collection* out);

// Appends every child of `node` (all elements, in document order) to `out`.
void AllChildren(const NodeRef& node, const model::TypeModel* model, Collection* out);

// The type key of a resource object ("resourceType"), "" when absent. Points into the tree.
std::string_view ResourceTypeOf(const json::Value& v);

// Static name for a FHIR primitive type ("string"), or "" when `name` is not one.
std::string_view PrimitiveTypeName(std::string_view name);

}  // namespace gw::fhirpath
