// ResourceTemplate: a mapping file's "template" compiled once, evaluated per record.
//
// Template semantics (documented for analysts in mappings/README.md):
//  * a string that is exactly "{{ expr }}" takes the expression's value: empty → the element is
//    omitted; one value → JSON string/number/boolean by its FHIRPath type (dates and times as
//    FHIR text; a JSON node, e.g. a translate() Coding, as its JSON); several values → only as
//    an array item, where they spread (elsewhere: mapping-multiple-values);
//  * a string with embedded {{ expr }} parts interpolates their text (each part 0 or 1 value);
//  * an object with "$if": "expr" is kept only when expr is true;
//  * an array item {"$each": "expr", "$template": T} repeats T for each item of the collection,
//    with the item as the focus ($this) and the whole record as %record;
//  * empty strings, objects and arrays are dropped; everything else is copied as written.
// Compile() errors fill a MappingLoadError (path = the template path, e.g.
// "template.name[0].given[0]"): mapping-bad-template (unknown "$" key, "$each" outside an array,
// unbalanced braces) and the ExpressionCompiler codes.
// Thread safety: immutable after Compile(); Emit() may run on many threads at once, each with
// its own RecordEvaluator.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "gateway/core/json/value.h"
#include "gateway/core/mapping/expression_compiler.h"
#include "gateway/core/mapping/record_evaluator.h"

namespace gw::mapping {

struct TemplateNode;

class ResourceTemplate {
 public:
  ResourceTemplate();
  ~ResourceTemplate();
  ResourceTemplate(ResourceTemplate&&) noexcept;
  ResourceTemplate& operator=(ResourceTemplate&&) noexcept;

  // `value` is the template object; `location` the FHIR root ("Patient"); `path` its place in
  // the rule ("template"). False with `error` filled on failure.
  bool Compile(const json::Value& value, std::string_view location, std::string_view path,
               const ExpressionCompiler& compiler, MappingLoadError* error);

  // The object's members evaluated with `focus`, appended to `out`. Issues go to `ev`.
  void EmitMembers(const fhirpath::Collection& focus, RecordEvaluator* ev,
                   std::vector<json::Member>* out) const;

 private:
  std::unique_ptr<TemplateNode> root_;
};

}  // namespace gw::mapping
