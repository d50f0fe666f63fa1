#include "gateway/core/validation/search_parameter_check.h"

#include <string>
#include <vector>

#include "gateway/core/fhirpath/engine.h"
#include "gateway/core/validation/issue_codes.h"
#include "gateway/core/validation/json_util.h"

namespace gw::validation {
namespace {

std::vector<std::string_view> Bases(const json::Value& sp) {
  std::vector<std::string_view> out;
  const json::Value* bases = sp.Find("base");
  if (bases == nullptr || !bases->is_array()) return out;
  for (const json::Value& b : bases->items()) {
    if (b.is_string() && !b.string_value().empty()) out.push_back(b.string_value());
  }
  return out;
}

void CheckExpression(const json::Value& sp, std::string_view location,
                     const SchemaRegistry& registry, IssueSink& sink) {
  std::string_view expression = StringMember(sp, "expression");
  std::vector<std::string_view> bases = Bases(sp);
  if (expression.empty() || bases.empty()) return;
  fhirpath::CompileOptions options;
  const model::TypeModel* model = registry.model();
  if (bases.size() == 1 && model != nullptr && model->HasType(bases[0])) {
    options.model = model;
    options.context_type = std::string(bases[0]);
    options.strict = true;
  }
  auto compiled = fhirpath::Compile(expression, options);
  if (compiled.ok()) return;
  sink.Report(Issue{Severity::kError, std::string(codes::kSearchParameterExpression),
                    std::string(location) + ".expression",
                    "Error in search expression '" + std::string(expression) +
                        "': " + compiled.status().message()});
}

bool HasBase(const json::Value& sp, std::string_view type) {
  for (std::string_view b : Bases(sp)) {
    if (b == type) return true;
  }
  return false;
}

void CheckDerivedFrom(const json::Value& sp, std::string_view location,
                      const SchemaRegistry& registry, IssueSink& sink) {
  std::string_view parent_url = StringMember(sp, "derivedFrom");
  if (parent_url.empty()) return;
  const json::Value* parent = registry.ResolveDefinition(parent_url);
  if (parent == nullptr || StringMember(*parent, "resourceType") != "SearchParameter") {
    sink.Report(Issue{Severity::kWarning, std::string(codes::kSearchParameterParentUnknown),
                      std::string(location),
                      "The SearchParameter " + std::string(parent_url) +
                          " it is derived from could not be found"});
    return;
  }
  for (std::string_view b : Bases(sp)) {
    if (HasBase(*parent, b) || HasBase(*parent, "Resource")) continue;
    sink.Report(Issue{Severity::kError, std::string(codes::kSearchParameterParentMismatch),
                      std::string(location),
                      "The resource type " + std::string(b) +
                          " is not a base of the SearchParameter it is derived from (" +
                          std::string(parent_url) + ")"});
  }
  std::string_view type = StringMember(sp, "type");
  std::string_view parent_type = StringMember(*parent, "type");
  if (!type.empty() && type != parent_type) {
    sink.Report(Issue{
        Severity::kError, std::string(codes::kSearchParameterParentMismatch), std::string(location),
        "The type " + std::string(type) + " differs from the type " + std::string(parent_type) +
            " of the SearchParameter it is derived from (" + std::string(parent_url) + ")"});
  }
}

void CheckComponents(const json::Value& sp, std::string_view location, IssueSink& sink) {
  if (StringMember(sp, "type") != "composite") return;
  const json::Value* components = sp.Find("component");
  std::size_t n = components != nullptr && components->is_array() ? components->items().size() : 0;
  if (n >= 2) return;
  sink.Report(Issue{Severity::kError, std::string(codes::kSearchParameterComponents),
                    std::string(location),
                    "A composite SearchParameter must define two or more components"});
}

}  // namespace

void CheckSearchParameter(const json::Value& sp, std::string_view location,
                          const SchemaRegistry& registry, IssueSink& sink) {
  if (!sp.is_object()) return;
  CheckExpression(sp, location, registry, sink);
  CheckDerivedFrom(sp, location, registry, sink);
  CheckComponents(sp, location, sink);
}

}  // namespace gw::validation
