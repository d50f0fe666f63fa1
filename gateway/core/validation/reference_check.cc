// ElementWalker: references. The target is looked up inside the instance (contained resources,
// the container, Bundle entries by the fullUrl rules, Parameters resources); its type is
// checked against Reference.type and the allowed target types, its place against the type's
// aggregation modes. Nothing outside the instance is fetched.
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

std::string TypeAndId(const json::Value& resource) {
  return std::string(StringMember(resource, "resourceType")) + "/" +
         std::string(StringMember(resource, "id"));
}

// A resource of `params` (parameter[].resource, at any depth of part[]) that is "Type/id".
const json::Value* FindInParameters(const json::Value& params, std::string_view reference) {
  std::vector<const json::Value*> todo{&params};
  while (!todo.empty()) {
    const json::Value* p = todo.back();
    todo.pop_back();
    for (std::string_view key : {"parameter", "part"}) {
      const json::Value* list = p->Find(key);
      if (list == nullptr || !list->is_array()) continue;
      for (const json::Value& item : list->items()) {
        if (!item.is_object()) continue;
        const json::Value* res = item.Find("resource");
        if (res != nullptr && res->is_object() && TypeAndId(*res) == reference) return res;
        todo.push_back(&item);
      }
    }
  }
  return nullptr;
}

// The fullUrl a relative reference from an entry with `full_url` points at (the reference
// validator's rule: the RESTful base of the source, or its urn prefix), and the version asked
// for; empty when it cannot be formed.
std::string TargetUrl(std::string_view reference, std::string_view full_url, std::string* version) {
  std::size_t hist = reference.find("/_history/");
  if (hist != std::string_view::npos) {
    *version = std::string(reference.substr(hist + 10));
    reference = reference.substr(0, hist);
  }
  if (reference.find(':') != std::string_view::npos) return std::string(reference);
  if (full_url.empty() || std::count(reference.begin(), reference.end(), '/') != 1) return {};
  if (full_url.rfind("urn:", 0) == 0) {
    return std::string(full_url.substr(0, full_url.rfind(':') + 1)) +
           std::string(reference.substr(reference.find('/') + 1));
  }
  std::size_t last = full_url.rfind('/');
  if (last == std::string_view::npos || last == 0) return {};
  std::size_t prev = full_url.rfind('/', last - 1);
  if (prev == std::string_view::npos) return {};
  return std::string(full_url.substr(0, prev + 1)) + std::string(reference);
}

bool Contains(const std::vector<std::string>& list, std::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

std::string Join(const std::vector<std::string>& list) {
  std::string out;
  for (const std::string& s : list) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

const json::Value* ElementWalker::ResolveInBundle(const json::Value& bundle,
                                                  std::size_t entry_frame,
                                                  std::string_view reference) {
  if (indexed_bundle_ != &bundle) {
    indexed_bundle_ = &bundle;
    bundle_index_.clear();
    entry_full_urls_.clear();
    const json::Value* entries = bundle.Find("entry");
    if (entries != nullptr && entries->is_array()) {
      for (const json::Value& e : entries->items()) {
        std::string_view full = StringMember(e, "fullUrl");
        const json::Value* res = e.Find("resource");
        if (res == nullptr) continue;
        if (!full.empty()) bundle_index_.emplace(full, res);
        entry_full_urls_.emplace(res, full);
      }
    }
  }
  // The entry the reference is made from (none for the Bundle's own elements).
  const json::Value* from = entry_frame < frames_.size() ? frames_[entry_frame].resource : nullptr;
  std::string_view source;
  if (from != nullptr) {
    auto it = entry_full_urls_.find(from);
    if (it != entry_full_urls_.end()) source = it->second;
  }
  if (from != nullptr && reference.find(':') == std::string_view::npos &&
      !CheckRelativeReferenceInBundle(bundle, entry_frame, source, reference)) {
    return nullptr;
  }
  std::string version;
  std::string target = TargetUrl(reference, source, &version);
  if (target.empty()) return nullptr;
  auto [begin, end] = bundle_index_.equal_range(target);
  const json::Value* found = nullptr;
  int matches = 0;
  for (auto it = begin; it != end; ++it) {
    if (version.empty() || StringMember(it->second->Find("meta"), "versionId") == version) {
      if (found == nullptr) found = it->second;
      ++matches;
    }
  }
  if (matches > 1) {
    Report(Severity::kError, codes::kReferenceUnresolved,
           "Multiple matches in bundle for reference " + std::string(reference));
  }
  return found;
}

// A relative reference from a Bundle entry needs the entry's fullUrl (its base) and the form
// Type/id or Type/id/_history/version; false (reported) when it cannot be resolved.
bool ElementWalker::CheckRelativeReferenceInBundle(const json::Value& bundle,
                                                   std::size_t entry_frame, std::string_view source,
                                                   std::string_view reference) {
  std::string_view type = StringMember(bundle, "type");
  if (source.empty()) {
    if (type == "batch-response" || type == "transaction-response") return false;
    std::string entry = path_.substr(0, frames_[entry_frame].path_size);
    if (entry.size() > 9 && entry.compare(entry.size() - 9, 9, ".resource") == 0) {
      entry.resize(entry.size() - 9);
    }
    sink_.Report(Issue{Severity::kError, std::string(codes::kBundleRule), entry,
                       "Bundle entry missing fullUrl"});
    Report(Severity::kError, codes::kReferenceUnresolved,
           "Relative Reference appears inside Bundle whose entry is missing a fullUrl");
    return false;
  }
  auto slashes = std::count(reference.begin(), reference.end(), '/');
  if (slashes == 1 || slashes == 3) return true;
  Report(Severity::kError, codes::kReferenceFormat,
         "Relative URLs must be of the format [ResourceName]/[id]. Encountered " +
             std::string(reference));
  return false;
}

ElementWalker::LocalTarget ElementWalker::ResolveLocally(std::string_view reference) {
  if (frames_.empty()) return {};
  const ResourceFrame& here = frames_.back();
  if (reference == "#") {
    bool in_contained = here.root != nullptr && here.root != here.resource;
    return {in_contained ? here.root : nullptr, true};
  }
  if (reference[0] == '#') return {FindContained(here.root, reference.substr(1)), true};
  std::string_view plain = reference.substr(0, reference.find('#'));
  for (std::size_t k = frames_.size(); k > 0; --k) {
    const json::Value& r = *frames_[k - 1].resource;
    std::string_view rt = StringMember(r, "resourceType");
    if (rt == "Parameters") {
      if (const json::Value* found = FindInParameters(r, plain)) return {found, false};
    } else if (rt == "Bundle") {
      // The entry the reference is made from is the resource just inside the Bundle.
      return {ResolveInBundle(r, k, plain), false};
    }
  }
  return {};
}

void ElementWalker::CheckReferenceTypeMember(std::string_view declared, std::string_view actual,
                                             const TypeRule& type) {
  if (declared.empty()) return;
  if (!type.target_types.empty() && !Contains(type.target_types, "Resource") &&
      !Contains(type.target_types, declared)) {
    Report(Severity::kError, codes::kReferenceTarget,
           "The type '" + std::string(declared) +
               "' is not a valid Target for this element (must be one of " +
               Join(type.target_types) + ")");
  }
  if (!actual.empty() && actual != declared) {
    Report(Severity::kError, codes::kReferenceTarget,
           "Invalid Resource target type. Found " + std::string(declared) +
               ", but expected one of (" + std::string(actual) + ")");
  }
}

// With a target inside the instance, every target profile must be known: the allowed types
// are otherwise not known (SchemaRegistry leaves target_types empty then).
void ElementWalker::CheckTargetProfilesKnown(std::string_view actual, const TypeRule& type) {
  if (type.target_profiles.empty() || !type.target_types.empty()) return;
  std::vector<std::string> known;
  for (const std::string& tp : type.target_profiles) {
    std::string_view v = tp;
    const model::TypeModel* m = registry_.model();
    if (v.rfind(kFhirSdPrefix, 0) == 0 && m != nullptr &&
        m->HasType(v.substr(kFhirSdPrefix.size(), v.find('|') - kFhirSdPrefix.size()))) {
      known.emplace_back(v.substr(kFhirSdPrefix.size(), v.find('|') - kFhirSdPrefix.size()));
      continue;
    }
    const json::Value* sd = registry_.ResolveDefinition(tp);
    if (sd == nullptr) sd = registry_.ResolveDefinition(v.substr(0, v.find('|')));
    if (sd != nullptr) {
      known.emplace_back(StringMember(*sd, "type"));
      continue;
    }
    Report(Severity::kError, codes::kReferenceTargetProfile,
           "Unable to resolve the profile reference '" + tp + "'");
  }
  if (!actual.empty() && !Contains(known, actual) && !Contains(known, "Resource")) {
    Report(Severity::kError, codes::kReferenceTarget,
           "Invalid Resource target type. Found " + std::string(actual) +
               ", but expected one of (" + Join(known) + ")");
  }
}

void ElementWalker::CheckAggregation(std::string_view reference, const LocalTarget& target,
                                     const TypeRule& type) {
  const std::vector<std::string>& modes = type.aggregation;
  if (modes.empty()) return;
  if (target.resource == nullptr) {
    if (!Contains(modes, "referenced")) {
      Report(Severity::kError, codes::kReferenceUnresolved,
             "Bundled or contained reference not found within the bundle/resource " +
                 std::string(reference));
    }
    return;
  }
  bool ok = target.contained ? Contains(modes, "contained")
                             : Contains(modes, "bundled") || Contains(modes, "referenced");
  if (!ok) {
    Report(Severity::kError, codes::kReferenceAggregation,
           std::string("Reference is ") + (target.contained ? "contained" : "bundled") +
               " which isn't supported by the specified aggregation mode(s) for the reference (" +
               Join(modes) + ")");
  }
}

void ElementWalker::CheckReference(const json::Value& ref, const TypeRule& type) {
  std::string_view text = StringMember(ref, "reference");
  if (text.empty()) return;
  const model::TypeModel* m = registry_.model();
  auto is_type = [m](std::string_view s) {
    if (m == nullptr || s.empty() || s[0] < 'A' || s[0] > 'Z') return false;
    auto k = m->KindOf(s);
    return k && *k == model::TypeKind::kResource;
  };
  ParsedReference parsed = ParseReference(text, is_type);
  bool conditional = text.find('?') != std::string_view::npos;
  LocalTarget target = conditional ? LocalTarget{} : ResolveLocally(text);
  std::string_view actual =
      target.resource != nullptr ? StringMember(*target.resource, "resourceType") : parsed.type;
  std::string_view declared = StringMember(ref, "type");
  CheckReferenceTypeMember(declared, actual, type);
  if (!conditional) CheckAggregation(text, target, type);
  if (target.resource != nullptr) {
    CheckTargetProfilesKnown(actual, type);
    CheckTargetConformance(target, actual, type);
  } else if (options_.references_must_resolve && !conditional &&
             !(options_.allow_example_urls && (text.find("example.org") != std::string_view::npos ||
                                               text.find("acme.com") != std::string_view::npos))) {
    Report(Severity::kError, codes::kReferenceUnresolved,
           "Unable to resolve resource with reference '" + std::string(text) + "'");
  }
  if (actual.empty()) actual = declared;
  if (actual.empty() || type.target_types.empty() || Contains(type.target_types, "Resource") ||
      Contains(type.target_types, "DomainResource")) {
    return;
  }
  if (!Contains(type.target_types, actual)) {
    Report(Severity::kError, codes::kReferenceTarget,
           "reference to " + std::string(actual) + " is not allowed here");
  }
}

}  // namespace gw::validation
