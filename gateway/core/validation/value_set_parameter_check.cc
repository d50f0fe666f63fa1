#include "gateway/core/validation/value_set_parameter_check.h"

#include <set>
#include <string>
#include <vector>

#include "gateway/core/fhirpath/engine.h"
#include "gateway/core/validation/issue_codes.h"
#include "gateway/core/validation/json_util.h"

namespace gw::validation {
namespace {

constexpr std::string_view kParameterExt =
    "http://hl7.org/fhir/tools/StructureDefinition/valueset-parameter";
constexpr std::string_view kExpressionExt =
    "http://hl7.org/fhir/StructureDefinition/cqf-expression";

struct Parameter {
  std::string name;
  std::size_t extension = 0;  // index of the declaring extension
};

std::vector<Parameter> DeclaredParameters(const json::Value& vs) {
  std::vector<Parameter> out;
  const json::Value* exts = vs.Find("extension");
  if (exts == nullptr || !exts->is_array()) return out;
  for (std::size_t i = 0; i < exts->items().size(); ++i) {
    const json::Value& e = exts->items()[i];
    if (StringMember(e, "url") != kParameterExt) continue;
    const json::Value* parts = e.Find("extension");
    if (parts == nullptr || !parts->is_array()) continue;
    for (const json::Value& p : parts->items()) {
      if (StringMember(p, "url") == "name" && !StringMember(p, "valueCode").empty()) {
        out.push_back(Parameter{std::string(StringMember(p, "valueCode")), i});
      }
    }
  }
  return out;
}

// Variables every FHIRPath evaluation in FHIR knows.
bool IsStandardVariable(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "context", "resource", "rootResource",  "ucum",   "sct",
      "loinc",   "factory",  "terminologies", "server", "this"};
  for (std::string_view n : kNames) {
    if (name == n) return true;
  }
  return name.rfind("vs-", 0) == 0 || name.rfind("ext-", 0) == 0;
}

void CollectVariables(const fhirpath::Node& n, std::vector<std::string>* out) {
  if (n.kind == fhirpath::NodeKind::kVariable) out->push_back(n.name);
  if (n.focus) CollectVariables(*n.focus, out);
  if (n.rhs) CollectVariables(*n.rhs, out);
  for (const auto& a : n.args) {
    if (a) CollectVariables(*a, out);
  }
}

class Checker {
 public:
  Checker(std::string_view location, IssueSink& sink) : location_(location), sink_(sink) {}

  void Run(const json::Value& vs) {
    params_ = DeclaredParameters(vs);
    const json::Value* compose = vs.Find("compose");
    if (compose == nullptr || !compose->is_object()) return;
    for (std::string_view part : {"include", "exclude"}) {
      const json::Value* list = compose->Find(part);
      if (list == nullptr || !list->is_array()) continue;
      for (std::size_t i = 0; i < list->items().size(); ++i) {
        std::string at = std::string(location_) + ".compose." + std::string(part) + "[" +
                         std::to_string(i) + "]";
        Include(list->items()[i], at);
      }
    }
    for (const Parameter& p : params_) {
      if (used_.count(p.name) > 0) continue;
      sink_.Report(Issue{Severity::kWarning, std::string(codes::kValueSetParameterUnused),
                         std::string(location_) + ".extension[" + std::to_string(p.extension) + "]",
                         "The value set parameter '" + p.name + "' is not used"});
    }
  }

 private:
  void Include(const json::Value& include, const std::string& at) {
    if (!include.is_object() || StringMember(include, "system").empty()) return;
    const json::Value* filters = include.Find("filter");
    if (filters == nullptr || !filters->is_array()) return;
    for (std::size_t j = 0; j < filters->items().size(); ++j) {
      const json::Value* value = filters->items()[j].Find("_value");
      const json::Value* exts = value != nullptr ? value->Find("extension") : nullptr;
      if (exts == nullptr || !exts->is_array()) continue;
      for (std::size_t k = 0; k < exts->items().size(); ++k) {
        const json::Value& e = exts->items()[k];
        const json::Value* expression = e.Find("valueExpression");
        if (StringMember(e, "url") != kExpressionExt || expression == nullptr) continue;
        Expression(*expression, at + ".filter[" + std::to_string(j) + "].extension[" +
                                    std::to_string(k) + "].value.ofType(Expression)");
      }
    }
  }

  void Expression(const json::Value& expression, const std::string& at) {
    std::string_view language = StringMember(expression, "language");
    if (language != "text/fhirpath") {
      Report(codes::kValueSetParameterLanguage, at,
             "A ValueSet expression language must be 'text/fhirpath' not '" +
                 std::string(language) + "'");
      return;
    }
    std::string_view text = StringMember(expression, "expression");
    auto compiled = fhirpath::Compile(text);
    if (!compiled.ok()) {
      Report(codes::kValueSetParameterExpression, at,
             "The value of the expression '" + std::string(text) +
                 "' is not a valid FHIRPath: " + compiled.status().message());
      return;
    }
    std::vector<std::string> variables;
    CollectVariables(compiled.value()->root(), &variables);
    for (const std::string& v : variables) {
      bool declared = false;
      for (const Parameter& p : params_) declared |= p.name == v;
      if (declared) {
        used_.insert(v);
      } else if (!IsStandardVariable(v)) {
        Report(codes::kValueSetParameterUnknown, at,
               "The filter parameter expression '" + std::string(text) +
                   "' refers to the unknown parameter '" + v + "'");
      }
    }
  }

  void Report(std::string_view code, const std::string& at, std::string message) {
    sink_.Report(Issue{Severity::kError, std::string(code), at, std::move(message)});
  }

  std::string_view location_;
  IssueSink& sink_;
  std::vector<Parameter> params_;
  std::set<std::string> used_;
};

}  // namespace

void CheckValueSetParameters(const json::Value& value_set, std::string_view location,
                             IssueSink& sink) {
  if (!value_set.is_object()) return;
  Checker(location, sink).Run(value_set);
}

}  // namespace gw::validation
