#include "gateway/core/validation/bundle_rules.h"

#include <map>
#include <set>
#include <string_view>
#include <vector>

#include "gateway/core/validation/issue_codes.h"
#include "gateway/core/validation/json_util.h"

namespace gw::validation {
namespace {

std::string Loc(const std::string& base, std::string_view step, std::size_t i) {
  return base + "." + std::string(step) + "[" + std::to_string(i) + "]";
}

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

// ".../Type/id" (optionally with /_history/v) → "Type/id"; "" when the URL is not RESTful.
std::string RestTail(std::string_view url) {
  std::size_t hist = url.find("/_history/");
  if (hist != std::string_view::npos) url = url.substr(0, hist);
  std::size_t slash = url.rfind('/');
  if (slash == std::string_view::npos || slash == 0) return {};
  std::size_t prev = url.rfind('/', slash - 1);
  std::string_view type = url.substr(prev == std::string_view::npos ? 0 : prev + 1,
                                     slash - (prev == std::string_view::npos ? 0 : prev + 1));
  if (type.empty() || !IsUpper(type[0])) return {};
  return std::string(url.substr(prev == std::string_view::npos ? 0 : prev + 1));
}

void CheckLinks(const json::Value& bundle, const std::string& loc, IssueSink& sink) {
  const json::Value* links = bundle.Find("link");
  if (links == nullptr || !links->is_array()) return;
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < links->items().size(); ++i) {
    std::string_view rel = StringMember(links->items()[i], "relation");
    if (rel.empty()) continue;
    if (!seen.insert(rel).second) {
      sink.Report({Severity::kError, std::string(codes::kBundleRule), Loc(loc, "link", i),
                   "The link relationship type '" + std::string(rel) + "' can only occur once"});
    }
  }
}

void CheckEntry(const json::Value& entry, std::string_view type, const std::string& eloc,
                IssueSink& sink) {
  std::string_view full = StringMember(entry, "fullUrl");
  const json::Value* res = entry.Find("resource");
  if (!full.empty() && full.find(':') == std::string_view::npos) {
    sink.Report({Severity::kError, std::string(codes::kBundleRule), eloc,
                 "The fullUrl must be an absolute URL (not '" + std::string(full) + "')"});
  }
  if (res == nullptr || !res->is_object()) return;
  std::string_view rt = StringMember(*res, "resourceType");
  std::string_view id = StringMember(*res, "id");
  if (!full.empty() && full.rfind("urn:", 0) != 0 && full.find("://") != std::string_view::npos) {
    std::string tail = RestTail(full);
    if (!tail.empty() && !id.empty() && tail != std::string(rt) + "/" + std::string(id)) {
      sink.Report({Severity::kError, std::string(codes::kBundleRule), eloc,
                   "The fullUrl '" + std::string(full) +
                       "' looks like a RESTful server URL, so it must end with the correct type "
                       "and id (/" + std::string(rt) + "/" + std::string(id) + ")"});
    }
  }
  if (type == "searchset" && id.empty()) {
    std::string_view mode = StringMember(entry.Find("search"), "mode");
    if (mode.empty() || mode == "match") {
      sink.Report({Severity::kError, std::string(codes::kBundleRule), eloc + ".resource",
                   "Search results must have ids"});
    }
  }
}

// Collects Reference.reference strings below `v` with their locations.
void CollectReferences(const json::Value& v, const std::string& loc,
                       std::vector<std::pair<std::string, std::string_view>>* out, int depth) {
  if (depth > 64) return;
  if (v.is_array()) {
    for (std::size_t i = 0; i < v.items().size(); ++i) {
      CollectReferences(v.items()[i], loc + "[" + std::to_string(i) + "]", out, depth + 1);
    }
    return;
  }
  if (!v.is_object()) return;
  for (const json::Member& m : v.members()) {
    if (m.key == "reference" && m.value.is_string()) {
      out->emplace_back(loc, m.value.string_value());
    } else if (m.key != "contained" && (m.value.is_object() || m.value.is_array())) {
      CollectReferences(m.value, loc + "." + m.key, out, depth + 1);
    }
  }
}

void CheckInternalReferences(const json::Value& entries, const std::string& loc, IssueSink& sink) {
  std::map<std::string, int> by_tail;  // "Type/id" → number of entries
  std::set<std::string> full_urls;
  for (const json::Value& e : entries.items()) {
    const json::Value* res = e.Find("resource");
    std::string_view full = StringMember(e, "fullUrl");
    if (!full.empty()) full_urls.insert(std::string(full));
    if (res == nullptr) continue;
    std::string_view rt = StringMember(*res, "resourceType");
    std::string_view id = StringMember(*res, "id");
    if (!rt.empty() && !id.empty()) ++by_tail[std::string(rt) + "/" + std::string(id)];
  }
  for (std::size_t i = 0; i < entries.items().size(); ++i) {
    const json::Value* res = entries.items()[i].Find("resource");
    if (res == nullptr) continue;
    std::vector<std::pair<std::string, std::string_view>> refs;
    CollectReferences(*res, Loc(loc, "entry", i) + ".resource", &refs, 0);
    for (const auto& [where, ref] : refs) {
      if (ref.empty() || ref[0] == '#' || ref.find(':') != std::string_view::npos) continue;
      if (full_urls.count(std::string(ref)) > 0) continue;
      std::string tail = RestTail(ref);
      if (tail.empty()) continue;
      bool versioned = ref.find("/_history/") != std::string_view::npos;
      auto it = by_tail.find(tail);
      if (it == by_tail.end() || versioned) {
        if (it != by_tail.end() && versioned) continue;  // version matching is not checked
        sink.Report({Severity::kError, std::string(codes::kReferenceUnresolved), where,
                     "Can't find '" + std::string(ref) + "' in the bundle"});
      } else if (it->second > 1) {
        sink.Report({Severity::kError, std::string(codes::kReferenceUnresolved), where,
                     "Found " + std::to_string(it->second) + " matches for '" + std::string(ref) +
                         "' in the bundle"});
      }
    }
  }
}

}  // namespace

void CheckBundleRules(const json::Value& bundle, const std::string& location, IssueSink& sink) {
  CheckLinks(bundle, location, sink);
  const json::Value* entries = bundle.Find("entry");
  if (entries == nullptr || !entries->is_array()) return;
  std::string_view type = StringMember(bundle, "type");
  for (std::size_t i = 0; i < entries->items().size(); ++i) {
    if (entries->items()[i].is_object()) {
      CheckEntry(entries->items()[i], type, Loc(location, "entry", i), sink);
    }
  }
  if (type == "document" || type == "message") CheckInternalReferences(*entries, location, sink);
}

}  // namespace gw::validation
