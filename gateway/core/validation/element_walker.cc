#include "gateway/core/validation/element_walker.h"

#include "gateway/core/validation/attachment_check.h"
#include "gateway/core/validation/bundle_rules.h"
#include "gateway/core/validation/coding_system_check.h"
#include "gateway/core/validation/html_text_check.h"
#include "gateway/core/validation/issue_codes.h"
#include "gateway/core/validation/json_util.h"
#include "gateway/core/validation/primitive_check.h"

namespace gw::validation {
namespace {

bool IsResourceTypeCode(const SchemaRegistry& registry, std::string_view code) {
  if (code == "Resource" || code == "DomainResource") return true;
  const model::TypeModel* m = registry.model();
  if (m == nullptr || code.empty() || code[0] < 'A' || code[0] > 'Z') return false;
  auto kind = m->KindOf(code);
  return kind && *kind == model::TypeKind::kResource;
}

std::uint32_t CountOf(const json::Value& v) {
  if (!v.is_array()) return v.is_null() ? 0 : 1;
  std::uint32_t n = 0;
  for (const json::Value& i : v.items()) n += i.is_null() ? 0 : 1;
  return n;
}

}  // namespace

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
  frames_.push_back(ResourceFrame{&resource, root});
  ValidateResourceAgainst(resource, *base);
  if (rt == "Bundle") CheckBundleRules(resource, path_, sink_);
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
  frames_.pop_back();
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
    return {def.schema, &def.schema->at(static_cast<std::uint32_t>(def.rule->content_reference))};
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
  Source src = StructureOf(def);
  if (src.rule == nullptr) return;  // type unknown to the registry: nothing more to check
  ++depth_;
  if (counts_.size() < static_cast<std::size_t>(depth_)) counts_.resize(depth_);
  std::vector<std::uint32_t>& counts = counts_[depth_ - 1];
  counts.assign(src.rule->children.size(), 0);
  std::string_view type_code = def.type != nullptr ? def.type->code : src.schema->type;
  std::string_view outer_type = element_type_;
  element_type_ = type_code;
  ValidateMembers(obj, src, resource_root, &counts);
  CheckCardinality(obj, src, counts_[depth_ - 1]);
  CheckSlicing(obj, src);
  element_type_ = outer_type;
  CheckValueRules(obj, *def.rule, type_code);
  if (type_code == "Coding") {
    CheckCodingSystem(obj, path_, sink_);
  } else if (type_code == "Attachment") {
    CheckAttachment(obj, options_.allow_example_urls, path_, sink_);
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
  if (resource) {
    ValidateResource(item, type, child.name == "contained", {});
    if (!child.has_children) return;
    // A profile that constrains the resource's elements in place: check those too.
    ValidateComplex(item, ElementDef{&schema, &child, type}, true);
    return;
  }
  ValidateComplex(item, ElementDef{&schema, &child, type}, false);
  if (type == nullptr || !item.is_object()) return;
  if (type->code == "Extension") CheckExtension(item, child);
  if (type->code == "Reference") CheckReference(item, *type);
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
  if (value.is_string() && (type.code == "string" || type.code == "markdown")) {
    CheckHtmlText(type.code, value.string_value(), options_.security_checks,
                  options_.markdown_html_is_error, path_, sink_);
  }
  if (child.binding && options_.bindings != nullptr) CheckBinding(value, child, type.code);
  if (options_.evaluate_constraints) {
    RunConstraints(child.constraints, &value, ext, type.code, nullptr);
  }
}

void ElementWalker::ValidatePrimitiveExtension(const json::Value& ext, const ElementRule& child,
                                               const TypeRule& type, const json::Value* value) {
  const ProfileSchema* ps = type.schema;
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
    switch (constraints_.Evaluate(c, value, ext, type_key, frame, &error)) {
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
