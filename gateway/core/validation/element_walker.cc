#include "gateway/core/validation/element_walker.h"

#include "gateway/core/validation/attachment_check.h"
#include "gateway/core/validation/bundle_rules.h"
#include "gateway/core/validation/capability_statement_check.h"
#include "gateway/core/validation/coding_system_check.h"
#include "gateway/core/validation/contained_references.h"
#include "gateway/core/validation/derived_fixed_values.h"
#include "gateway/core/validation/html_text_check.h"
#include "gateway/core/validation/implied_profiles.h"
#include "gateway/core/validation/issue_codes.h"
#include "gateway/core/validation/json_util.h"
#include "gateway/core/validation/measure_report_check.h"
#include "gateway/core/validation/narrative_links.h"
#include "gateway/core/validation/primitive_check.h"
#include "gateway/core/validation/search_parameter_check.h"
#include "gateway/core/validation/structure_definition_check.h"
#include "gateway/core/validation/value_set_parameter_check.h"

namespace gw::validation {
namespace {

bool IsResourceTypeCode(const SchemaRegistry& registry, std::string_view code) {
  if (code == "Resource" || code == "DomainResource") return true;
  const model::TypeModel* m = registry.model();
  if (m == nullptr || code.empty() || code[0] < 'A' || code[0] > 'Z') return false;
  auto kind = m->KindOf(code);
  return kind && *kind == model::TypeKind::kResource;
}

// The choice child of `parent` that a JSON name such as "valueString" belongs to when the
// schema has narrowed that choice to other types: its rule (nullptr when the name is no choice
// of `parent` or names no known type), the type code ("string") and the child's ordinal.
const ElementRule* NarrowedChoiceOf(const ProfileSchema& schema, const ElementRule& parent,
                                    std::string_view json_name, const model::TypeModel* model,
                                    std::string* type_code, std::uint16_t* ordinal) {
  if (model == nullptr) return nullptr;
  for (std::size_t o = 0; o < parent.children.size(); ++o) {
    const ElementRule& child = schema.at(parent.children[o]);
    if (!child.choice || json_name.size() <= child.name.size() ||
        json_name.substr(0, child.name.size()) != child.name) {
      continue;
    }
    std::string_view suffix = json_name.substr(child.name.size());
    if (suffix[0] < 'A' || suffix[0] > 'Z') continue;
    std::string lower(suffix);
    lower[0] = static_cast<char>(lower[0] - 'A' + 'a');
    auto kind = model->KindOf(lower);
    if (kind && *kind == model::TypeKind::kPrimitive) {
      *type_code = lower;
    } else if (model->HasType(suffix)) {
      *type_code = std::string(suffix);
    } else {
      continue;
    }
    *ordinal = static_cast<std::uint16_t>(o);
    return &child;
  }
  return nullptr;
}

}  // namespace

const TypeRule* TypeOfResourceItem(const ElementRule& rule, const json::Value& item,
                                   const TypeRule* fallback) {
  if (rule.types.size() < 2 || !item.is_object()) return fallback;
  std::string_view rt = StringMember(item, "resourceType");
  for (const TypeRule& t : rule.types) {
    if (t.code == rt || (t.schema != nullptr && t.schema->type == rt)) return &t;
  }
  return fallback;
}

namespace {

std::uint32_t CountOf(const json::Value& v) {
  if (!v.is_array()) return v.is_null() ? 0 : 1;
  std::uint32_t n = 0;
  for (const json::Value& i : v.items()) n += i.is_null() ? 0 : 1;
  return n;
}

}  // namespace

bool IsAbsoluteUri(std::string_view uri) {
  std::size_t colon = uri.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == uri.size()) return false;
  if (uri.find(' ') != std::string_view::npos) return false;
  for (std::size_t i = 0; i < colon; ++i) {
    char c = uri[i];
    bool ok = (c >= 'a' && c <= 'z') ||
              (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
    if (!ok) return false;
  }
  return true;
}

bool IsPrimitiveTypeCode(std::string_view code) {
  return !code.empty() && code[0] >= 'a' && code[0] <= 'z';
}

std::string_view ChoiceStep(std::string_view name, std::string_view type_code,
                            std::string* buffer) {
  buffer->assign(name).append(".ofType(").append(type_code).append(")");
  return *buffer;
}

std::string_view ChoiceTypeOfSuffix(const ElementRule& rule, std::string_view suffix) {
  for (const TypeRule& t : rule.types) {
    if (t.code.size() != suffix.size() || t.code.empty()) continue;
    char a = t.code[0];
    char b = suffix[0];
    if (a >= 'a' && a <= 'z') a = static_cast<char>(a - 'a' + 'A');
    if (a == b && t.code.substr(1) == suffix.substr(1)) return t.code;
  }
  return suffix;
}

ElementWalker::ElementWalker(const SchemaRegistry& registry, const ValidationOptions& options,
                             IssueSink& sink)
    : registry_(registry),
      options_(options),
      sink_(sink),
      constraints_(registry.model(), options.terminology, options.references) {}

void ElementWalker::Report(Severity severity, std::string_view code, std::string message) {
  sink_.Report(Issue{severity, std::string(code), path_, std::move(message)});
}

bool ElementWalker::Budget() {
  if (++elements_ <= options_.max_elements) return true;
  if (!budget_reported_) {
    budget_reported_ = true;
    Report(Severity::kError, codes::kTooManyElements, "element budget exhausted; stopped");
  }
  return false;
}

void ElementWalker::ValidateTopLevel(const json::Value& resource,
                                     std::span<const std::string> profiles) {
  path_.clear();
  if (resource.is_object()) path_ = std::string(StringMember(resource, "resourceType"));
  ValidateResource(resource, nullptr, false, profiles);
}

void ElementWalker::ValidateResource(const json::Value& resource, const TypeRule* declared,
                                     bool contained, std::span<const std::string> profiles) {
  if (!resource.is_object()) {
    Report(Severity::kError, codes::kNotObject, "a resource must be a JSON object");
    return;
  }
  std::string_view rt = StringMember(resource, "resourceType");
  if (rt.empty()) {
    Report(Severity::kError, codes::kNoResourceType, "resourceType is missing");
    return;
  }
  const ProfileSchema* base = registry_.ForType(rt);
  if (base == nullptr || base->kind != "resource") {
    Report(Severity::kError, codes::kUnknownResourceType,
           "unknown resource type '" + std::string(rt) + "'");
    return;
  }
  if (base->is_abstract) {
    Report(Severity::kError, codes::kAbstractType, "resource type " + std::string(rt) + " is abstract");
  }
  if (static_cast<int>(frames_.size()) >= options_.max_resource_depth) {
    Report(Severity::kError, codes::kTooDeep, "resources nested too deeply");
    return;
  }
  if (declared != nullptr && declared->code != "Resource" && declared->code != "DomainResource" &&
      declared->code != rt && declared->schema != nullptr && declared->schema->type != rt) {
    Report(Severity::kError, codes::kWrongResourceType,
           "resource type " + std::string(rt) + " is not allowed here (expected " +
               declared->code + ")");
  }
  if (options_.validate_meta_profiles) {
    // Compile the claimed profiles first: what they reference is then known to the registry.
    const json::Value* meta = resource.Find("meta");
    const json::Value* mp = meta != nullptr ? meta->Find("profile") : nullptr;
    if (mp != nullptr && mp->is_array()) {
      for (const json::Value& p : mp->items()) {
        if (p.is_string()) registry_.Get(p.string_value());
      }
    }
  }
  const json::Value* root = contained && !frames_.empty() ? frames_.back().root : &resource;
  frames_.push_back(ResourceFrame{&resource, root, path_.size()});
  element_ids_.emplace_back();
  if (!options_.skip_base_when_profiled ||
      !WillWalkOwnTypeProfile(resource, declared, profiles, *base)) {
    ValidateResourceAgainst(resource, *base);
  }
  if (rt == "Bundle") CheckBundleRules(resource, path_, registry_.model(), sink_);
  if (rt == "SearchParameter") CheckSearchParameter(resource, path_, registry_, sink_);
  if (rt == "ValueSet") CheckValueSetParameters(resource, path_, sink_);
  if (rt == "CapabilityStatement") CheckCapabilityStatement(resource, path_, registry_, sink_);
  if (rt == "StructureDefinition") CheckStructureDefinition(resource, path_, registry_, sink_);
  if (rt == "MeasureReport") CheckMeasureReport(resource, path_, registry_, sink_);
  if (rt == "StructureDefinition") CheckDerivedFixedValues(resource, registry_, sink_);
  if (declared != nullptr && declared->profiles.size() > 1) {
    ValidateAgainstAnyProfile(resource, declared->profiles);
  } else if (declared != nullptr && declared->schema != nullptr && declared->schema != base &&
             declared->schema->type == rt) {
    ValidateResourceAgainst(resource, *declared->schema);
  }
  if (options_.validate_meta_profiles) {
    const json::Value* meta = resource.Find("meta");
    const json::Value* mp = meta != nullptr ? meta->Find("profile") : nullptr;
    if (mp != nullptr && mp->is_array()) {
      for (const json::Value& p : mp->items()) {
        if (!p.is_string()) continue;
        const ProfileSchema* s = registry_.Get(p.string_value());
        if (s == nullptr) {
          Report(Severity::kWarning, codes::kUnknownProfile,
                 "profile " + std::string(p.string_value()) + " is unknown; not checked");
        } else if (s != base) {
          ValidateResourceAgainst(resource, *s);
        }
      }
    }
  }
  for (const std::string& p : profiles) {
    const ProfileSchema* s = registry_.Get(p);
    if (s == nullptr) {
      Report(Severity::kError, codes::kUnknownProfile, "profile " + p + " is unknown");
    } else if (s != base) {
      ValidateResourceAgainst(resource, *s);
    }
  }
  if (options_.implied_profiles) ValidateImpliedProfile(resource, profiles);
  if (!options_.implementation_guides.empty()) ValidateGlobalProfiles(resource, *base, profiles);
  if (options_.validate_contained) CheckContainedReferenced(resource, path_, sink_);
  if (options_.no_experimental_content) {
    const json::Value* experimental = resource.Find("experimental");
    if (experimental != nullptr && experimental->is_bool() && experimental->bool_value()) {
      Report(Severity::kError, codes::kExperimentalContent,
             "Experimental content is not allowed in this context");
    }
  }
  frames_.pop_back();
  element_ids_.pop_back();
}

bool ElementWalker::WillWalkOwnTypeProfile(const json::Value& resource, const TypeRule* declared,
                                           std::span<const std::string> profiles,
                                           const ProfileSchema& base) {
  auto own = [&](const ProfileSchema* s) { return s != nullptr && s != &base && s->type == base.type; };
  if (declared != nullptr && declared->profiles.size() <= 1 && own(declared->schema)) return true;
  for (const std::string& p : profiles) {
    if (own(registry_.Get(p))) return true;
  }
  if (options_.validate_meta_profiles) {
    const json::Value* meta = resource.Find("meta");
    const json::Value* mp = meta != nullptr ? meta->Find("profile") : nullptr;
    if (mp != nullptr && mp->is_array()) {
      for (const json::Value& p : mp->items()) {
        if (p.is_string() && own(registry_.Get(p.string_value()))) return true;
      }
    }
  }
  return false;
}

void ElementWalker::ValidateImpliedProfile(const json::Value& resource,
                                           std::span<const std::string> profiles) {
  std::string_view url = ImpliedProfile(resource);
  if (url.empty()) return;
  for (const std::string& p : profiles) {
    if (p == url) return;
  }
  const json::Value* meta = resource.Find("meta");
  const json::Value* mp = meta != nullptr ? meta->Find("profile") : nullptr;
  if (options_.validate_meta_profiles && mp != nullptr && mp->is_array()) {
    for (const json::Value& p : mp->items()) {
      if (p.is_string() && p.string_value() == url) return;
    }
  }
  if (const ProfileSchema* s = registry_.Get(url)) ValidateResourceAgainst(resource, *s);
}

void ElementWalker::ValidateGlobalProfiles(const json::Value& resource, const ProfileSchema& base,
                                           std::span<const std::string> profiles) {
  std::string_view rt = StringMember(resource, "resourceType");
  const json::Value* meta = resource.Find("meta");
  const json::Value* mp = meta != nullptr ? meta->Find("profile") : nullptr;
  auto named = [&](std::string_view url) {
    for (const std::string& p : profiles) {
      if (p == url) return true;
    }
    if (options_.validate_meta_profiles && mp != nullptr && mp->is_array()) {
      for (const json::Value& p : mp->items()) {
        if (p.is_string() && p.string_value() == url) return true;
      }
    }
    return false;
  };
  for (const std::string& ig_url : options_.implementation_guides) {
    const json::Value* ig = registry_.ResolveDefinition(ig_url);
    const json::Value* globals = ig != nullptr ? ig->Find("global") : nullptr;
    if (globals == nullptr || !globals->is_array()) continue;
    for (const json::Value& g : globals->items()) {
      std::string_view profile = StringMember(g, "profile");
      if (StringMember(g, "type") != rt || profile.empty() || named(profile)) continue;
      const ProfileSchema* s = registry_.Get(profile);
      if (s == nullptr) {
        Report(Severity::kWarning, codes::kUnknownProfile,
               "global profile " + std::string(profile) + " of " + ig_url + " is unknown");
      } else if (s != &base) {
        ValidateResourceAgainst(resource, *s);
      }
    }
  }
}

void ElementWalker::ValidateResourceAgainst(const json::Value& resource,
                                            const ProfileSchema& schema) {
  if (schema.type != StringMember(resource, "resourceType")) {
    Report(Severity::kError, codes::kWrongResourceType,
           "the profile " + schema.url + " constrains " + schema.type);
    return;
  }
  ValidateComplex(resource, ElementDef{&schema, &schema.root(), nullptr}, true);
}

void ElementWalker::ValidateAgainstAnyProfile(const json::Value& resource,
                                              const std::vector<std::string>& profiles) {
  std::string_view rt = StringMember(resource, "resourceType");
  std::vector<Issue> best;
  std::size_t best_errors = 0;
  bool any = false;
  for (const std::string& p : profiles) {
    const ProfileSchema* s = registry_.Get(p);
    if (s == nullptr || s->type != rt) continue;
    IssueList buffer;
    ElementWalker sub(registry_, options_, buffer);
    sub.target_check_depth_ = target_check_depth_;
    sub.frames_ = frames_;
    sub.path_ = path_;
    sub.depth_ = depth_;
    sub.ValidateResourceAgainst(resource, *s);
    std::size_t errors = 0;
    for (const Issue& i : buffer.issues()) {
      errors += i.severity == Severity::kError || i.severity == Severity::kFatal ? 1 : 0;
    }
    if (!any || errors < best_errors) {
      best = buffer.issues();
      best_errors = errors;
      any = true;
    }
    if (errors == 0) break;
  }
  for (Issue& i : best) sink_.Report(std::move(i));
}

void ElementWalker::ValidateObjectAgainst(const json::Value& value, const ProfileSchema& schema) {
  if (schema.kind == "resource") {
    ValidateResourceAgainst(value, schema);
  } else {
    ValidateComplex(value, ElementDef{&schema, &schema.root(), nullptr}, false);
  }
}

ElementWalker::Source ElementWalker::StructureOf(const ElementDef& def) const {
  if (def.rule->has_children) return {def.schema, def.rule};
  if (def.rule->content_reference >= 0) {
    const ProfileSchema* s =
        def.rule->content_schema != nullptr ? def.rule->content_schema : def.schema;
    return {s, &s->at(static_cast<std::uint32_t>(def.rule->content_reference))};
  }
  if (def.type != nullptr && def.type->schema != nullptr) {
    return {def.type->schema, &def.type->schema->root()};
  }
  return {};
}

void ElementWalker::ValidateComplex(const json::Value& obj, const ElementDef& def,
                                    bool resource_root) {
  if (!obj.is_object()) {
    Report(Severity::kError, codes::kNotObject, "must be a JSON object");
    return;
  }
  if (!Budget()) return;
  if (depth_ >= options_.max_element_depth) {
    Report(Severity::kError, codes::kTooDeep, "elements nested too deeply");
    return;
  }
  if (obj.members().empty()) {
    Report(Severity::kError, codes::kEmptyObject, "object must have some content");
    return;
  }
  if (!resource_root) CheckElementId(obj);
  Source src = StructureOf(def);
  if (src.rule == nullptr) return;  // type unknown to the registry: nothing more to check
  ++depth_;
  if (counts_.size() < static_cast<std::size_t>(depth_)) counts_.resize(depth_);
  std::vector<std::uint32_t>& counts = counts_[depth_ - 1];
  counts.assign(src.rule->children.size(), 0);
  std::string_view type_code = def.type != nullptr ? def.type->code : src.schema->type;
  std::string_view outer_type = element_type_;
  element_type_ = type_code;
  // A nested resource checked in place by a profile of its container (Bundle.entry.resource,
  // contained): its elements see it as %resource, while the invariants of the element that
  // holds it still run in the container's context.
  bool own_frame = resource_root && !frames_.empty() && frames_.back().resource != &obj;
  if (own_frame) {
    const json::Value* root = def.rule->name == "contained" ? frames_.back().root : &obj;
    frames_.push_back(ResourceFrame{&obj, root, path_.size()});
    element_ids_.emplace_back();
  }
  // A snapshot repeats the ids of the differential: its element ids are a scope of their own.
  bool own_ids = !own_frame && def.rule->path == "StructureDefinition.snapshot";
  if (own_ids) element_ids_.emplace_back();
  ValidateMembers(obj, src, resource_root, &counts);
  CheckCardinality(obj, src, counts_[depth_ - 1]);
  CheckSlicing(obj, src);
  if (own_frame) frames_.pop_back();
  if (own_frame || own_ids) element_ids_.pop_back();
  element_type_ = outer_type;
  CheckValueRules(obj, *def.rule, type_code);
  if (type_code == "Coding") {
    CheckCodingSystem(
        obj, path_,
        [this](std::string_view url) -> std::string_view {
          const json::Value* r = registry_.ResolveDefinition(url);
          if (r == nullptr || !r->is_object()) return {};
          const json::Value* t = r->Find("resourceType");
          return t != nullptr && t->is_string() ? t->string_value() : std::string_view();
        },
        sink_);
  } else if (type_code == "Attachment") {
    CheckAttachment(obj, path_, sink_);
  }
  if (options_.evaluate_constraints) CheckConstraints(&obj, nullptr, def, src);
  --depth_;
  // A profiled type whose element also has children in this schema: check the profile too.
  if (def.rule->has_children && def.type != nullptr && def.type->schema != nullptr &&
      def.type->schema->derivation == "constraint") {
    ValidateComplex(obj, ElementDef{def.type->schema, &def.type->schema->root(), nullptr}, false);
  }
}

void ElementWalker::ValidateMembers(const json::Value& obj, const Source& src, bool resource_root,
                                    std::vector<std::uint32_t>* counts) {
  bool has_underscore = false;
  for (const json::Member& m : obj.members()) {
    if (!m.key.empty() && m.key[0] == '_') has_underscore = true;
  }
  std::string ext_key;
  std::string step;
  for (const json::Member& m : obj.members()) {
    std::string_view key = m.key;
    if (resource_root && key == "resourceType") continue;
    bool underscore = !key.empty() && key[0] == '_';
    std::string_view name = underscore ? key.substr(1) : key;
    const ChildName* cn = src.schema->FindChild(*src.rule, name);
    if (cn == nullptr) {
      std::string narrowed_type;
      std::uint16_t ordinal = 0;
      const ElementRule* choice = NarrowedChoiceOf(*src.schema, *src.rule, name, registry_.model(),
                                                   &narrowed_type, &ordinal);
      if (choice != nullptr && !underscore) {
        // A type of the choice that this schema does not allow: it still fills the element.
        (*counts)[ordinal] += CountOf(m.value);
        if (choice->types.size() == 1) {
          PathScope scope(*this, ChoiceStep(choice->name, narrowed_type, &step));
          Report(Severity::kError, codes::kChoiceTypeNotAllowed,
                 "type " + narrowed_type +
                     " is not allowed here (allowed: " + choice->types[0].code + ")");
          continue;
        }
      }
      // Located at the object that holds it (an unknown name has no FHIRPath of its own).
      Report(Severity::kError, codes::kUnknownElement,
             "unrecognized property '" + std::string(key) + "'");
      continue;
    }
    const ElementRule& child = src.schema->at(cn->element);
    const TypeRule* type = child.types.empty() ? nullptr : &child.types[cn->type];
    // Choice elements are located in FHIRPath form: "value.ofType(Quantity)".
    PathScope scope(*this, child.choice && type != nullptr
                               ? ChoiceStep(child.name, type->code, &step)
                               : name);
    if (resource_root && key == "id" && m.value.is_string() && !IsValidId(m.value.string_value())) {
      Report(Severity::kError, codes::kInvalidResourceId, "Invalid Resource id");
    }
    bool primitive = type != nullptr && IsPrimitiveTypeCode(type->code);
    if (underscore) {
      if (!primitive) {
        Report(Severity::kError, codes::kUnknownElement,
               "unrecognized property '" + std::string(key) + "'");
        continue;
      }
      const json::Value* value = obj.Find(name);
      if (value == nullptr) (*counts)[cn->ordinal] += CountOf(m.value);
      ValidatePrimitiveExtension(m.value, child, *type, value);
      continue;
    }
    const json::Value* ext = nullptr;
    if (primitive && has_underscore) {
      ext_key.assign("_").append(name);
      ext = obj.Find(ext_key);
    }
    std::uint32_t n = CountOf(m.value);
    if (ext != nullptr && m.value.is_array() && ext->is_array()) {
      n = 0;
      for (std::size_t i = 0; i < m.value.items().size(); ++i) {
        bool has = !m.value.items()[i].is_null() ||
                   (i < ext->items().size() && !ext->items()[i].is_null());
        n += has ? 1 : 0;
      }
    }
    (*counts)[cn->ordinal] += n;
    ValidateMember(m.value, ext, *src.schema, child, type);
  }
}

void ElementWalker::ValidateMember(const json::Value& value, const json::Value* ext,
                                   const ProfileSchema& schema, const ElementRule& child,
                                   const TypeRule* type) {
  if (!child.repeating) {
    if (value.is_array()) {
      Report(Severity::kError, codes::kUnexpectedArray, "must not be a JSON array");
      return;
    }
    if (type != nullptr && IsPrimitiveTypeCode(type->code)) {
      ValidatePrimitive(value, ext, child, *type);
    } else {
      ValidateItem(value, schema, child, type);
    }
    return;
  }
  if (!value.is_array()) {
    Report(Severity::kError, codes::kNotArray, "must be a JSON array");
    return;
  }
  if (value.items().empty()) {
    Report(Severity::kError, codes::kEmptyArray, "array must not be empty");
    return;
  }
  bool primitive = type != nullptr && IsPrimitiveTypeCode(type->code);
  for (std::size_t i = 0; i < value.items().size(); ++i) {
    PathScope scope(*this, i);
    const json::Value& item = value.items()[i];
    if (primitive) {
      const json::Value* e = nullptr;
      if (ext != nullptr && ext->is_array() && i < ext->items().size() &&
          !ext->items()[i].is_null()) {
        e = &ext->items()[i];
      }
      if (item.is_null()) {
        if (e == nullptr) Report(Severity::kError, codes::kNullValue, "null is not allowed here");
        continue;
      }
      ValidatePrimitive(item, e, child, *type);
    } else {
      ValidateItem(item, schema, child, type);
    }
  }
}

void ElementWalker::ValidateItem(const json::Value& item, const ProfileSchema& schema,
                                 const ElementRule& child, const TypeRule* type) {
  if (item.is_null()) {
    Report(Severity::kError, codes::kNullValue, "null is not allowed here");
    return;
  }
  bool resource = type != nullptr && IsResourceTypeCode(registry_, type->code);
  if (resource && child.name == "contained" && !options_.validate_contained) return;
  if (resource) type = TypeOfResourceItem(child, item, type);
  if (resource) {
    ValidateResource(item, type, child.name == "contained", {});
    if (!child.has_children) return;
    // A profile that constrains the resource's elements in place: check those too.
    ValidateComplex(item, ElementDef{&schema, &child, type}, true);
    return;
  }
  ValidateComplex(item, ElementDef{&schema, &child, type}, false);
  if (type == nullptr || !item.is_object()) return;
  const std::string_view code = type->code;
  if (code == "Extension") CheckExtension(item, child);
  if (code == "Reference") CheckReference(item, *type);
  if (child.binding && options_.bindings != nullptr) CheckBinding(item, child, type->code);
}

void ElementWalker::ValidatePrimitive(const json::Value& value, const json::Value* ext,
                                      const ElementRule& child, const TypeRule& type) {
  if (!Budget()) return;
  if (value.is_object() || value.is_array()) {
    Report(Severity::kError, codes::kPrimitiveWrongJson,
           "a " + type.code + " value must be a JSON " +
               json::KindName(JsonKindOfPrimitive(type.code)));
    return;
  }
  switch (CheckPrimitive(type.code, value)) {
    case PrimitiveProblem::kOk: break;
    case PrimitiveProblem::kWrongJsonKind:
      Report(Severity::kError, codes::kPrimitiveWrongJson,
             "a " + type.code + " value must be a JSON " +
                 json::KindName(JsonKindOfPrimitive(type.code)));
      return;
    case PrimitiveProblem::kEmpty:
      Report(Severity::kError, codes::kPrimitiveEmpty, "a " + type.code + " value must not be empty");
      return;
    case PrimitiveProblem::kBadFormat:
    case PrimitiveProblem::kBadWhitespace:
      Report(Severity::kError, codes::kPrimitiveFormat, "not a valid " + type.code);
      return;
    case PrimitiveProblem::kTooLong:
      Report(Severity::kError, codes::kMaxLength, "value is longer than the 1 MB limit");
      return;
    case PrimitiveProblem::kOutOfRange:
      Report(Severity::kError, codes::kPrimitiveRange, "value out of range for " + type.code);
      return;
  }
  CheckValueRules(value, child, type.code);
  // Compared as a view: the length is checked before any byte (this runs for every primitive).
  const std::string_view code = type.code;
  if (value.is_string() && !options_.allow_example_urls &&
      (code == "uri" || code == "url" || code == "canonical")) {
    CheckExampleUrl(value.string_value(), child);
  }
  if (value.is_string() && code == "canonical" && !value.string_value().empty() &&
      value.string_value()[0] != '#' && !IsAbsoluteUri(value.string_value())) {
    Report(Severity::kError, codes::kCanonicalRelative,
           "Canonical URLs must be absolute URLs if they are not fragment references (" +
               std::string(value.string_value()) + ")");
  }
  if (value.is_string() && code == "xhtml") CheckNarrative(value.string_value());
  if (value.is_string() && (code == "string" || code == "markdown")) {
    CheckHtmlText(type.code, value.string_value(), options_.security_checks,
                  options_.markdown_html_is_error, path_, sink_);
  }
  if (child.binding && options_.bindings != nullptr) CheckBinding(value, child, type.code);
  if (options_.evaluate_constraints) {
    RunConstraints(child.constraints, &value, ext, type.code, nullptr);
  }
}

void ElementWalker::CheckElementId(const json::Value& obj) {
  std::string_view id = StringMember(obj, "id");
  if (id.empty() || element_ids_.empty()) return;
  auto [it, added] = element_ids_.back().emplace(id, &obj);
  if (!added && it->second != &obj) {
    Report(Severity::kError, codes::kDuplicateElementId,
           "Duplicate id value '" + std::string(id) + "'");
  }
}

void ElementWalker::CheckNarrative(std::string_view div) {
  if (frames_.empty() || frames_.back().root == nullptr) return;
  const json::Value* bundle = nullptr;
  for (auto it = frames_.rbegin(); it != frames_.rend() && bundle == nullptr; ++it) {
    if (StringMember(*it->resource, "resourceType") == "Bundle") bundle = it->resource;
  }
  CheckNarrativeLinks(div, *frames_.back().root, bundle, path_, sink_);
}

void ElementWalker::CheckExampleUrl(std::string_view url, const ElementRule& child) {
  if (!IsExampleUrl(url) || child.path == "Bundle.entry.fullUrl") return;
  // The defining url of a canonical resource (CodeSystem.url, ...) names, it does not point.
  std::string_view path = child.path;
  std::size_t dot = path.find('.');
  if (dot != std::string_view::npos && path.substr(dot) == ".url" &&
      IsResourceTypeCode(registry_, path.substr(0, dot))) {
    return;
  }
  Report(Severity::kError, codes::kExampleUrl,
         "Example URLs are not allowed in this context (" + std::string(url) + ")");
}

void ElementWalker::ValidatePrimitiveExtension(const json::Value& ext, const ElementRule& child,
                                               const TypeRule& type, const json::Value* value) {
  // The "_name" object holds only Element's members (id, extension), never the value itself.
  const ProfileSchema* ps = registry_.ForType("Element");
  if (ps == nullptr) ps = type.schema;
  auto check_one = [&](const json::Value& e, bool has_value) {
    if (e.is_null()) return;
    if (ps == nullptr) return;
    // {"id": …} beside a value: ele-1 holds for the element as a whole.
    if (has_value && e.is_object() && e.members().size() == 1 && e.Find("id") != nullptr) return;
    ValidateComplex(e, ElementDef{ps, &ps->root(), nullptr}, false);
  };
  if (!child.repeating) {
    if (ext.is_array()) {
      Report(Severity::kError, codes::kUnexpectedArray, "must not be a JSON array");
      return;
    }
    if (ext.is_null()) {
      Report(Severity::kError, codes::kNullValue, "null is not allowed here");
      return;
    }
    check_one(ext, value != nullptr && !value->is_null());
    return;
  }
  if (!ext.is_array()) {
    Report(Severity::kError, codes::kNotArray, "must be a JSON array");
    return;
  }
  if (value != nullptr && value->is_array() && value->items().size() != ext.items().size()) {
    Report(Severity::kError, codes::kPrimitiveMismatch,
           "the primitive array and its extension array differ in length");
  }
  for (std::size_t i = 0; i < ext.items().size(); ++i) {
    PathScope scope(*this, i);
    bool has_value = value != nullptr && value->is_array() && i < value->items().size() &&
                     !value->items()[i].is_null();
    check_one(ext.items()[i], has_value);
  }
}

void ElementWalker::CheckCardinality(const json::Value& obj, const Source& src,
                                     const std::vector<std::uint32_t>& counts) {
  const auto& children = src.rule->children;
  for (std::size_t o = 0; o < children.size(); ++o) {
    const ElementRule& child = src.schema->at(children[o]);
    std::uint32_t n = counts[o];
    if (n < child.min) {
      Report(Severity::kError, codes::kMinCardinality,
             child.path + ": minimum required = " + std::to_string(child.min) + ", but only found " +
                 std::to_string(n));
    }
    if (child.max != kUnbounded && n > child.max) {  // located at the parent, as min is
      Report(Severity::kError, codes::kMaxCardinality,
             child.path + ": max allowed = " + std::to_string(child.max) + ", but found " +
                 std::to_string(n));
    }
  }
  (void)obj;
}

void ElementWalker::CheckConstraints(const json::Value* value, const json::Value* ext,
                                     const ElementDef& def, const Source& src) {
  std::string_view type_key = def.rule->type_key;
  if (type_key.empty() && def.type != nullptr) type_key = def.type->code;
  RunConstraints(def.rule->constraints, value, ext, type_key, nullptr);
  if (src.rule != def.rule) {
    RunConstraints(src.rule->constraints, value, ext, src.rule->type_key, &def.rule->constraints);
  }
}

std::size_t ElementWalker::ConstraintMemoHash::operator()(
    const ConstraintMemoKey& k) const noexcept {
  std::size_t h = std::hash<const void*>()(k.expression);
  for (std::size_t part : {std::hash<int>()(k.native), std::hash<const void*>()(k.value),
                           std::hash<const void*>()(k.ext)}) {
    h ^= part + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  }
  return h;
}

void ElementWalker::RunConstraints(const std::vector<ConstraintRule>& rules,
                                   const json::Value* value, const json::Value* ext,
                                   std::string_view type_key,
                                   const std::vector<ConstraintRule>* already) {
  for (const ConstraintRule& c : rules) {
    if (already != nullptr) {
      bool dup = false;
      for (const ConstraintRule& a : *already) dup = dup || a.key == c.key;
      if (dup) continue;
    }
    Status error;
    ResourceFrame frame = frames_.empty() ? ResourceFrame{} : frames_.back();
    ConstraintMemoKey key{c.expression.get(), static_cast<int>(c.native), value, ext};
    // Native checks and guarded ones are cheaper than a table entry.
    bool memo = c.expression != nullptr && c.native == NativeConstraint::kNone &&
                (c.guard == ConstraintGuard::kNone || value == nullptr ||
                 !GuardPasses(c.guard, *value));
    ConstraintOutcome outcome;
    if (auto it = memo ? constraint_memo_->find(key) : constraint_memo_->end();
        it != constraint_memo_->end()) {
      outcome = it->second;
    } else {
      outcome = constraints_.Evaluate(c, value, ext, type_key, frame, &error);
      if (memo && outcome != ConstraintOutcome::kError) constraint_memo_->emplace(key, outcome);
    }
    switch (outcome) {
      case ConstraintOutcome::kPass:
      case ConstraintOutcome::kSkipped: break;
      case ConstraintOutcome::kFail:
        Report(c.severity, codes::kConstraint, "Constraint failed: " + c.key + ": '" + c.human + "'");
        break;
      case ConstraintOutcome::kError:
        Report(Severity::kWarning, codes::kConstraintError,
               "invariant " + c.key + " could not be evaluated: " + error.message());
        break;
    }
  }
}

}  // namespace gw::validation
