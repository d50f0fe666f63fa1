#include "gateway/core/mapping/concept_map_set.h"

#include "gateway/core/json/parse.h"

namespace gw::mapping {
namespace {

const json::Value* StringMember(const json::Value& o, std::string_view key) {
  const json::Value* v = o.Find(key);
  return v != nullptr && v->is_string() && !v->string_value().empty() ? v : nullptr;
}

Status Bad(std::string_view file, std::string_view what) {
  return InvalidArgument(std::string(file) + ": " + std::string(what));
}

json::Value MakeCoding(std::string_view system, const json::Value& target) {
  std::vector<json::Member> m;
  m.push_back({"system", json::Value::String(std::string(system))});
  m.push_back({"code", json::Value::String(std::string(target.Find("code")->string_value()))});
  if (const json::Value* d = StringMember(target, "display")) {
    m.push_back({"display", json::Value::String(std::string(d->string_value()))});
  }
  return json::Value::Object(std::move(m));
}

bool Usable(const json::Value& target) {
  if (StringMember(target, "code") == nullptr) return false;
  const json::Value* eq = StringMember(target, "equivalence");
  return eq == nullptr || (eq->string_value() != "unmatched" && eq->string_value() != "disjoint");
}

}  // namespace

Status ConceptMapSet::Add(std::string_view file, std::string_view text) {
  auto doc = json::Parse(text);
  if (!doc.ok()) return Bad(file, doc.status().message());
  const json::Value& cm = *doc;
  const json::Value* rt = cm.Find("resourceType");
  if (rt == nullptr || !rt->is_string() || rt->string_value() != "ConceptMap") {
    return Bad(file, "not a ConceptMap");
  }
  const json::Value* url = StringMember(cm, "url");
  const json::Value* id = StringMember(cm, "id");
  if (url == nullptr || id == nullptr) return Bad(file, "a ConceptMap needs url and id");
  auto table = std::make_unique<CodeTable>();
  const json::Value* groups = cm.Find("group");
  if (groups == nullptr || !groups->is_array()) return Bad(file, "group: missing");
  for (std::size_t g = 0; g < groups->items().size(); ++g) {
    const json::Value& group = groups->items()[g];
    const json::Value* system = StringMember(group, "target");
    const json::Value* elements = group.Find("element");
    std::string where = "group[" + std::to_string(g) + "]";
    if (system == nullptr) return Bad(file, where + ".target: missing");
    if (elements == nullptr || !elements->is_array()) return Bad(file, where + ".element: missing");
    for (std::size_t e = 0; e < elements->items().size(); ++e) {
      const json::Value& element = elements->items()[e];
      const json::Value* code = StringMember(element, "code");
      if (code == nullptr) return Bad(file, where + ".element[" + std::to_string(e) + "].code: missing");
      const json::Value* targets = element.Find("target");
      if (targets == nullptr || !targets->is_array()) continue;
      for (const json::Value& t : targets->items()) {
        if (!Usable(t)) continue;
        table->emplace(std::string(code->string_value()), MakeCoding(system->string_value(), t));
        break;
      }
    }
  }
  const CodeTable* p = table.get();
  tables_.push_back(std::move(table));
  by_name_[std::string(url->string_value())] = p;
  by_name_[std::string(id->string_value())] = p;
  return Status::Ok();
}

bool ConceptMapSet::HasMap(std::string_view name) const { return by_name_.count(name) > 0; }

const json::Value* ConceptMapSet::Find(std::string_view name, std::string_view code) const {
  auto t = by_name_.find(name);
  if (t == by_name_.end()) return nullptr;
  auto c = t->second->find(code);
  return c == t->second->end() ? nullptr : &c->second;
}

}  // namespace gw::mapping
