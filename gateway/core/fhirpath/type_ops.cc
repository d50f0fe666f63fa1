#include "gateway/core/fhirpath/type_ops.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "gateway/core/fhirpath/evaluator.h"
#include "gateway/core/fhirpath/navigation.h"

namespace gw::fhirpath {
namespace {

std::optional<ItemKind> SystemKindNamed(std::string_view name) {
  static constexpr std::pair<std::string_view, ItemKind> kNames[] = {
      {"Boolean", ItemKind::kBoolean}, {"Integer", ItemKind::kInteger},
      {"Decimal", ItemKind::kDecimal}, {"String", ItemKind::kString},
      {"Date", ItemKind::kDate},       {"DateTime", ItemKind::kDateTime},
      {"Time", ItemKind::kTime},       {"Quantity", ItemKind::kQuantity}};
  for (const auto& [n, k] : kNames) {
    if (n == name) return k;
  }
  return std::nullopt;
}

bool FhirTypeKnown(std::string_view name, const model::TypeModel* model) {
  if (model != nullptr) return model->HasType(name);
  return true;
}

}  // namespace

Status CheckTypeKnown(const TypeSpec& t, const model::TypeModel* model) {
  bool system_ok = t.ns != "FHIR" && (SystemKindNamed(t.name).has_value() || t.name == "Any");
  bool fhir_ok = t.ns != "System" && FhirTypeKnown(t.name, model);
  if (!t.ns.empty() && t.ns != "System" && t.ns != "FHIR") {
    return ExecutionError("unknown type namespace " + t.ns);
  }
  if (t.ns == "System") return Status::Ok();  // unknown System types simply never match
  if (!system_ok && !fhir_ok) return ExecutionError("unknown type " + t.ToString());
  return Status::Ok();
}

bool ItemIsType(const Item& item, const TypeSpec& t, const model::TypeModel* model, bool exact) {
  if (!item.is_node()) {
    if (t.ns == "FHIR") return false;
    auto k = SystemKindNamed(t.name);
    return (k && *k == item.kind()) || t.name == "Any";
  }
  if (t.ns == "System") return false;
  std::string_view type = item.node().type;
  if (type.empty()) {
    // Unknown type (lenient mode): a resource by its resourceType, primitives by JSON kind.
    const json::Value* v = item.node().value;
    if (v == nullptr) return false;
    if (v->is_object()) return ResourceTypeOf(*v) == t.name;
    if (v->is_bool()) return t.name == "boolean";
    if (v->is_string()) return t.name == "string";
    if (v->is_number()) return t.name == "decimal" || t.name == "integer";
    return false;
  }
  if (type == t.name) return true;
  if (model == nullptr) return false;
  if (exact && model->Primitive(type) != nullptr) return false;
  return model->IsA(type, t.name);
}

Item TypeInfoOf(const Item& item) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<json::Value>, std::less<>> table;
  std::string ns = item.is_node() ? "FHIR" : "System";
  std::string name = item.is_node() ? std::string(OutputTypeName(item))
                                    : std::string(ItemKindName(item.kind()));
  std::string key = ns + "." + name;
  std::lock_guard<std::mutex> lock(mu);
  auto it = table.find(key);
  if (it == table.end()) {
    std::vector<json::Member> members;
    members.push_back({"namespace", json::Value::String(ns)});
    members.push_back({"name", json::Value::String(name)});
    it = table.emplace(key, std::make_unique<json::Value>(json::Value::Object(members))).first;
  }
  return Item::Node(NodeRef{it->second.get(), nullptr, "SimpleTypeInfo"});
}

}  // namespace gw::fhirpath
