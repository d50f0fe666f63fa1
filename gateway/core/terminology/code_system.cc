#include "gateway/core/terminology/code_system.h"

#include <algorithm>
#include <unordered_set>
#include <utility>

namespace gw::terminology {
namespace {

constexpr std::string_view kPropertyUriPrefix = "http://hl7.org/fhir/concept-properties#";

std::string_view StringMember(const json::Value& object, std::string_view key) {
  const json::Value* v = object.Find(key);
  return v != nullptr && v->is_string() ? v->string_value() : std::string_view();
}

// The textual form of a CodeSystem.concept.property value[x] (see ConceptProperty::value).
std::string PropertyValueText(const json::Value& property) {
  for (const json::Member& m : property.members()) {
    if (!m.key.starts_with("value")) continue;
    const json::Value& v = m.value;
    if (v.is_string()) return std::string(v.string_value());
    if (v.is_bool()) return v.bool_value() ? "true" : "false";
    if (v.is_number()) return std::string(v.number_text());
    if (v.is_object()) return std::string(StringMember(v, "code"));
  }
  return {};
}

void ReadDesignations(const json::Value& item, Concept* out) {
  const json::Value* list = item.Find("designation");
  if (list == nullptr || !list->is_array()) return;
  for (const json::Value& d : list->items()) {
    if (!d.is_object()) continue;
    Designation designation;
    designation.language = StringMember(d, "language");
    designation.value = StringMember(d, "value");
    if (const json::Value* use = d.Find("use"); use != nullptr && use->is_object()) {
      designation.use_system = StringMember(*use, "system");
      designation.use_code = StringMember(*use, "code");
    }
    out->designations.push_back(std::move(designation));
  }
}

void ReadProperties(const json::Value& item, Concept* out) {
  const json::Value* list = item.Find("property");
  if (list == nullptr || !list->is_array()) return;
  for (const json::Value& p : list->items()) {
    if (!p.is_object()) continue;
    ConceptProperty property{std::string(StringMember(p, "code")), PropertyValueText(p)};
    const std::string& code = property.code;
    const std::string& value = property.value;
    if ((code == "notSelectable" || code == "abstract") && value == "true") out->abstract = true;
    if ((code == "inactive" && value == "true") ||
        (code == "status" && (value == "retired" || value == "inactive"))) {
      out->inactive = true;
    }
    out->properties.push_back(std::move(property));
  }
}

Concept ReadConcept(const json::Value& c) {
  Concept item;
  item.code = StringMember(c, "code");
  item.display = StringMember(c, "display");
  item.definition = StringMember(c, "definition");
  ReadDesignations(c, &item);
  ReadProperties(c, &item);
  return item;
}

void AddEdge(std::vector<Concept>& concepts, std::uint32_t parent, std::uint32_t child) {
  if (parent == child) return;
  auto& parents = concepts[child].parents;
  if (std::find(parents.begin(), parents.end(), parent) != parents.end()) return;
  parents.push_back(parent);
  concepts[parent].children.push_back(child);
}

}  // namespace

CodeSystemContent ParseContent(std::string_view text) {
  if (text == "complete") return CodeSystemContent::kComplete;
  if (text == "fragment") return CodeSystemContent::kFragment;
  if (text == "example") return CodeSystemContent::kExample;
  if (text == "not-present") return CodeSystemContent::kNotPresent;
  if (text == "supplement") return CodeSystemContent::kSupplement;
  return CodeSystemContent::kUnknown;
}

const char* ContentName(CodeSystemContent content) {
  switch (content) {
    case CodeSystemContent::kComplete:
      return "complete";
    case CodeSystemContent::kFragment:
      return "fragment";
    case CodeSystemContent::kExample:
      return "example";
    case CodeSystemContent::kNotPresent:
      return "not-present";
    case CodeSystemContent::kSupplement:
      return "supplement";
    case CodeSystemContent::kUnknown:
      break;
  }
  return "unknown";
}

const char* SubsumptionName(Subsumption s) {
  switch (s) {
    case Subsumption::kEquivalent:
      return "equivalent";
    case Subsumption::kSubsumes:
      return "subsumes";
    case Subsumption::kSubsumedBy:
      return "subsumed-by";
    case Subsumption::kNotSubsumed:
      return "not-subsumed";
    case Subsumption::kUnknown:
      break;
  }
  return "unknown";
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

const ConceptProperty* Concept::FindProperty(std::string_view property_code) const {
  for (const ConceptProperty& p : properties) {
    if (p.code == property_code) return &p;
  }
  return nullptr;
}

Result<CodeSystemIndex> CodeSystemIndex::Build(const json::Value& code_system,
                                               const TerminologyOptions& options) {
  if (!code_system.is_object() || StringMember(code_system, "resourceType") != "CodeSystem") {
    return InvalidArgument("not a CodeSystem resource");
  }
  CodeSystemIndex index;
  index.url_ = StringMember(code_system, "url");
  if (index.url_.empty()) return InvalidArgument("CodeSystem without url");
  index.version_ = StringMember(code_system, "version");
  index.content_ = ParseContent(StringMember(code_system, "content"));
  if (index.content_ == CodeSystemContent::kSupplement) {
    return Status(StatusCode::kFailedPrecondition,
                  "CodeSystem " + index.url_ + " is a supplement (not indexed)");
  }
  const json::Value* cs = code_system.Find("caseSensitive");
  index.case_sensitive_ = !(cs != nullptr && cs->is_bool() && !cs->bool_value());
  GW_RETURN_IF_ERROR(index.ReadConcepts(code_system, options));
  index.LinkHierarchyProperties(code_system);
  return index;
}

// Walks `concept` trees without recursion; nesting gives parent links.
Status CodeSystemIndex::ReadConcepts(const json::Value& code_system,
                                     const TerminologyOptions& options) {
  struct Frame {
    std::span<const json::Value> items;
    std::size_t next = 0;
    std::optional<std::uint32_t> parent;
  };
  const json::Value* top = code_system.Find("concept");
  if (top == nullptr || !top->is_array()) return Status::Ok();
  std::vector<Frame> stack;
  stack.push_back({top->items(), 0, std::nullopt});
  while (!stack.empty()) {
    Frame& frame = stack.back();
    if (frame.next == frame.items.size()) {
      stack.pop_back();
      continue;
    }
    const json::Value& c = frame.items[frame.next++];
    if (!c.is_object()) continue;
    std::optional<std::uint32_t> parent = frame.parent;
    Concept item = ReadConcept(c);
    if (item.code.empty()) continue;
    std::uint32_t self;
    auto [it, inserted] = by_code_.try_emplace(Key(item.code), concepts_.size());
    if (inserted) {
      if (concepts_.size() >= options.max_code_system_concepts) {
        return ResourceExhausted("CodeSystem " + url_ + " has more than " +
                                 std::to_string(options.max_code_system_concepts) + " concepts");
      }
      self = static_cast<std::uint32_t>(concepts_.size());
      concepts_.push_back(std::move(item));
    } else {
      self = it->second;  // a duplicate: keep the first definition, still link the hierarchy
    }
    if (parent.has_value()) AddEdge(concepts_, *parent, self);
    const json::Value* nested = c.Find("concept");
    if (nested != nullptr && nested->is_array() && !nested->items().empty()) {
      if (stack.size() >= options.max_concept_depth) {
        return ResourceExhausted("CodeSystem " + url_ + " nests concepts too deeply");
      }
      stack.push_back({nested->items(), 0, self});  // invalidates `frame`
    }
  }
  return Status::Ok();
}

void CodeSystemIndex::LinkHierarchyProperties(const json::Value& code_system) {
  std::unordered_set<std::string> parent_codes = {"parent", "subsumedBy"};
  std::unordered_set<std::string> child_codes = {"child"};
  if (const json::Value* decl = code_system.Find("property"); decl != nullptr && decl->is_array()) {
    for (const json::Value& p : decl->items()) {
      std::string_view uri = StringMember(p, "uri");
      if (!uri.starts_with(kPropertyUriPrefix)) continue;
      std::string_view meaning = uri.substr(kPropertyUriPrefix.size());
      std::string code(StringMember(p, "code"));
      if (meaning == "parent" || meaning == "subsumedBy") parent_codes.insert(code);
      if (meaning == "child") child_codes.insert(code);
    }
  }
  for (std::uint32_t i = 0; i < concepts_.size(); ++i) {
    for (std::size_t k = 0; k < concepts_[i].properties.size(); ++k) {
      const ConceptProperty& p = concepts_[i].properties[k];
      bool is_parent = parent_codes.contains(p.code);
      if (!is_parent && !child_codes.contains(p.code)) continue;
      std::optional<std::uint32_t> other = IndexOf(p.value);
      if (!other.has_value()) continue;
      if (is_parent) {
        AddEdge(concepts_, *other, i);
      } else {
        AddEdge(concepts_, i, *other);
      }
    }
  }
  multi_parent_ = std::any_of(concepts_.begin(), concepts_.end(),
                              [](const Concept& c) { return c.parents.size() > 1; });
}

std::string CodeSystemIndex::Key(std::string_view code) const {
  return case_sensitive_ ? std::string(code) : AsciiLower(code);
}

std::optional<std::uint32_t> CodeSystemIndex::IndexOf(std::string_view code) const {
  auto it = case_sensitive_ ? by_code_.find(code) : by_code_.find(AsciiLower(code));
  if (it == by_code_.end()) return std::nullopt;
  return it->second;
}

const Concept* CodeSystemIndex::Find(std::string_view code) const {
  std::optional<std::uint32_t> i = IndexOf(code);
  return i.has_value() ? &concepts_[*i] : nullptr;
}

bool CodeSystemIndex::IsA(std::uint32_t node, std::uint32_t ancestor) const {
  if (node == ancestor) return true;
  if (!multi_parent_) {
    // A forest: follow the single parent chain; the step bound guards against cycles.
    std::uint32_t current = node;
    for (std::size_t steps = 0; steps < concepts_.size(); ++steps) {
      const auto& parents = concepts_[current].parents;
      if (parents.empty()) return false;
      current = parents.front();
      if (current == ancestor) return true;
    }
    return false;
  }
  std::vector<std::uint32_t> pending = {node};
  std::unordered_set<std::uint32_t> seen = {node};
  while (!pending.empty()) {
    std::uint32_t current = pending.back();
    pending.pop_back();
    for (std::uint32_t p : concepts_[current].parents) {
      if (p == ancestor) return true;
      if (seen.insert(p).second) pending.push_back(p);
    }
  }
  return false;
}

Subsumption CodeSystemIndex::Subsumes(std::string_view code_a, std::string_view code_b) const {
  std::optional<std::uint32_t> a = IndexOf(code_a);
  std::optional<std::uint32_t> b = IndexOf(code_b);
  if (!a.has_value() || !b.has_value()) return Subsumption::kUnknown;
  if (*a == *b) return Subsumption::kEquivalent;
  if (IsA(*b, *a)) return Subsumption::kSubsumes;
  if (IsA(*a, *b)) return Subsumption::kSubsumedBy;
  return Subsumption::kNotSubsumed;
}

void CodeSystemIndex::ForEachDescendant(std::uint32_t root,
                                        const std::function<bool(std::uint32_t)>& visit) const {
  std::vector<bool> seen(concepts_.size(), false);
  std::vector<std::uint32_t> pending = {root};
  seen[root] = true;
  while (!pending.empty()) {
    std::uint32_t current = pending.back();
    pending.pop_back();
    if (!visit(current)) return;
    const auto& children = concepts_[current].children;
    for (auto it = children.rbegin(); it != children.rend(); ++it) {
      if (!seen[*it]) {
        seen[*it] = true;
        pending.push_back(*it);
      }
    }
  }
}

}  // namespace gw::terminology
