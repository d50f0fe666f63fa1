#include "gateway/core/validation/bundle_rules.h"

#include <algorithm>
#include <set>
#include <string_view>
#include <vector>

#include "gateway/core/validation/bundle_links.h"
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

bool IsPagingRelation(std::string_view rel) {
  return rel == "first" || rel == "previous" || rel == "next" || rel == "last";
}

// Link relations: searchsets and histories carry each paging relation and self once (located
// at the link); other known types carry no paging relation and self once (located at the
// relation).
void CheckLinks(const json::Value& bundle, std::string_view type, const std::string& loc,
                IssueSink& sink) {
  const json::Value* links = bundle.Find("link");
  if (links == nullptr || !links->is_array()) return;
  bool search = type == "searchset" || type == "history";
  bool other = type == "document" || type == "message" || type == "collection" ||
               type == "subscription-notification" || type == "transaction" ||
               type == "transaction-response" || type == "batch" || type == "batch-response";
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < links->items().size(); ++i) {
    std::string_view rel = StringMember(links->items()[i], "relation");
    if (rel.empty()) continue;
    bool repeated = !seen.insert(rel).second;
    std::string link = Loc(loc, "link", i);
    if (search && repeated && (rel == "self" || IsPagingRelation(rel))) {
      sink.Report({Severity::kError, std::string(codes::kBundleRule), link,
                   "The link relationship type '" + std::string(rel) + "' can only occur once"});
    } else if (other && IsPagingRelation(rel)) {
      sink.Report({Severity::kError, std::string(codes::kBundleRule), link + ".relation",
                   "The link relationship type '" + std::string(rel) +
                       "' used in search sets is prohibited in this context"});
    } else if (other && repeated && rel == "self") {
      sink.Report({Severity::kError, std::string(codes::kBundleRule), link + ".relation",
                   "The link relationship type '" + std::string(rel) + "' can only occur once"});
    }
  }
}

// Entry-level fullUrl rules. The reference validator locates these at the Bundle's first
// entry whatever entry they are about (the message names the fullUrl); kept for agreement.
void CheckEntry(const json::Value& entry, const std::string& first_entry, IssueSink& sink) {
  std::string_view full = StringMember(entry, "fullUrl");
  const json::Value* res = entry.Find("resource");
  if (!full.empty() && full.find(':') == std::string_view::npos) {
    sink.Report({Severity::kError, std::string(codes::kBundleRule), first_entry,
                 "The fullUrl must be an absolute URL (not '" + std::string(full) + "')"});
  }
  if (res == nullptr || !res->is_object()) return;
  std::string_view rt = StringMember(*res, "resourceType");
  std::string_view id = StringMember(*res, "id");
  if (!full.empty() && full.rfind("urn:", 0) != 0 && full.find("://") != std::string_view::npos) {
    std::string tail = RestTail(full);
    if (tail.empty() || rt.empty()) return;
    if (id.empty()) {
      sink.Report({Severity::kError, std::string(codes::kBundleRule), first_entry,
                   "The fullUrl '" + std::string(full) +
                       "' looks like a RESTful server URL, but the resource has no id"});
    } else if (tail != std::string(rt) + "/" + std::string(id)) {
      sink.Report({Severity::kError, std::string(codes::kBundleRule), first_entry,
                   "The fullUrl '" + std::string(full) +
                       "' looks like a RESTful server URL, so it must end with the correct type "
                       "and id (/" +
                       std::string(rt) + "/" + std::string(id) + ")"});
    }
  }
}

std::string_view SearchMode(const json::Value& entry) {
  return StringMember(entry.Find("search"), "mode");
}

// The resource types a searchset's self link searched for: the last path segment when it is a
// resource type ("…/Patient?name=x"), else the values of a _type parameter.
std::vector<std::string> SearchedTypes(std::string_view url, const model::TypeModel* model) {
  std::vector<std::string> types;
  auto is_resource = [model](std::string_view t) {
    if (model == nullptr || t.empty()) return false;
    auto k = model->KindOf(t);
    return k && *k == model::TypeKind::kResource;
  };
  std::size_t q = url.find('?');
  std::string_view head = url.substr(0, q);
  std::string_view last =
      head.substr(head.rfind('/') == std::string_view::npos ? 0 : head.rfind('/') + 1);
  if (is_resource(last)) {
    types.emplace_back(last);
    return types;
  }
  if (q == std::string_view::npos) return types;
  std::string_view query = url.substr(q + 1);
  while (!query.empty()) {
    std::string_view param = query.substr(0, query.find('&'));
    query = param.size() < query.size() ? query.substr(param.size() + 1) : std::string_view();
    if (param.rfind("_type=", 0) != 0) continue;
    std::string_view list = param.substr(6);
    while (!list.empty()) {
      std::string_view t = list.substr(0, list.find(','));
      list = t.size() < list.size() ? list.substr(t.size() + 1) : std::string_view();
      if (!t.empty()) types.emplace_back(t);
    }
  }
  return types;
}

// Searchset entries: when the entries carry search modes, matches and includes have ids, a
// match is of a searched type and an outcome is an OperationOutcome. Without any search mode
// nothing can be required of them.
void CheckSearchSet(const json::Value& bundle, const json::Value& entries, const std::string& loc,
                    const model::TypeModel* model, IssueSink& sink) {
  bool any_mode = false;
  for (const json::Value& e : entries.items()) any_mode = any_mode || !SearchMode(e).empty();
  if (!any_mode) return;
  std::vector<std::string> types;
  const json::Value* links = bundle.Find("link");
  if (links != nullptr && links->is_array()) {
    for (const json::Value& l : links->items()) {
      if (StringMember(l, "relation") == "self") {
        types = SearchedTypes(StringMember(l, "url"), model);
        break;
      }
    }
  }
  for (std::size_t i = 0; i < entries.items().size(); ++i) {
    const json::Value& e = entries.items()[i];
    std::string_view mode = SearchMode(e);
    const json::Value* res = e.Find("resource");
    if (mode.empty() || res == nullptr || !res->is_object()) continue;
    std::string rloc = Loc(loc, "entry", i) + ".resource";
    std::string_view rt = StringMember(*res, "resourceType");
    bool has_id = res->Find("id") != nullptr;
    if (mode == "match" || mode == "include") {
      if (!has_id) {
        sink.Report({Severity::kError, std::string(codes::kBundleRule), rloc,
                     "Search results must have ids"});
      }
      if (mode == "match" && !types.empty() &&
          std::find(types.begin(), types.end(), rt) == types.end()) {
        sink.Report({Severity::kError, std::string(codes::kBundleRule), rloc,
                     "This is not a matching resource type for the specified search (" +
                         std::string(rt) + ")"});
      }
    } else if (rt != "OperationOutcome") {
      sink.Report({Severity::kError, std::string(codes::kBundleRule), rloc,
                   "This is not an OperationOutcome (" + std::string(rt) + ")"});
    }
  }
}

}  // namespace

void CheckBundleRules(const json::Value& bundle, const std::string& location,
                      const model::TypeModel* model, IssueSink& sink) {
  std::string_view type = StringMember(bundle, "type");
  CheckLinks(bundle, type, location, sink);
  const json::Value* entries = bundle.Find("entry");
  if (entries == nullptr || !entries->is_array()) return;
  std::string first_entry = Loc(location, "entry", 0);
  for (const json::Value& e : entries->items()) {
    if (e.is_object()) CheckEntry(e, first_entry, sink);
  }
  if (type == "searchset") CheckSearchSet(bundle, *entries, location, model, sink);
  CheckBundleLinks(bundle, type, location, model, sink);
}

}  // namespace gw::validation
