#include "gateway/core/model/r4_model.h"
#include "gateway/core/base/string_map.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <functional>
#include <unordered_map>
#include <utility>

namespace gw::model {
namespace {

constexpr std::string_view kSystemPrefix = "http://hl7.org/fhirpath/System.";
constexpr std::string_view kFhirTypeExt =
    "http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type";
constexpr std::string_view kRegexExt = "http://hl7.org/fhir/StructureDefinition/regex";
constexpr std::string_view kRegexExtAlt =
    "http://hl7.org/fhir/StructureDefinition/structuredefinition-regex";
constexpr std::string_view kCoreSdPrefix = "http://hl7.org/fhir/StructureDefinition/";
constexpr int kMaxBaseDepth = 64;


std::string_view Str(const json::Value* v) {
  return v != nullptr && v->is_string() ? v->string_value() : std::string_view();
}

void Report(IssueSink* issues, Severity severity, std::string code, std::string location,
            std::string message) {
  if (issues == nullptr) return;
  issues->Report(Issue{severity, std::move(code), std::move(location), std::move(message)});
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Value of the first extension with `url` among `holder.extension`, as a string ("" if none).
std::string_view ExtensionString(const json::Value& holder, std::string_view url) {
  const json::Value* exts = holder.Find("extension");
  if (exts == nullptr || !exts->is_array()) return {};
  for (const json::Value& ext : exts->items()) {
    if (Str(ext.Find("url")) != url) continue;
    for (std::string_view key : {"valueUrl", "valueUri", "valueString", "valueCode"}) {
      std::string_view v = Str(ext.Find(key));
      if (!v.empty()) return v;
    }
  }
  return {};
}

std::optional<TypeKind> KindFromSd(std::string_view kind) {
  if (kind == "primitive-type") return TypeKind::kPrimitive;
  if (kind == "complex-type") return TypeKind::kComplex;
  if (kind == "resource") return TypeKind::kResource;
  if (kind == "logical") return TypeKind::kLogical;
  return std::nullopt;
}

std::string Capitalized(std::string_view code) {
  std::string out(code);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

}  // namespace

struct R4TypeEntry {
  TypeKind kind = TypeKind::kComplex;
  bool abstract = false;
  std::string base;
  std::string base_url;  // while building: the baseDefinition to resolve
  std::string url;
  std::vector<ChildInfo> children;
  StringMap<std::uint32_t> by_name;
  StringMap<std::pair<std::uint32_t, std::uint32_t>> by_json;  // (child, type index)
};

struct R4TypeModel::Data {
  StringMap<R4TypeEntry> types;
  StringMap<PrimitiveInfo> primitives;

  const R4TypeEntry* Find(std::string_view key) const {
    auto it = types.find(key);
    return it == types.end() ? nullptr : &it->second;
  }
};

std::string_view SystemTypeOfPrimitive(std::string_view p) {
  static const std::unordered_map<std::string_view, std::string_view> kMap = {
      {"boolean", "Boolean"},  {"string", "String"},       {"code", "String"},
      {"id", "String"},        {"uri", "String"},          {"url", "String"},
      {"canonical", "String"}, {"oid", "String"},          {"uuid", "String"},
      {"markdown", "String"},  {"base64Binary", "String"}, {"xhtml", "String"},
      {"integer", "Integer"},  {"positiveInt", "Integer"}, {"unsignedInt", "Integer"},
      {"decimal", "Decimal"},  {"date", "Date"},           {"dateTime", "DateTime"},
      {"instant", "DateTime"}, {"time", "Time"},
  };
  auto it = kMap.find(p);
  return it == kMap.end() ? std::string_view() : it->second;
}

// ---------------------------------------------------------------------------------------------
// R4TypeModel

R4TypeModel::R4TypeModel(std::unique_ptr<const Data> data) : data_(std::move(data)) {}
R4TypeModel::~R4TypeModel() = default;

bool R4TypeModel::HasType(std::string_view key) const { return data_->Find(key) != nullptr; }

std::optional<TypeKind> R4TypeModel::KindOf(std::string_view key) const {
  const R4TypeEntry* e = data_->Find(key);
  if (e == nullptr) return std::nullopt;
  return e->kind;
}

const ChildInfo* R4TypeModel::FindChild(std::string_view key, std::string_view name) const {
  const R4TypeEntry* e = data_->Find(key);
  if (e == nullptr) return nullptr;
  auto it = e->by_name.find(name);
  return it == e->by_name.end() ? nullptr : &e->children[it->second];
}

const std::vector<ChildInfo>* R4TypeModel::Children(std::string_view key) const {
  static const std::vector<ChildInfo> kEmpty;
  const R4TypeEntry* e = data_->Find(key);
  return e == nullptr ? &kEmpty : &e->children;
}

std::optional<TypeModel::Resolved> R4TypeModel::ResolveJsonName(std::string_view key,
                                                                std::string_view json_name) const {
  const R4TypeEntry* e = data_->Find(key);
  if (e == nullptr) return std::nullopt;
  auto it = e->by_json.find(json_name);
  if (it == e->by_json.end()) return std::nullopt;
  const ChildInfo& child = e->children[it->second.first];
  Resolved r;
  r.child = &child;
  if (it->second.second < child.types.size()) r.type = child.types[it->second.second];
  return r;
}

std::string_view R4TypeModel::BaseOf(std::string_view key) const {
  const R4TypeEntry* e = data_->Find(key);
  return e == nullptr ? std::string_view() : std::string_view(e->base);
}

bool R4TypeModel::IsA(std::string_view key, std::string_view ancestor) const {
  std::string_view current = key;
  for (int depth = 0; depth < kMaxBaseDepth && !current.empty(); ++depth) {
    if (current == ancestor) return HasType(current);
    current = BaseOf(current);
  }
  return false;
}

const PrimitiveInfo* R4TypeModel::Primitive(std::string_view type) const {
  auto it = data_->primitives.find(type);
  return it == data_->primitives.end() ? nullptr : &it->second;
}

std::vector<std::string_view> R4TypeModel::TypeKeys(TypeKind kind) const {
  std::vector<std::string_view> out;
  for (const auto& [key, entry] : data_->types) {
    if (entry.kind == kind) out.push_back(key);
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool R4TypeModel::IsAbstract(std::string_view key) const {
  const R4TypeEntry* e = data_->Find(key);
  return e != nullptr && e->abstract;
}

std::string_view R4TypeModel::UrlOf(std::string_view key) const {
  const R4TypeEntry* e = data_->Find(key);
  return e == nullptr ? std::string_view() : std::string_view(e->url);
}

std::size_t R4TypeModel::size() const { return data_->types.size(); }

// ---------------------------------------------------------------------------------------------
// TypeModelBuilder

struct TypeModelBuilder::State {
  std::unique_ptr<R4TypeModel::Data> data = std::make_unique<R4TypeModel::Data>();
  StringMap<std::string> url_to_key;
  bool built = false;

  void AddDefinition(const json::Value& sd, IssueSink* issues);
  void AddElements(std::span<const json::Value> elements, std::string_view root_path, TypeKind kind,
                   const std::string& location, IssueSink* issues);
  void ResolveBases(IssueSink* issues);
  void ResolveContentReferences(IssueSink* issues);
  void IndexNames();
};

TypeModelBuilder::TypeModelBuilder() : state_(std::make_unique<State>()) {}
TypeModelBuilder::~TypeModelBuilder() = default;

void TypeModelBuilder::Add(const json::Value& resource, IssueSink* issues) {
  if (state_->built) return;
  std::string_view rt = Str(resource.Find("resourceType"));
  if (rt == "StructureDefinition") {
    state_->AddDefinition(resource, issues);
    return;
  }
  if (rt != "Bundle") return;
  const json::Value* entries = resource.Find("entry");
  if (entries == nullptr || !entries->is_array()) return;
  for (const json::Value& entry : entries->items()) {
    const json::Value* r = entry.Find("resource");
    if (r != nullptr && Str(r->Find("resourceType")) == "StructureDefinition") {
      state_->AddDefinition(*r, issues);
    }
  }
}

void TypeModelBuilder::State::AddDefinition(const json::Value& sd, IssueSink* issues) {
  std::string_view derivation = Str(sd.Find("derivation"));
  std::string_view base_url = Str(sd.Find("baseDefinition"));
  // Types are specializations, or roots without a base. Constraints are profiles.
  if (derivation == "constraint") return;
  if (derivation.empty() ? !base_url.empty() : derivation != "specialization") return;
  std::optional<TypeKind> kind = KindFromSd(Str(sd.Find("kind")));
  if (!kind) return;

  std::string url(Str(sd.Find("url")));
  std::string location = "StructureDefinition[" + url + "]";
  const json::Value* snapshot = sd.Find("snapshot");
  const json::Value* elements = snapshot != nullptr ? snapshot->Find("element") : nullptr;
  if (elements == nullptr || !elements->is_array() || elements->items().empty()) {
    Report(issues, Severity::kError, "model-invalid-definition", location,
           "type definition without snapshot elements");
    return;
  }
  std::string_view root_path = Str(elements->items()[0].Find("path"));
  if (root_path.empty() || root_path.find('.') != std::string_view::npos) {
    Report(issues, Severity::kError, "model-invalid-definition", location,
           "first snapshot element has no valid root path");
    return;
  }
  if (data->types.find(root_path) != data->types.end()) {
    Report(issues, Severity::kWarning, "model-duplicate-type", location,
           "type " + std::string(root_path) + " already defined; keeping the first");
    return;
  }
  R4TypeEntry& entry = data->types[std::string(root_path)];
  entry.kind = *kind;
  const json::Value* abstract = sd.Find("abstract");
  entry.abstract = abstract != nullptr && abstract->is_bool() && abstract->bool_value();
  entry.url = url;
  entry.base_url = std::string(base_url);
  if (!url.empty()) url_to_key.emplace(url, std::string(root_path));
  AddElements(elements->items(), root_path, *kind, location, issues);
}

void TypeModelBuilder::State::AddElements(std::span<const json::Value> elements,
                                          std::string_view root_path, TypeKind kind,
                                          const std::string& location, IssueSink* issues) {
  // Owners of the elements of this definition, by path. Pointers into an unordered_map stay
  // valid across insertions.
  StringMap<R4TypeEntry*> owners;
  owners.emplace(std::string(root_path), &data->types.find(root_path)->second);
  std::string primitive_regex;
  std::string primitive_system;

  for (std::size_t i = 1; i < elements.size(); ++i) {
    const json::Value& el = elements[i];
    std::string_view id = Str(el.Find("id"));
    if (id.find(':') != std::string_view::npos) continue;  // a slice
    std::string_view path = Str(el.Find("path"));
    std::size_t dot = path.rfind('.');
    if (dot == std::string_view::npos) {
      Report(issues, Severity::kError, "model-invalid-definition",
             location + ".snapshot.element[" + std::to_string(i) + "]",
             "element without a dotted path");
      continue;
    }
    std::string_view parent = path.substr(0, dot);
    auto owner_it = owners.find(parent);
    if (owner_it == owners.end()) {
      Report(issues, Severity::kError, "model-orphan-element",
             location + ".snapshot.element[" + std::to_string(i) + "]",
             "element " + std::string(path) + " has no parent element");
      continue;
    }
    R4TypeEntry* owner = owner_it->second;

    ChildInfo child;
    std::string_view name = path.substr(dot + 1);
    if (name.size() > 3 && name.substr(name.size() - 3) == "[x]") {
      child.choice = true;
      name.remove_suffix(3);
    }
    child.name = std::string(name);
    if (owner->by_name.find(child.name) != owner->by_name.end()) continue;  // repeated element
    if (const json::Value* min = el.Find("min"); min != nullptr && min->is_number()) {
      std::string_view t = min->number_text();
      std::from_chars(t.data(), t.data() + t.size(), child.min);
    }
    child.max = std::string(Str(el.Find("max")));
    if (child.max == "*") {
      child.repeating = true;
    } else if (!child.max.empty()) {
      std::uint64_t n = 0;
      std::from_chars(child.max.data(), child.max.data() + child.max.size(), n);
      child.repeating = n > 1;
    }

    const bool primitive_value =
        kind == TypeKind::kPrimitive && parent == root_path && child.name == "value";
    if (const json::Value* types = el.Find("type"); types != nullptr && types->is_array()) {
      for (const json::Value& t : types->items()) {
        std::string_view code = Str(t.Find("code"));
        if (code.empty()) continue;
        if (StartsWith(code, kSystemPrefix)) {
          std::string_view fhir_type = ExtensionString(t, kFhirTypeExt);
          if (primitive_value || fhir_type.empty()) {
            child.types.push_back("System." + std::string(code.substr(kSystemPrefix.size())));
          } else {
            child.types.emplace_back(fhir_type);
          }
        } else {
          child.types.emplace_back(code);
        }
        if (primitive_value) {
          std::string_view regex = ExtensionString(t, kRegexExt);
          if (regex.empty()) regex = ExtensionString(t, kRegexExtAlt);
          if (primitive_regex.empty()) primitive_regex = std::string(regex);
          if (primitive_system.empty() && StartsWith(code, kSystemPrefix)) {
            primitive_system = std::string(code.substr(kSystemPrefix.size()));
          }
        }
      }
    }

    std::string_view content_ref = Str(el.Find("contentReference"));
    if (!content_ref.empty()) {
      std::size_t hash = content_ref.find('#');
      child.content_key =
          std::string(hash == std::string_view::npos ? content_ref : content_ref.substr(hash + 1));
    } else {
      // An element with child elements defines a backbone key.
      bool has_children = false;
      for (std::size_t j = i + 1; j < elements.size(); ++j) {
        if (Str(elements[j].Find("id")).find(':') != std::string_view::npos) continue;
        std::string_view next = Str(elements[j].Find("path"));
        has_children =
            next.size() > path.size() && StartsWith(next, path) && next[path.size()] == '.';
        break;
      }
      if (has_children) {
        child.content_key = std::string(path);
        auto [it, inserted] = data->types.try_emplace(std::string(path));
        if (inserted) {
          it->second.kind = TypeKind::kBackbone;
          it->second.base = child.types.empty() ? "BackboneElement" : child.types.front();
          owners.emplace(std::string(path), &it->second);
        } else {
          Report(issues, Severity::kWarning, "model-duplicate-type", location,
                 "backbone key " + std::string(path) + " already defined");
        }
      }
    }
    owner->by_name.emplace(child.name, static_cast<std::uint32_t>(owner->children.size()));
    owner->children.push_back(std::move(child));
  }

  if (kind == TypeKind::kPrimitive) {
    PrimitiveInfo info;
    info.name = std::string(root_path);
    info.regex = std::move(primitive_regex);
    info.system_type = std::string(SystemTypeOfPrimitive(root_path));
    if (info.system_type.empty()) info.system_type = std::move(primitive_system);
    data->primitives.emplace(info.name, std::move(info));
  }
}

void TypeModelBuilder::State::ResolveBases(IssueSink* issues) {
  for (auto& [key, entry] : data->types) {
    if (entry.kind == TypeKind::kBackbone || entry.base_url.empty()) continue;
    std::string_view url = entry.base_url;
    std::size_t bar = url.find('|');
    if (bar != std::string_view::npos) url = url.substr(0, bar);
    if (auto it = url_to_key.find(url); it != url_to_key.end()) {
      entry.base = it->second;
    } else if (StartsWith(url, kCoreSdPrefix) &&
               data->types.find(url.substr(kCoreSdPrefix.size())) != data->types.end()) {
      entry.base = std::string(url.substr(kCoreSdPrefix.size()));
    } else {
      Report(issues, Severity::kWarning, "model-unknown-base",
             "StructureDefinition[" + entry.url + "]",
             "base definition " + entry.base_url + " is not a known type");
    }
    entry.base_url.clear();
  }
}

void TypeModelBuilder::State::ResolveContentReferences(IssueSink* issues) {
  for (auto& [key, entry] : data->types) {
    for (ChildInfo& child : entry.children) {
      if (child.content_key.empty() || !child.types.empty()) continue;
      // content_key "Questionnaire.item": the element "item" of "Questionnaire".
      const std::string& ref = child.content_key;
      std::size_t dot = ref.rfind('.');
      const ChildInfo* target = nullptr;
      if (dot != std::string::npos) {
        auto owner = data->types.find(std::string_view(ref).substr(0, dot));
        if (owner != data->types.end()) {
          auto it = owner->second.by_name.find(std::string_view(ref).substr(dot + 1));
          if (it != owner->second.by_name.end()) target = &owner->second.children[it->second];
        }
      }
      if (target == nullptr || data->types.find(ref) == data->types.end()) {
        Report(issues, Severity::kError, "model-unresolved-content-reference",
               key + "." + child.name, "contentReference #" + ref + " not found");
        continue;
      }
      child.types = target->types;
    }
  }
}

void TypeModelBuilder::State::IndexNames() {
  for (auto& [key, entry] : data->types) {
    for (std::uint32_t i = 0; i < entry.children.size(); ++i) {
      const ChildInfo& child = entry.children[i];
      if (!child.choice) {
        entry.by_json.try_emplace(child.name, i, 0u);
        continue;
      }
      for (std::uint32_t t = 0; t < child.types.size(); ++t) {
        entry.by_json.try_emplace(child.name + Capitalized(child.types[t]), i, t);
      }
    }
  }
}

Result<std::shared_ptr<const R4TypeModel>> TypeModelBuilder::Build(IssueSink* issues) {
  if (state_->built) return Status(StatusCode::kFailedPrecondition, "Build() called twice");
  if (state_->data->types.empty()) {
    return Status(StatusCode::kFailedPrecondition, "no type definitions were added");
  }
  state_->built = true;
  state_->ResolveBases(issues);
  state_->ResolveContentReferences(issues);
  state_->IndexNames();
  return std::make_shared<const R4TypeModel>(std::move(state_->data));
}

Result<std::shared_ptr<const R4TypeModel>> BuildTypeModel(
    std::span<const json::Value* const> sources, IssueSink* issues) {
  TypeModelBuilder builder;
  for (const json::Value* source : sources) {
    if (source != nullptr) builder.Add(*source, issues);
  }
  return builder.Build(issues);
}

}  // namespace gw::model
