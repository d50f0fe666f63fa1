#include "gateway/core/mapping/resource_template.h"

#include "gateway/core/fhirpath/item.h"
#include "gateway/core/mapping/issue_codes.h"

namespace gw::mapping {

struct TemplateMember;
struct TextPart {
  std::string text;
  std::shared_ptr<const fhirpath::Expression> expr;  // null for literal text
};

struct TemplateNode {
  enum class Kind { kConst, kExpr, kText, kObject, kArray, kEach };
  Kind kind = Kind::kConst;
  json::Value constant;
  std::shared_ptr<const fhirpath::Expression> expr;  // kExpr, kEach (the collection)
  std::shared_ptr<const fhirpath::Expression> cond;  // kObject "$if"
  std::vector<TextPart> parts;                       // kText
  std::vector<TemplateMember> members;               // kObject
  std::vector<TemplateNode> items;                   // kArray; kEach: items[0] is the template
  std::string location;
};

struct TemplateMember {
  std::string key;
  TemplateNode node;
};

namespace {

using Kind = TemplateNode::Kind;

// Where emitted values go: an array's items, or one member of an object under `key`.
struct Sink {
  std::vector<json::Value>* items = nullptr;
  std::vector<json::Member>* members = nullptr;
  const std::string* key = nullptr;
  void Add(json::Value v) const {
    if (items != nullptr) {
      items->push_back(std::move(v));
    } else {
      members->push_back(json::Member{*key, std::move(v)});
    }
  }
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool Fail(MappingLoadError* error, std::string path, std::string message,
          const char* code = codes::kLoadBadTemplate) {
  error->path = std::move(path);
  error->code = code;
  error->message = std::move(message);
  return false;
}

bool CompileExpr(std::string_view text, const std::string& path,
                 const ExpressionCompiler& compiler, MappingLoadError* error,
                 std::shared_ptr<const fhirpath::Expression>* out) {
  *out = compiler.Compile(Trim(text), error);
  if (*out == nullptr) {
    error->path = path;
    return false;
  }
  return true;
}

bool CompileString(std::string_view s, const std::string& path,
                   const ExpressionCompiler& compiler, MappingLoadError* error,
                   TemplateNode* node) {
  if (s.empty()) {  // an empty string is never emitted
    node->kind = Kind::kText;
    return true;
  }
  if (s.find("{{") == std::string_view::npos) {
    if (s.find("}}") != std::string_view::npos) return Fail(error, path, "'}}' without '{{'");
    node->kind = Kind::kConst;
    node->constant = json::Value::String(std::string(s));
    return true;
  }
  std::size_t open = s.find("{{");
  if (open == 0 && s.size() >= 4 && s.compare(s.size() - 2, 2, "}}") == 0 &&
      s.find("{{", 2) == std::string_view::npos && s.find("}}") == s.size() - 2) {
    node->kind = Kind::kExpr;
    return CompileExpr(s.substr(2, s.size() - 4), path, compiler, error, &node->expr);
  }
  node->kind = Kind::kText;
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t a = s.find("{{", pos);
    std::string_view lit = s.substr(pos, a == std::string_view::npos ? s.npos : a - pos);
    if (lit.find("}}") != std::string_view::npos) return Fail(error, path, "'}}' without '{{'");
    if (!lit.empty()) node->parts.push_back(TextPart{std::string(lit), nullptr});
    if (a == std::string_view::npos) break;
    std::size_t b = s.find("}}", a + 2);
    if (b == std::string_view::npos) return Fail(error, path, "'{{' without '}}'");
    TextPart part;
    if (!CompileExpr(s.substr(a + 2, b - a - 2), path, compiler, error, &part.expr)) return false;
    node->parts.push_back(std::move(part));
    pos = b + 2;
  }
  return true;
}

bool CompileNode(const json::Value& v, const std::string& location, const std::string& path,
                 const ExpressionCompiler& compiler, MappingLoadError* error,
                 TemplateNode* node);

bool CompileObject(const json::Value& v, const std::string& location, const std::string& path,
                   const ExpressionCompiler& compiler, MappingLoadError* error,
                   TemplateNode* node) {
  node->kind = Kind::kObject;
  for (const json::Member& m : v.members()) {
    if (m.key == "$if") {
      if (!m.value.is_string()) return Fail(error, path + ".$if", "\"$if\" must be a string");
      std::string_view t = Trim(m.value.string_value());
      if (t.size() >= 4 && t.substr(0, 2) == "{{" && t.substr(t.size() - 2) == "}}") {
        t = t.substr(2, t.size() - 4);
      }
      if (!CompileExpr(t, path + ".$if", compiler, error, &node->cond)) return false;
      continue;
    }
    if (!m.key.empty() && m.key[0] == '$') {
      return Fail(error, path + "." + m.key, "unknown template key '" + m.key + "'");
    }
    TemplateMember member;
    member.key = m.key;
    if (!CompileNode(m.value, location + "." + m.key, path + "." + m.key, compiler, error,
                     &member.node)) {
      return false;
    }
    node->members.push_back(std::move(member));
  }
  return true;
}

bool CompileEach(const json::Value& v, const std::string& location, const std::string& path,
                 const ExpressionCompiler& compiler, MappingLoadError* error,
                 TemplateNode* node) {
  node->kind = Kind::kEach;
  const json::Value* each = v.Find("$each");
  const json::Value* tmpl = v.Find("$template");
  if (!each->is_string()) return Fail(error, path + ".$each", "\"$each\" must be a string");
  if (tmpl == nullptr) return Fail(error, path, "\"$each\" without \"$template\"");
  if (v.members().size() != 2) return Fail(error, path, "\"$each\" takes only \"$template\"");
  std::string_view t = Trim(each->string_value());
  if (t.size() >= 4 && t.substr(0, 2) == "{{" && t.substr(t.size() - 2) == "}}") {
    t = t.substr(2, t.size() - 4);
  }
  if (!CompileExpr(t, path + ".$each", compiler, error, &node->expr)) return false;
  node->items.emplace_back();
  return CompileNode(*tmpl, location + "[*]", path + ".$template", compiler, error,
                     &node->items[0]);
}

bool CompileNode(const json::Value& v, const std::string& location, const std::string& path,
                 const ExpressionCompiler& compiler, MappingLoadError* error,
                 TemplateNode* node) {
  node->location = location;
  switch (v.kind()) {
    case json::Kind::kString:
      return CompileString(v.string_value(), path, compiler, error, node);
    case json::Kind::kObject:
      if (v.Find("$each") != nullptr || v.Find("$template") != nullptr) {
        return Fail(error, path, "\"$each\" is only allowed as an array item");
      }
      return CompileObject(v, location, path, compiler, error, node);
    case json::Kind::kArray: {
      node->kind = Kind::kArray;
      for (std::size_t i = 0; i < v.items().size(); ++i) {
        const json::Value& item = v.items()[i];
        std::string ip = path + "[" + std::to_string(i) + "]";
        std::string il = location + "[" + std::to_string(i) + "]";
        node->items.emplace_back();
        bool ok = item.is_object() && item.Find("$each") != nullptr
                      ? CompileEach(item, location, ip, compiler, error, &node->items.back())
                      : CompileNode(item, il, ip, compiler, error, &node->items.back());
        if (!ok) return false;
      }
      return true;
    }
    default:
      node->kind = Kind::kConst;
      node->constant = v;
      return true;
  }
}

// One FHIRPath value as JSON; false (issue reported) when it has no JSON form.
bool ToJson(const fhirpath::Item& item, const TemplateNode& node, RecordEvaluator* ev,
            const Sink& out) {
  using fhirpath::ItemKind;
  switch (item.kind()) {
    case ItemKind::kBoolean:
      out.Add(json::Value::Bool(item.boolean()));
      return true;
    case ItemKind::kInteger:
      out.Add(json::Value::Number(std::to_string(item.integer())));
      return true;
    case ItemKind::kDecimal:
      out.Add(json::Value::Number(item.decimal().ToString()));
      return true;
    case ItemKind::kString:
      if (!item.string().empty()) out.Add(json::Value::String(item.string()));
      return true;
    case ItemKind::kDate:
    case ItemKind::kDateTime:
    case ItemKind::kTime:
      out.Add(json::Value::String(item.temporal().ToString()));
      return true;
    case ItemKind::kNode: {
      const json::Value* v = item.node().value;
      if (v == nullptr || v->is_null()) return true;
      if (v->is_string() && v->string_value().empty()) return true;
      out.Add(*v);
      return true;
    }
    default:
      ev->Report(codes::kBadValue, node.location, "a Quantity has no JSON form here");
      return false;
  }
}

void Emit(const TemplateNode& node, const fhirpath::Collection& focus, RecordEvaluator* ev,
          bool spread, const Sink& out);

void EmitObjectMembers(const TemplateNode& node, const fhirpath::Collection& focus,
                       RecordEvaluator* ev, std::vector<json::Member>* members) {
  for (const TemplateMember& m : node.members) {
    Sink sink;
    sink.members = members;
    sink.key = &m.key;
    Emit(m.node, focus, ev, false, sink);
  }
}

void EmitText(const TemplateNode& node, const fhirpath::Collection& focus, RecordEvaluator* ev,
              const Sink& out) {
  std::string text;
  for (const TextPart& p : node.parts) {
    if (!p.expr) {
      text += p.text;
      continue;
    }
    auto r = ev->Eval(*p.expr, focus, node.location);
    if (!r) return;
    if (r->size() > 1) {
      ev->Report(codes::kMultipleValues, node.location,
                 "interpolated expression gave several values: '" + p.expr->text() + "'");
      return;
    }
    if (r->empty()) continue;
    auto t = fhirpath::ToText((*r)[0]);
    if (!t) {
      ev->Report(codes::kBadValue, node.location, "value has no text form: '" + p.expr->text() + "'");
      return;
    }
    text += *t;
  }
  if (!text.empty()) out.Add(json::Value::String(std::move(text)));
}

void Emit(const TemplateNode& node, const fhirpath::Collection& focus, RecordEvaluator* ev,
          bool spread, const Sink& out) {
  switch (node.kind) {
    case Kind::kConst:
      out.Add(node.constant);
      return;
    case Kind::kText:
      EmitText(node, focus, ev, out);
      return;
    case Kind::kExpr: {
      auto r = ev->Eval(*node.expr, focus, node.location);
      if (!r) return;
      if (r->size() > 1 && !spread) {
        ev->Report(codes::kMultipleValues, node.location,
                   "expression gave " + std::to_string(r->size()) + " values: '" +
                       node.expr->text() + "'");
        return;
      }
      for (const fhirpath::Item& item : *r) {
        if (!ToJson(item, node, ev, out)) return;
      }
      return;
    }
    case Kind::kObject: {
      if (node.cond) {
        auto r = ev->Eval(*node.cond, focus, node.location);
        if (!r) return;
        if (!RecordEvaluator::IsTrue(*r)) return;
      }
      std::vector<json::Member> members;
      members.reserve(node.members.size());
      EmitObjectMembers(node, focus, ev, &members);
      if (!members.empty()) out.Add(json::Value::Object(std::move(members)));
      return;
    }
    case Kind::kArray: {
      std::vector<json::Value> items;
      Sink sink;
      sink.items = &items;
      for (const TemplateNode& item : node.items) Emit(item, focus, ev, true, sink);
      if (!items.empty()) out.Add(json::Value::Array(std::move(items)));
      return;
    }
    case Kind::kEach: {
      auto r = ev->Eval(*node.expr, focus, node.location);
      if (!r) return;
      fhirpath::Collection one;
      for (std::size_t i = 0; i < r->size(); ++i) {
        one.clear();
        one.push_back((*r)[i]);
        ev->PushEach(i, (*r)[i], focus);
        Emit(node.items[0], one, ev, true, out);
        ev->PopEach();
      }
      return;
    }
  }
}

}  // namespace

ResourceTemplate::ResourceTemplate() = default;
ResourceTemplate::~ResourceTemplate() = default;
ResourceTemplate::ResourceTemplate(ResourceTemplate&&) noexcept = default;
ResourceTemplate& ResourceTemplate::operator=(ResourceTemplate&&) noexcept = default;

bool ResourceTemplate::Compile(const json::Value& value, std::string_view location,
                               std::string_view path, const ExpressionCompiler& compiler,
                               MappingLoadError* error) {
  if (!value.is_object()) return Fail(error, std::string(path), "the template must be an object");
  root_ = std::make_unique<TemplateNode>();
  return CompileObject(value, std::string(location), std::string(path), compiler, error,
                       root_.get());
}

void ResourceTemplate::EmitMembers(const fhirpath::Collection& focus, RecordEvaluator* ev,
                                   std::vector<json::Member>* out) const {
  if (root_) EmitObjectMembers(*root_, focus, ev, out);
}

}  // namespace gw::mapping
