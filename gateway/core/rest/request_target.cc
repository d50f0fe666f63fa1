#include "gateway/core/rest/request_target.h"

#include <charconv>
#include <optional>

namespace gw::rest {
namespace {

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> Decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      int hi = Hex(s[i + 1]);
      int lo = Hex(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      char d = static_cast<char>(hi * 16 + lo);
      if (d == '\0') return std::nullopt;
      out.push_back(d);
      i += 2;
    } else {
      out.push_back(plus_is_space && c == '+' ? ' ' : c);
    }
  }
  return out;
}

bool IsTypeName(std::string_view s) {
  if (s.empty() || s.size() > 64 || s[0] < 'A' || s[0] > 'Z') return false;
  for (char c : s) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
  }
  return true;
}

bool IsId(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
          c == '.')) {
      return false;
    }
  }
  return true;
}

bool IsOperation(std::string_view s) {
  if (s.size() < 2 || s[0] != '$' || s.size() > 65) return false;
  for (char c : s.substr(1)) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      return false;
    }
  }
  return true;
}

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < path.size()) {
    std::size_t end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(i, end - i));
    i = end + 1;
  }
  return out;
}

void Classify(const std::vector<std::string>& seg, RequestTarget* t) {
  t->kind = RouteKind::kUnknown;
  std::size_t n = seg.size();
  if (n == 0) {
    t->kind = RouteKind::kSystem;
    return;
  }
  if (n == 1 && seg[0] == "metadata") {
    t->kind = RouteKind::kCapabilities;
    return;
  }
  if (n == 2 && seg[0] == ".well-known" && seg[1] == "smart-configuration") {
    t->kind = RouteKind::kSmartConfiguration;
    return;
  }
  if (n == 1 && seg[0] == "_history") {
    t->kind = RouteKind::kHistorySystem;
    return;
  }
  if (!IsTypeName(seg[0])) return;
  t->resource_type = seg[0];
  if (n == 1) {
    t->kind = RouteKind::kType;
    return;
  }
  if (n == 2) {
    if (seg[1] == "_search") {
      t->kind = RouteKind::kTypeSearch;
    } else if (seg[1] == "_history") {
      t->kind = RouteKind::kHistoryType;
    } else if (IsOperation(seg[1])) {
      t->kind = RouteKind::kTypeOperation;
      t->operation = seg[1].substr(1);
    } else if (IsId(seg[1])) {
      t->kind = RouteKind::kInstance;
      t->id = seg[1];
    }
    return;
  }
  if (!IsId(seg[1])) return;
  t->id = seg[1];
  if (n == 3 && IsOperation(seg[2])) {
    t->kind = RouteKind::kInstanceOperation;
    t->operation = seg[2].substr(1);
  } else if (n == 3 && seg[2] == "_history") {
    t->kind = RouteKind::kHistoryInstance;
  } else if (n == 4 && seg[2] == "_history") {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(seg[3].data(), seg[3].data() + seg[3].size(), v);
    if (ec == std::errc() && p == seg[3].data() + seg[3].size() && v > 0 && seg[3][0] != '0') {
      t->kind = RouteKind::kVersion;
      t->version = v;
    }
  }
}

}  // namespace

Result<std::vector<QueryParam>> ParseQuery(std::string_view query) {
  if (query.size() > kMaxTargetBytes) return ResourceExhausted("query is too long");
  std::vector<QueryParam> params;
  std::size_t i = 0;
  while (i < query.size()) {
    std::size_t end = query.find('&', i);
    if (end == std::string_view::npos) end = query.size();
    std::string_view pair = query.substr(i, end - i);
    i = end + 1;
    if (pair.empty()) continue;
    if (params.size() >= kMaxQueryParams) return ResourceExhausted("too many query parameters");
    std::size_t eq = pair.find('=');
    auto name = Decode(pair.substr(0, eq), true);
    auto value =
        Decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
    if (!name || !value || name->empty()) {
      return InvalidArgument("malformed query parameter");
    }
    params.push_back({std::move(*name), std::move(*value)});
  }
  return params;
}

Result<RequestTarget> ParseRequestTarget(std::string_view target, std::string_view base_path) {
  if (target.size() > kMaxTargetBytes) return ResourceExhausted("request target is too long");
  RequestTarget t;
  if (target.empty() || target[0] != '/') return t;  // kUnknown
  std::size_t q = target.find('?');
  std::string_view path = target.substr(0, q);
  std::string_view query = q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
  if (std::size_t h = query.find('#'); h != std::string_view::npos) query = query.substr(0, h);
  if (!base_path.empty()) {
    if (path.substr(0, base_path.size()) != base_path) return t;
    path.remove_prefix(base_path.size());
    if (!path.empty() && path[0] != '/') return t;
  }
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  std::vector<std::string> segments;
  for (std::string_view s : Segments(path)) {
    auto d = Decode(s, false);
    if (!d || d->empty() || d->find('/') != std::string::npos) return t;
    segments.push_back(std::move(*d));
  }
  Classify(segments, &t);
  auto params = ParseQuery(query);
  if (!params.ok()) return params.status();
  t.params = std::move(params).value();
  return t;
}

std::string RouteTemplate(std::string_view method, const RequestTarget& t) {
  // The method is untrusted text: only known ones reach the log.
  std::string m = "OTHER";
  for (std::string_view known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
    if (method == known) m = std::string(known);
  }
  switch (t.kind) {
    case RouteKind::kUnknown:
      return m + " (unknown)";
    case RouteKind::kCapabilities:
      return m + " /metadata";
    case RouteKind::kSmartConfiguration:
      return m + " /.well-known/smart-configuration";
    case RouteKind::kSystem:
      return m + " /";
    case RouteKind::kHistorySystem:
      return m + " /_history";
    case RouteKind::kType:
      return m + " /" + t.resource_type;
    case RouteKind::kTypeSearch:
      return m + " /" + t.resource_type + "/_search";
    case RouteKind::kHistoryType:
      return m + " /" + t.resource_type + "/_history";
    case RouteKind::kTypeOperation:
      return m + " /" + t.resource_type + "/$" + t.operation;
    case RouteKind::kInstance:
      return m + " /" + t.resource_type + "/[id]";
    case RouteKind::kInstanceOperation:
      return m + " /" + t.resource_type + "/[id]/$" + t.operation;
    case RouteKind::kHistoryInstance:
      return m + " /" + t.resource_type + "/[id]/_history";
    case RouteKind::kVersion:
      return m + " /" + t.resource_type + "/[id]/_history/[vid]";
  }
  return m;
}

}  // namespace gw::rest
