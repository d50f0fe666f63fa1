// ElementWalker: Reference target types (Reference(Patient|Group)) checked against the type a
// reference names or resolves to (contained resource, Bundle entry by fullUrl).
#include "gateway/core/validation/reference_check.h"

#include <algorithm>

#include "gateway/core/validation/element_walker.h"
#include "gateway/core/validation/issue_codes.h"
#include "gateway/core/validation/json_util.h"

namespace gw::validation {
namespace {

const json::Value* FindContained(const json::Value* root, std::string_view id) {
  if (root == nullptr) return nullptr;
  const json::Value* contained = root->Find("contained");
  if (contained == nullptr || !contained->is_array()) return nullptr;
  for (const json::Value& c : contained->items()) {
    if (StringMember(c, "id") == id) return &c;
  }
  return nullptr;
}

}  // namespace

const json::Value* ElementWalker::ResolveInBundle(std::string_view reference) {
  const json::Value* bundle = nullptr;
  for (auto it = frames_.rbegin(); it != frames_.rend(); ++it) {
    if (StringMember(*it->resource, "resourceType") == "Bundle") {
      bundle = it->resource;
      break;
    }
  }
  if (bundle == nullptr) return nullptr;
  if (indexed_bundle_ != bundle) {
    indexed_bundle_ = bundle;
    bundle_index_.clear();
    const json::Value* entries = bundle->Find("entry");
    if (entries != nullptr && entries->is_array()) {
      for (const json::Value& e : entries->items()) {
        std::string_view full = StringMember(e, "fullUrl");
        const json::Value* res = e.Find("resource");
        if (!full.empty() && res != nullptr) bundle_index_.emplace(full, res);
      }
    }
  }
  auto it = bundle_index_.find(reference);
  return it == bundle_index_.end() ? nullptr : it->second;
}

void ElementWalker::CheckReference(const json::Value& ref, const TypeRule& type) {
  std::string_view text = StringMember(ref, "reference");
  if (text.empty() || type.target_types.empty()) return;
  for (const std::string& t : type.target_types) {
    if (t == "Resource" || t == "DomainResource") return;
  }
  const model::TypeModel* m = registry_.model();
  auto is_type = [m](std::string_view s) {
    if (m == nullptr || s.empty() || s[0] < 'A' || s[0] > 'Z') return false;
    auto k = m->KindOf(s);
    return k && *k == model::TypeKind::kResource;
  };
  ParsedReference parsed = ParseReference(text, is_type);
  std::string_view actual;
  const json::Value* target = nullptr;
  switch (parsed.form) {
    case ParsedReference::Form::kContained:
      target = FindContained(frames_.empty() ? nullptr : frames_.back().root, parsed.id);
      break;
    case ParsedReference::Form::kUrn:
      target = ResolveInBundle(text);
      break;
    case ParsedReference::Form::kRelative:
    case ParsedReference::Form::kAbsolute:
      actual = parsed.type;
      break;
    case ParsedReference::Form::kOther: break;
  }
  if (target != nullptr) actual = StringMember(*target, "resourceType");
  if (actual.empty()) {
    std::string_view declared = StringMember(ref, "type");
    if (!declared.empty()) actual = declared;
  }
  if (actual.empty()) return;
  bool ok = std::any_of(type.target_types.begin(), type.target_types.end(),
                        [&](const std::string& t) { return t == actual; });
  if (!ok) {
    Report(Severity::kError, codes::kReferenceTarget,
           "reference to " + std::string(actual) + " is not allowed here");
  }
}

}  // namespace gw::validation
