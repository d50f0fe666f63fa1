#include "gateway/core/fhirpath/navigation.h"

#include <array>
#include <cctype>
#include <string>

namespace gw::fhirpath {

std::string_view ResourceTypeOf(const json::Value& v) {
  if (!v.is_object()) return {};
  const json::Value* rt = v.Find("resourceType");
  if (rt == nullptr || !rt->is_string()) return {};
  return rt->string_value();
}

std::string_view PrimitiveTypeName(std::string_view name) {
  static constexpr std::array<std::string_view, 20> kNames = {
      "boolean", "integer", "unsignedInt", "positiveInt", "decimal", "string", "code",
      "id",      "uri",     "url",         "canonical",   "oid",     "uuid",   "markdown",
      "base64Binary", "xhtml", "date",     "dateTime",    "instant", "time"};
  for (std::string_view n : kNames) {
    if (n == name) return n;
  }
  return {};
}

namespace {

bool IsResourceBase(std::string_view t) {
  return t.empty() || t == "Resource" || t == "DomainResource";
}

// Refines a declared type by the value (contained resources carry their own type).
std::string_view Refine(std::string_view type, const json::Value* v) {
  if (v != nullptr && v->is_object() && IsResourceBase(type)) {
    std::string_view rt = ResourceTypeOf(*v);
    if (!rt.empty()) return rt;
  }
  return type;
}

// Appends `v` (a value or an array of values) paired with `ext` (same shape) as nodes.
void AddValues(const json::Value* v, const json::Value* ext, std::string_view type,
               Collection* out) {
  if (v != nullptr && v->is_array()) {
    auto items = v->items();
    const json::Value* exts = (ext != nullptr && ext->is_array()) ? ext : nullptr;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const json::Value* e = nullptr;
      if (exts != nullptr && i < exts->items().size() && !exts->items()[i].is_null()) {
        e = &exts->items()[i];
      }
      const json::Value* item = items[i].is_null() ? nullptr : &items[i];
      if (item == nullptr && e == nullptr) continue;
      out->push_back(Item::Node(NodeRef{item, e, Refine(type, item)}));
    }
    return;
  }
  if (v == nullptr && ext != nullptr && ext->is_array()) {
    for (const json::Value& e : ext->items()) {
      if (!e.is_null()) out->push_back(Item::Node(NodeRef{nullptr, &e, type}));
    }
    return;
  }
  if (v != nullptr && v->is_null()) v = nullptr;
  if (v == nullptr && ext == nullptr) return;
  out->push_back(Item::Node(NodeRef{v, ext, Refine(type, v)}));
}

// The type named by a choice suffix in lenient mode: "String" → "string", "Quantity" stays.
std::string_view SuffixType(std::string_view suffix) {
  if (suffix.empty()) return {};
  std::string lowered(suffix);
  lowered[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(lowered[0])));
  std::string_view p = PrimitiveTypeName(lowered);
  if (!p.empty()) return p;
  return suffix;
}

bool IsChoiceKey(std::string_view key, std::string_view name) {
  return key.size() > name.size() && key.substr(0, name.size()) == name &&
         std::isupper(static_cast<unsigned char>(key[name.size()]));
}

const json::Value* FindExt(const json::Value& obj, std::string_view key) {
  for (const json::Member& m : obj.members()) {
    const std::string& k = m.key;
    if (k.size() == key.size() + 1 && k[0] == '_' && std::string_view(k).substr(1) == key) {
      return &m.value;
    }
  }
  return nullptr;
}

void ChoiceChildren(const json::Value& obj, std::string_view type, std::string_view name,
                    const model::TypeModel* model, Collection* out) {
  for (const json::Member& m : obj.members()) {
    std::string_view key = m.key;
    bool underscore = !key.empty() && key[0] == '_';
    std::string_view bare = underscore ? key.substr(1) : key;
    if (!IsChoiceKey(bare, name)) continue;
    if (underscore && obj.Find(bare) != nullptr) continue;  // paired with its value
    std::string_view t;
    if (model != nullptr) {
      auto r = model->ResolveJsonName(type, bare);
      if (r) t = r->type;
    }
    if (t.empty()) t = SuffixType(bare.substr(name.size()));
    if (underscore) {
      AddValues(nullptr, &m.value, t, out);
    } else {
      AddValues(&m.value, FindExt(obj, key), t, out);
    }
  }
}

void LenientChild(const json::Value& obj, std::string_view name, Collection* out) {
  const json::Value* v = obj.Find(name);
  const json::Value* ext = FindExt(obj, name);
  if (v != nullptr || ext != nullptr) {
    AddValues(v, ext, {}, out);
    return;
  }
  ChoiceChildren(obj, {}, name, nullptr, out);
}

}  // namespace

void ChildrenNamed(const NodeRef& node, std::string_view name, const model::TypeModel* model,
                   Collection* out) {
  const json::Value* obj = node.value;
  if (obj == nullptr || !obj->is_object()) {
    // A primitive: its id and extensions live in the "_name" sibling.
    if (node.ext == nullptr || !node.ext->is_object()) return;
    if (name == "extension") {
      AddValues(node.ext->Find("extension"), nullptr, "Extension", out);
    } else if (name == "id") {
      AddValues(node.ext->Find("id"), nullptr, "string", out);
    }
    return;
  }
  if (model != nullptr && !node.type.empty()) {
    const model::ChildInfo* c = model->FindChild(node.type, name);
    if (c != nullptr) {
      if (c->choice) {
        ChoiceChildren(*obj, node.type, name, model, out);
        return;
      }
      std::string_view t = !c->content_key.empty() ? std::string_view(c->content_key)
                           : c->types.empty()      ? std::string_view()
                                                   : std::string_view(c->types[0]);
      // Resource.id is of type id (the R4 snapshots label it "string").
      if (name == "id" && model->KindOf(node.type) == model::TypeKind::kResource) t = "id";
      AddValues(obj->Find(name), FindExt(*obj, name), t, out);
      return;
    }
    if (model->HasType(node.type)) {
      // Not an element of the type; JSON that carries it anyway is read leniently.
      const json::Value* v = obj->Find(name);
      if (v != nullptr) AddValues(v, FindExt(*obj, name), {}, out);
      return;
    }
  }
  LenientChild(*obj, name, out);
}

void AllChildren(const NodeRef& node, const model::TypeModel* model, Collection* out) {
  const json::Value* obj = node.value;
  if (obj == nullptr || !obj->is_object()) {
    if (node.ext != nullptr && node.ext->is_object()) {
      AddValues(node.ext->Find("id"), nullptr, "string", out);
      AddValues(node.ext->Find("extension"), nullptr, "Extension", out);
    }
    return;
  }
  for (const json::Member& m : obj->members()) {
    std::string_view key = m.key;
    if (key == "resourceType") continue;
    bool underscore = !key.empty() && key[0] == '_';
    std::string_view bare = underscore ? key.substr(1) : key;
    if (underscore && obj->Find(bare) != nullptr) continue;
    std::string_view t;
    if (model != nullptr && !node.type.empty()) {
      auto r = model->ResolveJsonName(node.type, bare);
      if (r && r->child != nullptr) {
        t = !r->child->content_key.empty() ? std::string_view(r->child->content_key) : r->type;
      }
    }
    if (underscore) {
      AddValues(nullptr, &m.value, t, out);
    } else {
      AddValues(&m.value, FindExt(*obj, key), t, out);
    }
  }
}

}  // namespace gw::fhirpath
