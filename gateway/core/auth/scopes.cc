#include "gateway/core/auth/scopes.h"

namespace gw::auth {
namespace {

constexpr std::size_t kMaxScopes = 256;
constexpr std::size_t kMaxScopeText = 8 * 1024;

bool IsTypeName(std::string_view s) {
  if (s == "*") return true;
  if (s.empty() || s.size() > 64 || s[0] < 'A' || s[0] > 'Z') return false;
  for (char c : s) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
      return false;
    }
  }
  return true;
}

// "read", "write", "*" (v1) or a v2 "cruds" subset in order; 0 when malformed.
std::uint8_t ParsePermissions(std::string_view p) {
  if (p == "read") return kRead | kSearch;
  if (p == "write") return kCreate | kUpdate | kDelete;
  if (p == "*") return kCreate | kRead | kUpdate | kDelete | kSearch;
  constexpr std::string_view kOrder = "cruds";
  std::uint8_t bits = 0;
  std::size_t next = 0;
  for (char c : p) {
    std::size_t at = kOrder.find(c, next);
    if (at == std::string_view::npos) return 0;
    bits |= static_cast<std::uint8_t>(1u << at);
    next = at + 1;
  }
  return bits;
}

}  // namespace

bool ScopeSet::Allows(std::string_view resource_type, std::uint8_t permissions) const {
  if (permissions == 0) return false;
  for (const Scope& s : scopes_) {
    if ((s.resource_type == "*" || s.resource_type == resource_type) &&
        (s.permissions & permissions) == permissions) {
      return true;
    }
  }
  return false;
}

ScopeSet ScopeSet::Grant(const ScopeSet& requested) const {
  std::vector<Scope> out;
  for (const Scope& r : requested.scopes_) {
    bool covered = false;
    if (r.resource_type == "*") {
      for (const Scope& s : scopes_) {
        if (s.resource_type == "*" && (s.permissions & r.permissions) == r.permissions) {
          covered = true;
        }
      }
    } else {
      covered = Allows(r.resource_type, r.permissions);
    }
    if (covered) out.push_back(r);
  }
  return ScopeSet(std::move(out));
}

std::string ScopeSet::ToString() const {
  std::string out;
  for (const Scope& s : scopes_) {
    if (!out.empty()) out += ' ';
    out += s.text;
  }
  return out;
}

Result<ParsedScopes> ParseScopes(std::string_view text,
                                 bool (*resource_type_known)(std::string_view)) {
  if (text.size() > kMaxScopeText) return InvalidArgument("scope is too long");
  ParsedScopes out;
  std::vector<Scope> scopes;
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    std::size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view token = text.substr(i, end - i);
    i = end;
    if (++count > kMaxScopes) return InvalidArgument("too many scopes");
    if (token.rfind("system/", 0) != 0 || token.find('?') != std::string_view::npos) {
      out.ignored.emplace_back(token);
      continue;
    }
    std::string_view body = token.substr(7);
    std::size_t dot = body.find('.');
    if (dot == std::string_view::npos) return InvalidArgument("malformed scope");
    std::string_view type = body.substr(0, dot);
    std::uint8_t bits = ParsePermissions(body.substr(dot + 1));
    if (!IsTypeName(type) || bits == 0) return InvalidArgument("malformed scope");
    if (type != "*" && resource_type_known != nullptr && !resource_type_known(type)) {
      return InvalidArgument("scope names an unknown resource type");
    }
    scopes.push_back(Scope{std::string(type), bits, std::string(token)});
  }
  out.scopes = ScopeSet(std::move(scopes));
  return out;
}

}  // namespace gw::auth
