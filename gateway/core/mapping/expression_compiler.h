// ExpressionCompiler: compiles the FHIRPath text of a mapping file (template "{{ }}" parts,
// `when`, `each`, `id`) against MappingFunctions(), over the record as untyped JSON (no model,
// no context type). It also checks every translate() call: its first argument must be a string
// literal naming a ConceptMap of the set.
// Errors fill a MappingLoadError (code and message; the caller sets file, rule and path):
// mapping-fhirpath-syntax, mapping-unknown-function, mapping-fhirpath-semantic,
// mapping-unknown-conceptmap.
// Thread safety: const after construction; the ConceptMapSet must outlive it.
#pragma once

#include <memory>
#include <string_view>

#include "gateway/core/fhirpath/engine.h"
#include "gateway/core/mapping/concept_map_set.h"
#include "gateway/core/mapping/mapping_issue.h"

namespace gw::mapping {

class ExpressionCompiler {
 public:
  explicit ExpressionCompiler(const ConceptMapSet* concept_maps) : concept_maps_(concept_maps) {}
  // Null (and `error` filled) when the text does not compile.
  std::shared_ptr<const fhirpath::Expression> Compile(std::string_view text,
                                                      MappingLoadError* error) const;

 private:
  bool CheckTranslate(const fhirpath::Node& n, MappingLoadError* error) const;
  const ConceptMapSet* concept_maps_;
};

}  // namespace gw::mapping
