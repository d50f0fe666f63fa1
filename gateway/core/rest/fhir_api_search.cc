// FhirApi: search (with _include, _revinclude, _summary, _elements, paging) and history.
#include <set>
#include <utility>

#include "gateway/core/json/parse.h"
#include "gateway/core/json/write.h"
#include "gateway/core/rest/bundle_writer.h"
#include "gateway/core/rest/fhir_api.h"
#include "gateway/core/rest/fhir_api_context.h"
#include "gateway/core/rest/resource_subset.h"
#include "gateway/core/search/instant.h"

namespace gw::rest {

using namespace api_internal;

namespace {

// Restricted callers' totals are counted by reading matches; beyond this many, no total.
constexpr std::size_t kMaxCountedMatches = 10'000;
// Resources a revinclude may add per page.
constexpr std::size_t kMaxRevincludes = 1000;

std::string PercentEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : s) {
    bool plain = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                 ch == '-' || ch == '.' || ch == '_' || ch == '~' || ch == ':' || ch == '/';
    if (plain) {
      out.push_back(static_cast<char>(ch));
    } else {
      out.push_back('%');
      out.push_back(kHex[ch >> 4]);
      out.push_back(kHex[ch & 15]);
    }
  }
  return out;
}

std::string QueryString(const std::vector<QueryParam>& params) {
  std::string q;
  for (const QueryParam& p : params) {
    if (!q.empty()) q.push_back('&');
    q += PercentEncode(p.name) + "=" + PercentEncode(p.value);
  }
  return q;
}

std::string LinkUrl(std::string_view base, std::string_view type, const std::vector<QueryParam>& ps,
                    std::string_view cursor) {
  std::string url = std::string(base) + "/" + std::string(type);
  std::string q = QueryString(ps);
  if (!cursor.empty()) q += (q.empty() ? "" : "&") + std::string("_cursor=") + PercentEncode(cursor);
  if (!q.empty()) url += "?" + q;
  return url;
}

// References of parameter `code` of `resource` to resources of `target_type` ("" = any).
std::vector<std::pair<std::string, std::string>> ReferencesOf(
    const search::IndexExtractor& extractor, const json::Value& resource, std::string_view type,
    std::string_view code, std::string_view target_type) {
  const search::SearchParam* p = extractor.registry().Find(type, code);
  std::vector<std::pair<std::string, std::string>> out;
  if (p == nullptr) return out;
  std::set<std::string_view> params;
  std::string_view only_type = target_type;
  if (p->rows_of.empty()) {
    params.insert(p->code);
  } else {
    for (const search::SearchParam* r : p->rows_of) params.insert(r->code);
    if (!p->rows_target_type.empty()) {
      if (!only_type.empty() && only_type != p->rows_target_type) return out;
      only_type = p->rows_target_type;
    }
  }
  search::IndexEntries entries = extractor.Extract(resource);
  for (const search::ReferenceEntry& r : entries.references) {
    if (params.count(r.param) == 0 || r.target_type.empty() || r.target_id.empty()) continue;
    if (!only_type.empty() && r.target_type != only_type) continue;
    out.emplace_back(r.target_type, r.target_id);
  }
  return out;
}

}  // namespace

std::string FhirApi::EntryText(Context& c, const ports::ResourceVersion& v,
                               const json::Value* parsed, const SearchRequest& s) const {
  (void)c;
  if (s.elements.empty() && (s.summary == Summary::kNone)) return v.json;
  json::Value doc;
  if (parsed == nullptr) {
    auto p = json::Parse(v.json);
    if (!p.ok()) return v.json;
    doc = std::move(p).value();
    parsed = &doc;
  }
  auto find = [](const auto& map, std::string_view type) {
    auto it = map.find(type);
    return it == map.end() ? nullptr : &it->second;
  };
  return json::Write(SubsetResource(*parsed, s.elements, s.summary,
                                    find(deps_.summary_elements, v.resource_type),
                                    find(deps_.mandatory_elements, v.resource_type)));
}

std::optional<std::int64_t> FhirApi::CountVisible(Context& c, search::SearchQuery query) const {
  query.count = kMaxCount;
  query.total = false;
  query.cursor.clear();
  std::int64_t n = 0;
  std::size_t read = 0;
  while (true) {
    auto page = deps_.store->Search(query);
    if (!page.ok()) return std::nullopt;
    for (const ports::ResourceVersion& v : page->resources) {
      if (++read > kMaxCountedMatches) return std::nullopt;
      if (c.access.InspectsContent()) {
        auto doc = json::Parse(v.json);
        if (!doc.ok() || !c.access.MayRead(*doc)) continue;
      }
      ++n;
    }
    if (page->next_cursor.empty()) return n;
    query.cursor = page->next_cursor;
  }
}

void FhirApi::AddIncludes(Context& c, const SearchRequest& s,
                          const std::vector<std::pair<ports::ResourceVersion, json::Value>>& matches,
                          std::vector<ports::ResourceVersion>* out) const {
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& [v, doc] : matches) seen.emplace(v.resource_type, v.id);
  auto add = [&](ports::ResourceVersion v) {
    if (!seen.emplace(v.resource_type, v.id).second) return;
    if (v.deleted || !Visible(c, v, nullptr)) return;
    out->push_back(std::move(v));
  };
  for (const IncludeSpec& inc : s.includes) {
    for (const auto& [v, doc] : matches) {
      for (const auto& [type, id] :
           ReferencesOf(*deps_.extractor, doc, v.resource_type, inc.param, inc.target_type)) {
        if (seen.count({type, id}) != 0 || !c.access.Allows(type, kR)) continue;
        auto target = deps_.store->Read(type, id);
        if (target.ok()) add(std::move(target).value());
      }
    }
  }
  for (const IncludeSpec& rev : s.revincludes) {
    if (!c.access.Allows(rev.source_type, kS)) continue;
    search::SearchClause clause;
    clause.param = rev.param;
    for (const auto& [v, doc] : matches) {
      if (!rev.target_type.empty() && rev.target_type != v.resource_type) continue;
      search::ReferencePredicate ref;
      ref.type = v.resource_type;
      ref.id = v.id;
      clause.any_of.emplace_back(std::move(ref));
    }
    if (clause.any_of.empty()) continue;
    search::SearchQuery q;
    q.resource_type = rev.source_type;
    q.clauses.push_back(std::move(clause));
    q.count = kMaxRevincludes;
    auto page = deps_.store->Search(q);
    if (!page.ok()) continue;
    for (ports::ResourceVersion& v : page->resources) add(std::move(v));
  }
}

RestResponse FhirApi::Search(Context& c, const std::vector<QueryParam>& params) const {
  const RequestTarget& t = c.request.target;
  if (!c.access.Allows(t.resource_type, kS)) {
    return Failure(RestError::kForbidden, "The access token does not allow searching this type.");
  }
  std::vector<QueryParam> filtered;
  std::string cursor;
  for (const QueryParam& p : params) {
    if (p.name == "_cursor") {
      cursor = p.value;
    } else {
      filtered.push_back(p);
    }
  }
  auto s = ParseSearch(t.resource_type, filtered, deps_.extractor->registry(), c.now_ms,
                       c.prefer.strict);
  if (!s.ok()) return Failure(RestError::kBadRequest, s.status().message());
  search::SearchQuery query = s->query;
  query.cursor = cursor;
  bool restricted = c.access.Restricted();
  bool want_total = query.total || s->summary == Summary::kCount;
  if (restricted) query.total = false;
  if (s->summary == Summary::kCount) query.count = 0;
  auto page = deps_.store->Search(query);
  if (!page.ok()) {
    if (page.status().code() == StatusCode::kInvalidArgument) {
      return Failure(RestError::kBadRequest, "The search or its paging cursor is invalid.");
    }
    return Failure(RestError::kInternal, "The search could not be run.");
  }
  std::optional<std::int64_t> total = page->total;
  if (restricted && want_total) total = CountVisible(c, s->query);

  std::vector<std::pair<ports::ResourceVersion, json::Value>> matches;
  bool need_parse = c.access.InspectsContent() || !s->includes.empty() ||
                    (c.access.WantsTouchedContent() && t.resource_type != "Patient");
  for (ports::ResourceVersion& v : page->resources) {
    json::Value doc;
    if (need_parse) {
      auto parsed = json::Parse(v.json);
      if (!parsed.ok()) continue;
      doc = std::move(parsed).value();
      if (c.access.InspectsContent() && !c.access.MayRead(doc)) continue;
      c.access.Touched(v.resource_type, v.id, &doc);
    } else {
      c.access.Touched(v.resource_type, v.id, nullptr);
    }
    matches.emplace_back(std::move(v), std::move(doc));
  }
  std::vector<ports::ResourceVersion> included;
  AddIncludes(c, *s, matches, &included);

  BundleWriter b("searchset", deps_.ids->NewId(), search::FormatInstant(c.now_ms));
  if (total) b.Total(*total);
  b.Link("self", LinkUrl(c.request.base_url, t.resource_type, s->used, cursor));
  if (!page->next_cursor.empty()) {
    b.Link("next", LinkUrl(c.request.base_url, t.resource_type, s->used, page->next_cursor));
  }
  for (const auto& [v, doc] : matches) {
    std::string url = FullUrl(c.request.base_url, v.resource_type, v.id);
    std::string text = EntryText(c, v, need_parse ? &doc : nullptr, *s);
    b.Entry({.full_url = url, .resource_json = text, .search_mode = "match"});
  }
  for (const ports::ResourceVersion& v : included) {
    std::string url = FullUrl(c.request.base_url, v.resource_type, v.id);
    b.Entry({.full_url = url, .resource_json = v.json, .search_mode = "include"});
  }
  return JsonResponse(200, b.Finish());
}

RestResponse FhirApi::History(Context& c) const {
  const RequestTarget& t = c.request.target;
  std::string_view type = t.resource_type;
  if (!c.access.Allows(type.empty() ? "*" : type, kR)) {
    return Failure(RestError::kForbidden, "The access token does not allow this history.");
  }
  ports::HistoryQuery q;
  q.resource_type = t.resource_type;
  q.id = t.id;
  q.count = kDefaultCount;
  std::vector<QueryParam> used;
  for (const QueryParam& p : t.params) {
    if (p.name == "_count") {
      std::size_t n = 0;
      try {
        n = static_cast<std::size_t>(std::stoul(p.value));
      } catch (...) {
        return Failure(RestError::kBadRequest, "_count: not a number");
      }
      q.count = std::min<std::size_t>(std::max<std::size_t>(n, 1), kMaxCount);
      used.push_back({"_count", std::to_string(q.count)});
    } else if (p.name == "_since") {
      auto range = search::RangeOfText(p.value);
      if (!range) return Failure(RestError::kBadRequest, "_since: not an instant");
      q.since_ms = range->low_ms;
      used.push_back(p);
    } else if (p.name == "_cursor") {
      q.cursor = p.value;
    }
  }
  if (t.kind == RouteKind::kHistoryInstance && c.access.InspectsContent()) {
    auto current = deps_.store->Read(t.resource_type, t.id);
    if (!current.ok() || current->deleted || !Visible(c, *current, nullptr)) {
      return Failure(RestError::kNotFound, "Resource not found.");
    }
  }
  auto page = deps_.store->History(q);
  if (!page.ok()) {
    if (page.status().code() == StatusCode::kInvalidArgument) {
      return Failure(RestError::kBadRequest, "The history paging cursor is invalid.");
    }
    return Failure(RestError::kInternal, "The history could not be read.");
  }
  std::string path = t.resource_type.empty() ? "_history"
                     : t.id.empty()          ? t.resource_type + "/_history"
                                             : t.resource_type + "/" + t.id + "/_history";
  BundleWriter b("history", deps_.ids->NewId(), search::FormatInstant(c.now_ms));
  if (page->total && !c.access.Restricted()) b.Total(*page->total);
  b.Link("self", LinkUrl(c.request.base_url, path, used, q.cursor));
  if (!page->next_cursor.empty()) {
    b.Link("next", LinkUrl(c.request.base_url, path, used, page->next_cursor));
  }
  for (const ports::ResourceVersion& v : page->versions) {
    if (!Visible(c, v, nullptr)) continue;
    std::string url = FullUrl(c.request.base_url, v.resource_type, v.id);
    std::string request_url = v.resource_type + (v.version_id == 1 ? "" : "/" + v.id);
    std::string etag = EtagOf(v.version_id);
    std::string modified = search::FormatInstant(v.last_updated_ms);
    BundleEntryText e{.full_url = url,
                      .resource_json = v.deleted ? std::string_view() : std::string_view(v.json)};
    e.request_method = v.deleted ? "DELETE" : v.version_id == 1 ? "POST" : "PUT";
    if (v.deleted) request_url = v.resource_type + "/" + v.id;
    e.request_url = request_url;
    e.response_status = v.deleted ? "204" : v.version_id == 1 ? "201" : "200";
    e.response_etag = etag;
    e.response_last_modified = modified;
    b.Entry(e);
  }
  return JsonResponse(200, b.Finish());
}

}  // namespace gw::rest
