#include "gateway/core/mapping/expression_compiler.h"

#include "gateway/core/mapping/issue_codes.h"
#include "gateway/core/mapping/transforms/register.h"

namespace gw::mapping {

bool ExpressionCompiler::CheckTranslate(const fhirpath::Node& n, MappingLoadError* error) const {
  if (n.kind == fhirpath::NodeKind::kFunction && n.name == "translate" && !n.args.empty()) {
    const fhirpath::Node& a = *n.args[0];
    bool literal = a.kind == fhirpath::NodeKind::kLiteral && a.literal.size() == 1 &&
                   a.literal[0].kind() == fhirpath::ItemKind::kString;
    if (!literal) {
      error->code = codes::kLoadUnknownConceptMap;
      error->message = "translate() needs the ConceptMap url or id as a string literal";
      return false;
    }
    const std::string& name = a.literal[0].string();
    if (concept_maps_ == nullptr || !concept_maps_->HasMap(name)) {
      error->code = codes::kLoadUnknownConceptMap;
      error->message = "unknown ConceptMap '" + name + "'";
      return false;
    }
  }
  if (n.focus && !CheckTranslate(*n.focus, error)) return false;
  if (n.rhs && !CheckTranslate(*n.rhs, error)) return false;
  for (const auto& a : n.args) {
    if (!CheckTranslate(*a, error)) return false;
  }
  return true;
}

std::shared_ptr<const fhirpath::Expression> ExpressionCompiler::Compile(
    std::string_view text, MappingLoadError* error) const {
  fhirpath::CompileOptions options;
  options.functions = &MappingFunctions();
  auto compiled = fhirpath::Compile(text, options);
  if (!compiled.ok()) {
    const Status& s = compiled.status();
    switch (fhirpath::ErrorClassOf(s)) {
      case fhirpath::ErrorClass::kSyntax:
        error->code = codes::kLoadSyntax;
        break;
      case fhirpath::ErrorClass::kSemantic:
        error->code = s.message().find("unknown function") != std::string::npos
                          ? codes::kLoadUnknownFunction
                          : codes::kLoadSemantic;
        break;
      default:
        error->code = codes::kLoadSyntax;
    }
    error->message = s.message() + " in '" + std::string(text) + "'";
    return nullptr;
  }
  if (!CheckTranslate((*compiled)->root(), error)) return nullptr;
  return std::move(compiled).value();
}

}  // namespace gw::mapping
