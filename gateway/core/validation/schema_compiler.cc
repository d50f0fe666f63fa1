#include "gateway/core/validation/schema_compiler.h"

#include <algorithm>
#include <charconv>
#include <unordered_map>

#include "gateway/core/validation/json_util.h"

namespace gw::validation {
namespace {

constexpr std::string_view kSystemPrefix = "http://hl7.org/fhirpath/System.";
constexpr std::string_view kFhirTypeExt =
    "http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type";
constexpr std::string_view kAdditionalBindingExt =
    "http://hl7.org/fhir/5.0/StructureDefinition/extension-ElementDefinition.binding.additional";
constexpr std::string_view kAdditionalBindingToolsExt =
    "http://hl7.org/fhir/tools/StructureDefinition/additional-binding";

std::uint32_t ParseMax(std::string_view max) {
  if (max.empty() || max == "*") return kUnbounded;
  std::uint32_t v = 0;
  auto r = std::from_chars(max.data(), max.data() + max.size(), v);
  return r.ec == std::errc() ? v : kUnbounded;
}

std::string TypeCode(const json::Value& type) {
  std::string_view code = StringMember(type, "code");
  if (code.substr(0, kSystemPrefix.size()) != kSystemPrefix) return std::string(code);
  if (const json::Value* exts = type.Find("extension"); exts != nullptr && exts->is_array()) {
    for (const json::Value& e : exts->items()) {
      if (StringMember(e, "url") != kFhirTypeExt) continue;
      std::string_view v = StringMember(e, "valueUrl");
      if (v.empty()) v = StringMember(e, "valueUri");
      if (!v.empty()) return std::string(v);
    }
  }
  return "System." + std::string(code.substr(kSystemPrefix.size()));
}

void StringList(const json::Value& obj, std::string_view key, std::vector<std::string>* out) {
  const json::Value* v = obj.Find(key);
  if (v == nullptr || !v->is_array()) return;
  for (const json::Value& s : v->items()) {
    if (s.is_string()) out->emplace_back(s.string_value());
  }
}

void ReadTypes(const json::Value& ed, ElementRule* rule) {
  const json::Value* types = ed.Find("type");
  if (types == nullptr || !types->is_array()) return;
  for (const json::Value& t : types->items()) {
    TypeRule tr;
    tr.code = TypeCode(t);
    StringList(t, "profile", &tr.profiles);
    StringList(t, "targetProfile", &tr.target_profiles);
    StringList(t, "aggregation", &tr.aggregation);
    rule->types.push_back(std::move(tr));
  }
}

void ReadSlicing(const json::Value& ed, ElementRule* rule) {
  const json::Value* s = ed.Find("slicing");
  if (s == nullptr || !s->is_object()) return;
  Slicing slicing;
  if (const json::Value* ds = s->Find("discriminator"); ds != nullptr && ds->is_array()) {
    for (const json::Value& d : ds->items()) {
      Discriminator disc;
      std::string_view t = StringMember(d, "type");
      disc.kind = t == "pattern"   ? DiscriminatorKind::kPattern
                  : t == "type"    ? DiscriminatorKind::kType
                  : t == "profile" ? DiscriminatorKind::kProfile
                  : t == "exists"  ? DiscriminatorKind::kExists
                                   : DiscriminatorKind::kValue;
      disc.path = std::string(StringMember(d, "path"));
      slicing.discriminators.push_back(std::move(disc));
    }
  }
  const json::Value* ordered = s->Find("ordered");
  slicing.ordered = ordered != nullptr && ordered->is_bool() && ordered->bool_value();
  std::string_view rules = StringMember(*s, "rules");
  slicing.rules = rules == "closed"      ? SlicingRules::kClosed
                  : rules == "openAtEnd" ? SlicingRules::kOpenAtEnd
                                         : SlicingRules::kOpen;
  rule->slicing = std::move(slicing);
}

// The strength a checked additional binding purpose stands for; empty for the purposes that
// validators do not check (minimum, candidate, current, ui, starter, component).
std::string_view PurposeStrength(std::string_view purpose) {
  if (purpose == "maximum" || purpose == "required") return "required";
  if (purpose == "extensible" || purpose == "preferred") return purpose;
  return {};
}

// The additional bindings of `binding` given by the R4 extensions for R5 binding.additional
// (see BindingRule::additional).
std::vector<BindingRule> AdditionalBindings(const json::Value& binding) {
  std::vector<BindingRule> out;
  const json::Value* exts = binding.Find("extension");
  if (exts == nullptr || !exts->is_array()) return out;
  for (const json::Value& e : exts->items()) {
    std::string_view url = StringMember(e, "url");
    if (url != kAdditionalBindingExt && url != kAdditionalBindingToolsExt) continue;
    const json::Value* parts = e.Find("extension");
    if (parts == nullptr || !parts->is_array()) continue;
    std::string_view purpose, value_set;
    bool has_usage = false;
    for (const json::Value& part : parts->items()) {
      std::string_view name = StringMember(part, "url");
      if (name == "purpose") purpose = StringMember(part, "valueCode");
      if (name == "valueSet") value_set = StringMember(part, "valueCanonical");
      if (name == "usage") has_usage = true;
    }
    std::string_view strength = PurposeStrength(purpose);
    if (strength.empty() || value_set.empty() || has_usage) continue;
    out.push_back(BindingRule{std::string(strength), std::string(value_set), {}});
  }
  return out;
}

void ReadValues(const json::Value& ed, ElementRule* rule) {
  std::string_view suffix;
  if (const json::Value* v = PrefixedMember(ed, "fixed", &suffix)) rule->fixed = *v;
  if (const json::Value* v = PrefixedMember(ed, "pattern", &suffix)) rule->pattern = *v;
  if (const json::Value* v = PrefixedMember(ed, "minValue", &suffix)) {
    rule->min_value = *v;
    rule->min_value_type = TypeFromSuffix(suffix);
  }
  if (const json::Value* v = PrefixedMember(ed, "maxValue", &suffix)) {
    rule->max_value = *v;
    rule->max_value_type = TypeFromSuffix(suffix);
  }
  if (const json::Value* v = ed.Find("maxLength"); v != nullptr && v->is_number()) {
    std::string_view t = v->number_text();
    std::from_chars(t.data(), t.data() + t.size(), rule->max_length);
  }
  if (const json::Value* b = ed.Find("binding"); b != nullptr && b->is_object()) {
    rule->binding = BindingRule{std::string(StringMember(*b, "strength")),
                                std::string(StringMember(*b, "valueSet")), AdditionalBindings(*b)};
  }
}

ConstraintGuard GuardFor(std::string_view key, std::string_view expr) {
  if ((key == "dom-2" || key == "dom-3" || key == "dom-4" || key == "dom-5") &&
      expr.rfind("contained.", 0) == 0) {
    return ConstraintGuard::kNeedsContained;
  }
  if (key == "ref-1" && expr.rfind("reference.startsWith('#').not() or", 0) == 0) {
    return ConstraintGuard::kNeedsLocalReference;
  }
  if (key == "per-1" && expr.rfind("start.hasValue().not() or end.hasValue().not() or", 0) == 0) {
    return ConstraintGuard::kNeedsStartAndEnd;
  }
  return ConstraintGuard::kNone;
}

void ReadConstraints(const json::Value& ed, ExpressionCache* cache, IssueSink* issues,
                     std::string_view sd_url, ElementRule* rule) {
  const json::Value* cs = ed.Find("constraint");
  if (cs == nullptr || !cs->is_array()) return;
  for (const json::Value& c : cs->items()) {
    ConstraintRule cr;
    cr.key = std::string(StringMember(c, "key"));
    cr.severity = StringMember(c, "severity") == "warning" ? Severity::kWarning : Severity::kError;
    cr.human = std::string(StringMember(c, "human"));
    std::string_view expr = StringMember(c, "expression");
    if (cr.key == "ele-1") {
      cr.native = NativeConstraint::kEle1;
    } else if (cr.key == "ext-1") {
      cr.native = NativeConstraint::kExt1;
    } else if (cr.key == "qty-3" && expr == "code.empty() or system.exists()") {
      cr.native = NativeConstraint::kQty3;
    } else if (!expr.empty() && ConstraintSkipReason(cr.key, expr).empty()) {
      Status error;
      std::string corrected = ConstraintCorrection(cr.key, expr);
      cr.expression = cache->Get(corrected.empty() ? expr : std::string_view(corrected), &error);
      if (cr.expression == nullptr && issues != nullptr) {
        issues->Report({Severity::kWarning, "validation-constraint-uncompilable", rule->id,
                        "invariant " + cr.key + " of " + std::string(sd_url) +
                            " does not compile: " + error.message()});
      }
    }
    cr.guard = GuardFor(cr.key, expr);
    if (std::any_of(rule->constraints.begin(), rule->constraints.end(),
                    [&](const ConstraintRule& o) { return o.key == cr.key; })) {
      continue;
    }
    rule->constraints.push_back(std::move(cr));
  }
}

std::string_view LastSegment(std::string_view path) {
  std::size_t dot = path.rfind('.');
  return dot == std::string_view::npos ? path : path.substr(dot + 1);
}

ElementRule ReadElement(const json::Value& ed, const SchemaCompileOptions& options,
                        IssueSink* issues, std::string_view sd_url) {
  ElementRule rule;
  rule.path = std::string(StringMember(ed, "path"));
  rule.slice_name = std::string(StringMember(ed, "sliceName"));
  rule.id = std::string(StringMember(ed, "id"));
  if (rule.id.empty()) {
    rule.id = rule.path;
    if (!rule.slice_name.empty()) rule.id += ":" + rule.slice_name;
  }
  std::string_view last = LastSegment(rule.path);
  rule.choice = last.size() > 3 && last.substr(last.size() - 3) == "[x]";
  rule.name = std::string(rule.choice ? last.substr(0, last.size() - 3) : last);
  if (const json::Value* m = ed.Find("min"); m != nullptr && m->is_number()) {
    std::string_view t = m->number_text();
    std::from_chars(t.data(), t.data() + t.size(), rule.min);
  }
  rule.max = ParseMax(StringMember(ed, "max"));
  std::string_view base_max = StringMember(ed.Find("base"), "max");
  std::uint32_t repeat_max = base_max.empty() ? rule.max : ParseMax(base_max);
  rule.repeating = repeat_max > 1;
  const json::Value* mod = ed.Find("isModifier");
  rule.is_modifier = mod != nullptr && mod->is_bool() && mod->bool_value();
  ReadTypes(ed, &rule);
  ReadSlicing(ed, &rule);
  ReadValues(ed, &rule);
  ReadConstraints(ed, options.expressions, issues, sd_url, &rule);
  return rule;
}

// Parent id of a non-slice element id: "Patient.contact.name" → "Patient.contact".
// Slice element ids end with ":name" in their last segment; they hang off the sliced element.
bool SlicedElementOf(std::string_view id, std::string_view* sliced) {
  std::size_t dot = id.rfind('.');
  std::size_t colon = id.rfind(':');
  if (colon == std::string_view::npos || (dot != std::string_view::npos && colon < dot)) {
    return false;
  }
  *sliced = id.substr(0, colon);
  return true;
}

void AddChildNames(const ProfileSchema& schema, ElementRule* parent) {
  for (std::size_t o = 0; o < parent->children.size(); ++o) {
    std::uint32_t c = parent->children[o];
    const ElementRule& child = schema.elements[c];
    auto ordinal = static_cast<std::uint16_t>(o);
    if (!child.choice) {
      parent->child_names.push_back({child.name, c, 0, ordinal});
      continue;
    }
    for (std::size_t t = 0; t < child.types.size(); ++t) {
      parent->child_names.push_back({child.name + Capitalize(child.types[t].code), c,
                                     static_cast<std::uint16_t>(t), ordinal});
    }
  }
  std::sort(parent->child_names.begin(), parent->child_names.end(),
            [](const ChildName& a, const ChildName& b) { return a.json_name < b.json_name; });
}

void AssignTypeKey(const SchemaCompileOptions& options, const ProfileSchema& schema,
                   ElementRule* rule, bool is_root) {
  if (is_root) {
    rule->type_key = schema.type;
    return;
  }
  if (rule->content_reference >= 0) {
    rule->type_key = schema.elements[rule->content_reference].type_key;
    return;
  }
  if (rule->types.size() != 1) return;
  const std::string& code = rule->types[0].code;
  bool group = code == "BackboneElement" || code == "Element";
  if (group && rule->has_children && options.model != nullptr) {
    // Profiles keep the base paths; the model knows them as backbone keys.
    if (options.model->HasType(rule->path)) {
      rule->type_key = rule->path;
      return;
    }
  }
  rule->type_key = code;
}

// A known defect of the published R4 vital signs profiles: the required binding of
// Observation.component.value[x] (whatever its type) to the Vital Signs Units is meant as
// extensible, and the reference validator corrects it so on loading (vitalsigns and the core
// profiles derived from it).
void RelaxVitalSignsUnits(ProfileSchema* schema) {
  constexpr std::string_view kVitalSigns = "http://hl7.org/fhir/StructureDefinition/vitalsigns";
  constexpr std::string_view kUnits = "http://hl7.org/fhir/ValueSet/ucum-vitals-common|4.0.1";
  if (schema->type != "Observation" ||
      schema->url.rfind("http://hl7.org/fhir/StructureDefinition/", 0) != 0 ||
      (schema->url != kVitalSigns && schema->base_definition != kVitalSigns)) {
    return;
  }
  for (ElementRule& rule : schema->elements) {
    if (rule.path == "Observation.component.value[x]" && rule.binding &&
        rule.binding->value_set == kUnits && rule.binding->strength == "required") {
      rule.binding->strength = "extensible";
    }
  }
}

Status LinkElements(const SchemaCompileOptions& options, const std::vector<const json::Value*>& eds,
                    IssueSink* issues, ProfileSchema* schema) {
  std::unordered_map<std::string_view, std::uint32_t> by_id;
  for (std::uint32_t i = 0; i < schema->elements.size(); ++i) by_id[schema->elements[i].id] = i;
  for (std::uint32_t i = 1; i < schema->elements.size(); ++i) {
    ElementRule& rule = schema->elements[i];
    std::string_view id = rule.id;
    std::string_view sliced;
    if (SlicedElementOf(id, &sliced)) {
      auto it = by_id.find(sliced);
      if (it != by_id.end()) {
        schema->elements[it->second].slices.push_back(i);
        continue;
      }
    }
    std::size_t dot = id.rfind('.');
    auto it = dot == std::string_view::npos ? by_id.end() : by_id.find(id.substr(0, dot));
    if (it == by_id.end()) {
      if (issues != nullptr) {
        issues->Report({Severity::kWarning, "validation-schema-orphan-element", rule.id,
                        "element without parent in " + schema->url});
      }
      continue;
    }
    schema->elements[it->second].children.push_back(i);
  }
  for (std::uint32_t i = 0; i < schema->elements.size(); ++i) {
    ElementRule& rule = schema->elements[i];
    rule.has_children = !rule.children.empty();
    std::string_view cref = StringMember(*eds[i], "contentReference");
    if (!cref.empty()) {
      std::size_t hash = cref.find('#');
      auto it = by_id.find(hash == std::string_view::npos ? cref : cref.substr(hash + 1));
      if (it != by_id.end()) rule.content_reference = static_cast<std::int32_t>(it->second);
    }
  }
  for (std::uint32_t i = 0; i < schema->elements.size(); ++i) {
    AssignTypeKey(options, *schema, &schema->elements[i], i == 0);
    AddChildNames(*schema, &schema->elements[i]);
  }
  return Status::Ok();
}

}  // namespace

std::shared_ptr<const fhirpath::Expression> ExpressionCache::Get(std::string_view text,
                                                                 Status* error) {
  if (auto it = cache_.find(text); it != cache_.end()) return it->second;
  if (auto it = failures_.find(text); it != failures_.end()) {
    *error = it->second;
    return nullptr;
  }
  auto compiled = fhirpath::Compile(text);
  if (!compiled.ok()) {
    *error = compiled.status();
    failures_.emplace(std::string(text), compiled.status());
    return nullptr;
  }
  cache_.emplace(std::string(text), compiled.value());
  return compiled.value();
}

Result<std::unique_ptr<ProfileSchema>> CompileSchema(const json::Value& sd,
                                                     const SchemaCompileOptions& options,
                                                     IssueSink* issues) {
  if (StringMember(sd, "resourceType") != "StructureDefinition") {
    return InvalidArgument("not a StructureDefinition");
  }
  const json::Value* snapshot = sd.Find("snapshot");
  const json::Value* elements = snapshot != nullptr ? snapshot->Find("element") : nullptr;
  if (elements == nullptr || !elements->is_array() || elements->items().empty()) {
    return InvalidArgument("StructureDefinition " + std::string(StringMember(sd, "url")) +
                           " has no snapshot");
  }
  auto schema = std::make_unique<ProfileSchema>();
  schema->url = std::string(StringMember(sd, "url"));
  schema->version = std::string(StringMember(sd, "version"));
  schema->name = std::string(StringMember(sd, "name"));
  schema->type = std::string(StringMember(sd, "type"));
  schema->kind = std::string(StringMember(sd, "kind"));
  schema->derivation = std::string(StringMember(sd, "derivation"));
  schema->base_definition = std::string(StringMember(sd, "baseDefinition"));
  const json::Value* abs = sd.Find("abstract");
  schema->is_abstract = abs != nullptr && abs->is_bool() && abs->bool_value();
  if (const json::Value* ctx = sd.Find("context"); ctx != nullptr && ctx->is_array()) {
    for (const json::Value& c : ctx->items()) {
      schema->contexts.push_back(ExtensionContext{std::string(StringMember(c, "type")),
                                                  std::string(StringMember(c, "expression"))});
    }
  }
  std::vector<const json::Value*> eds;
  for (const json::Value& ed : elements->items()) {
    if (!ed.is_object()) continue;
    eds.push_back(&ed);
    schema->elements.push_back(ReadElement(ed, options, issues, schema->url));
  }
  RelaxVitalSignsUnits(schema.get());
  GW_RETURN_IF_ERROR(LinkElements(options, eds, issues, schema.get()));
  return schema;
}

}  // namespace gw::validation
