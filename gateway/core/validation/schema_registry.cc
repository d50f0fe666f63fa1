#include "gateway/core/validation/schema_registry.h"

#include "gateway/core/validation/json_util.h"
#include "gateway/core/validation/snapshot_generator.h"

namespace gw::validation {

SchemaRegistry::SchemaRegistry(const ports::CanonicalResolver* resolver,
                               const model::TypeModel* model, const SchemaRegistry* parent)
    : resolver_(resolver), model_(model), parent_(parent) {}

SchemaRegistry::~SchemaRegistry() = default;

const ProfileSchema* SchemaRegistry::Get(std::string_view canonical) const {
  std::lock_guard<std::mutex> lock(mu_);
  return GetLocked(canonical);
}

const ProfileSchema* SchemaRegistry::ForType(std::string_view type) const {
  std::string url(kFhirSdPrefix);
  url += type;
  return Get(url);
}

const json::Value* SchemaRegistry::ResolveDefinition(std::string_view canonical) const {
  const json::Value* sd = resolver_ != nullptr ? resolver_->Resolve(canonical) : nullptr;
  if (sd == nullptr && parent_ != nullptr) return parent_->ResolveDefinition(canonical);
  return sd;
}

bool SchemaRegistry::IsReferencedButMissing(std::string_view url) const {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (referenced_missing_.count(std::string(url.substr(0, url.find('|')))) > 0) return true;
  }
  return parent_ != nullptr && parent_->IsReferencedButMissing(url);
}

std::vector<Issue> SchemaRegistry::CompileIssues() const {
  std::lock_guard<std::mutex> lock(mu_);
  return compile_issues_.issues();
}

const ProfileSchema* SchemaRegistry::GetLocked(std::string_view canonical) const {
  std::string key(canonical);
  if (auto it = schemas_.find(key); it != schemas_.end()) return it->second.get();
  bool known_missing = missing_.count(key) > 0;
  const json::Value* sd = nullptr;
  if (!known_missing && resolver_ != nullptr) sd = resolver_->Resolve(canonical);
  if (sd == nullptr || StringMember(*sd, "resourceType") != "StructureDefinition") {
    missing_[key] = true;
    return parent_ != nullptr ? parent_->Get(canonical) : nullptr;
  }
  if (sd->Find("snapshot") == nullptr) {
    if (const json::Value* generated = WithSnapshotLocked(key, sd, 0)) sd = generated;
  }
  SchemaCompileOptions options;
  options.model = model_;
  options.expressions = &expressions_;
  auto compiled = CompileSchema(*sd, options, &compile_issues_);
  if (!compiled.ok()) {
    missing_[key] = true;
    compile_issues_.Report({Severity::kWarning, "validation-schema-unusable", key,
                            compiled.status().message()});
    return parent_ != nullptr ? parent_->Get(canonical) : nullptr;
  }
  ProfileSchema* raw = compiled.value().get();
  schemas_.emplace(key, std::move(compiled).value());
  Link(raw);
  return raw;
}

const json::Value* SchemaRegistry::WithSnapshotLocked(const std::string& canonical,
                                                      const json::Value* sd, int depth) const {
  if (sd == nullptr || sd->Find("snapshot") != nullptr) return sd;
  if (auto it = generated_.find(canonical); it != generated_.end()) return it->second.get();
  constexpr int kMaxBaseChain = 8;
  if (depth > kMaxBaseChain) return nullptr;
  generated_[canonical] = nullptr;  // a base chain that comes back here is a cycle
  SnapshotSource source = [&](std::string_view c) -> const json::Value* {
    return WithSnapshotLocked(std::string(c), ResolveDefinition(c), depth + 1);
  };
  auto result = GenerateSnapshot(*sd, source, &compile_issues_);
  if (!result.ok()) {
    compile_issues_.Report({Severity::kWarning, "validation-snapshot-not-generated", canonical,
                            result.status().message()});
    return nullptr;
  }
  auto& slot = generated_[canonical];
  slot = std::make_unique<json::Value>(std::move(result).value());
  return slot.get();
}

void SchemaRegistry::Link(ProfileSchema* schema) const {
  LinkContentReferences(schema);
  for (ElementRule& rule : schema->elements) {
    for (TypeRule& t : rule.types) {
      for (const std::string& p : t.profiles) {
        t.schema = GetLocked(p);
        if (t.schema != nullptr) break;
        referenced_missing_[p.substr(0, p.find('|'))] = true;
      }
      if (t.schema == nullptr && !t.code.empty() && t.code.rfind("System.", 0) != 0) {
        bool absolute = t.code.find(':') != std::string::npos;
        t.schema = GetLocked(absolute ? t.code : std::string(kFhirSdPrefix) + t.code);
      }
      bool all_targets_known = true;
      for (const std::string& tp : t.target_profiles) {
        std::string_view v = tp;
        if (v.rfind(kFhirSdPrefix, 0) == 0 && model_ != nullptr &&
            model_->HasType(v.substr(kFhirSdPrefix.size()))) {
          t.target_types.emplace_back(v.substr(kFhirSdPrefix.size()));
          continue;
        }
        const json::Value* sd = ResolveDefinition(tp);
        // A profile constrains the same type in every version: another loaded version tells it.
        if (sd == nullptr && v.find('|') != std::string_view::npos) {
          sd = ResolveDefinition(std::string(v.substr(0, v.find('|'))));
        }
        if (sd != nullptr) {
          t.target_types.emplace_back(StringMember(*sd, "type"));
        } else {
          all_targets_known = false;
        }
      }
      // With a target profile that cannot be resolved the allowed types are not known: the
      // target type is then not checked rather than reported against an incomplete list.
      if (!all_targets_known) t.target_types.clear();
    }
  }
}

// In a profile, "#Parameters.parameter" names the element of the base definition: the
// profile's own element of that id may carry constraints meant for that level only.
void SchemaRegistry::LinkContentReferences(ProfileSchema* schema) const {
  if (schema->derivation != "constraint") return;
  const ProfileSchema* base = nullptr;
  for (ElementRule& rule : schema->elements) {
    if (rule.content_reference < 0) continue;
    if (base == nullptr) base = GetLocked(std::string(kFhirSdPrefix) + schema->type);
    if (base == nullptr || base == schema) return;
    const std::string& id = schema->elements[static_cast<std::uint32_t>(rule.content_reference)].id;
    for (std::uint32_t i = 0; i < base->elements.size(); ++i) {
      if (base->elements[i].id != id) continue;
      rule.content_schema = base;
      rule.content_reference = static_cast<std::int32_t>(i);
      break;
    }
  }
}

}  // namespace gw::validation
