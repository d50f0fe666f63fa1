#include "gateway/app/member_access_source.h"

#include <utility>
#include <vector>

#include "gateway/core/json/parse.h"

namespace gw::app {
namespace {

// Every resource matching one token criterion per clause (all pages).
Result<std::vector<json::Value>> SearchAll(
    ports::ResourceStore& store, std::string_view type,
    const std::vector<std::pair<std::string, search::TokenPredicate>>& criteria) {
  search::SearchQuery q;
  q.resource_type = std::string(type);
  for (const auto& [param, token] : criteria) {
    search::SearchClause c;
    c.param = param;
    c.any_of.emplace_back(token);
    q.clauses.push_back(std::move(c));
  }
  q.count = 1000;
  std::vector<json::Value> out;
  while (true) {
    auto page = store.Search(q);
    if (!page.ok()) return page.status();
    for (const ports::ResourceVersion& v : page->resources) {
      auto doc = json::Parse(v.json);
      if (doc.ok()) out.push_back(std::move(doc).value());
    }
    if (page->next_cursor.empty()) return out;
    q.cursor = page->next_cursor;
  }
}

auth::ClientPolicy PolicyOf(const config::ClientConfig& c) {
  auth::ClientPolicy p;
  switch (c.kind) {
    case config::ClientKind::kProvider: p.kind = auth::ClientPolicy::kProvider; break;
    case config::ClientKind::kPayer: p.kind = auth::ClientPolicy::kPayer; break;
    case config::ClientKind::kPartner: p.kind = auth::ClientPolicy::kPartner; break;
    case config::ClientKind::kInternal: p.kind = auth::ClientPolicy::kInternal; break;
  }
  p.all_members = c.all_members;
  return p;
}

}  // namespace

Result<std::shared_ptr<const auth::MemberAccess>> MemberAccessSource::For(
    const config::ClientConfig& client) {
  bool provider = client.kind == config::ClientKind::kProvider;
  if (client.all_members && !provider) return std::shared_ptr<const auth::MemberAccess>();
  std::int64_t now = clock_.NowMillis();
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = cache_.find(client.client_id);
    if (it != cache_.end() && now - it->second.built_ms < ttl_ms_) return it->second.access;
  }
  std::vector<json::Value> groups, consents;
  if (!client.all_members) {
    search::TokenPredicate t;
    t.system = std::string(auth::kAttributionClientSystem);
    t.code = client.client_id;
    auto g = SearchAll(store_, "Group", {{"identifier", t}});
    if (!g.ok()) return g.status();
    groups = std::move(g).value();
  }
  if (provider) {
    search::TokenPredicate category;
    category.system = std::string(auth::kConsentCategorySystem);
    category.code = std::string(auth::kProviderAccessOptOutCode);
    search::TokenPredicate active;
    active.code = "active";
    auto c = SearchAll(store_, "Consent", {{"category", category}, {"status", active}});
    if (!c.ok()) return c.status();
    consents = std::move(c).value();
  }
  std::vector<const json::Value*> gp, cp;
  for (const json::Value& g : groups) gp.push_back(&g);
  for (const json::Value& c : consents) cp.push_back(&c);
  auto access = std::make_shared<const auth::MemberAccess>(
      auth::BuildMemberAccess(client.client_id, PolicyOf(client), gp, cp, now));
  std::lock_guard<std::mutex> lock(mu_);
  cache_[client.client_id] = Cached{now, access};
  return std::shared_ptr<const auth::MemberAccess>(access);
}

}  // namespace gw::app
