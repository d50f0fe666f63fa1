#include "gateway/core/auth/patient_compartment.h"

#include <algorithm>
#include <map>

#include "gateway/core/search/index_extractor.h"

namespace gw::auth {
namespace {

std::string_view Str(const json::Value* v) {
  return v != nullptr && v->is_string() ? v->string_value() : std::string_view();
}

json::Value Text(std::string_view s) { return json::Value::String(std::string(s)); }

// A SearchParameter for one (type, parameter) of the compartment, with the expression the full
// registry already restricted to that type, so the compartment's own registry compiles and
// evaluates only the compartment's parameters.
json::Value DefinitionFor(const search::SearchParam& p) {
  std::vector<json::Value> targets;
  for (const std::string& t : p.targets) targets.push_back(Text(t));
  std::vector<json::Member> m;
  m.push_back({"resourceType", Text("SearchParameter")});
  m.push_back({"url", Text(p.url)});
  m.push_back({"code", Text(p.code)});
  m.push_back({"base", json::Value::Array({Text(p.resource_type)})});
  m.push_back({"type", Text("reference")});
  m.push_back({"expression", Text(p.expression)});
  if (!targets.empty()) m.push_back({"target", json::Value::Array(std::move(targets))});
  return json::Value::Object(std::move(m));
}

}  // namespace

struct PatientCompartment::Data {
  std::map<std::string, std::vector<std::string>, std::less<>> params;  // type → codes
  std::vector<std::string> types;                                       // sorted
  std::unique_ptr<search::IndexExtractor> extractor;  // over the compartment's parameters only
};

PatientCompartment::PatientCompartment(std::unique_ptr<Data> data) : data_(std::move(data)) {}
PatientCompartment::~PatientCompartment() = default;

Result<std::shared_ptr<const PatientCompartment>> PatientCompartment::Build(
    const json::Value& definition, std::shared_ptr<const search::SearchParamRegistry> registry,
    IssueSink* issues) {
  if (registry == nullptr) return InvalidArgument("patient compartment needs a search registry");
  if (Str(definition.Find("resourceType")) != "CompartmentDefinition" ||
      Str(definition.Find("code")) != "Patient") {
    return InvalidArgument("not a Patient CompartmentDefinition");
  }
  auto d = std::make_unique<Data>();
  std::vector<json::Value> defs;
  auto warn = [&](std::string location, std::string message) {
    if (issues != nullptr) {
      issues->Report(
          {Severity::kWarning, kIssueCompartmentParam, std::move(location), std::move(message)});
    }
  };
  if (const json::Value* list = definition.Find("resource"); list != nullptr && list->is_array()) {
    for (const json::Value& entry : list->items()) {
      std::string type(Str(entry.Find("code")));
      const json::Value* params = entry.Find("param");
      if (type.empty() || type == "Patient" || params == nullptr || !params->is_array() ||
          params->items().empty()) {
        continue;
      }
      std::vector<std::string>& codes = d->params[type];
      for (const json::Value& pv : params->items()) {
        std::string_view code = Str(&pv);
        const search::SearchParam* p = registry->Find(type, code);
        if (p == nullptr || p->type != search::ParamType::kReference ||
            p->storage != search::ParamStorage::kIndex || p->expression.empty()) {
          warn(type + "." + std::string(code),
               "compartment parameter is not an indexed reference parameter");
          continue;
        }
        if (std::find(codes.begin(), codes.end(), code) != codes.end()) continue;
        codes.emplace_back(code);
        defs.push_back(DefinitionFor(*p));
      }
    }
  }
  d->params["Patient"] = {"_id"};
  for (const auto& [type, codes] : d->params) d->types.push_back(type);

  std::vector<const json::Value*> pointers;
  for (const json::Value& v : defs) pointers.push_back(&v);
  auto own = search::SearchParamRegistry::Build(
      pointers, std::shared_ptr<const model::R4TypeModel>(registry, &registry->model()), issues);
  if (!own.ok()) return own.status();
  d->extractor = std::make_unique<search::IndexExtractor>(own.value());
  return std::make_shared<const PatientCompartment>(std::move(d));
}

Result<std::shared_ptr<const PatientCompartment>> PatientCompartment::FromStore(
    const conformance::ConformanceStore& store,
    std::shared_ptr<const search::SearchParamRegistry> registry, IssueSink* issues) {
  const conformance::StoredResource* r =
      store.Find(kPatientCompartmentUrl, "CompartmentDefinition");
  const json::Value* tree = r != nullptr ? store.Tree(*r) : nullptr;
  if (tree == nullptr) return NotFound("the Patient CompartmentDefinition is not loaded");
  return Build(*tree, std::move(registry), issues);
}

bool PatientCompartment::InCompartment(std::string_view type) const {
  return data_->params.find(type) != data_->params.end();
}

std::vector<std::string> PatientCompartment::ParamsFor(std::string_view type) const {
  auto it = data_->params.find(type);
  return it == data_->params.end() ? std::vector<std::string>() : it->second;
}

std::optional<std::set<std::string>> PatientCompartment::MemberIds(
    const json::Value& resource) const {
  std::string_view type = Str(resource.Find("resourceType"));
  if (!InCompartment(type)) return std::nullopt;
  std::set<std::string> out;
  if (type == "Patient") {
    if (std::string_view id = Str(resource.Find("id")); !id.empty()) out.emplace(id);
    return out;
  }
  search::IndexEntries entries = data_->extractor->Extract(resource);
  for (const search::ReferenceEntry& e : entries.references) {
    if (e.target_type == "Patient" && !e.target_id.empty()) out.insert(e.target_id);
  }
  return out;
}

const std::vector<std::string>& PatientCompartment::ResourceTypes() const { return data_->types; }

}  // namespace gw::auth
