// SMART on FHIR system scopes (Backend Services): parsing, granting and checks per interaction.
//
// Accepted forms (space-separated in a scope string):
//   v1: system/<Type|*>.<read|write|*>        read = r+s, write = c+u+d, * = all
//   v2: system/<Type|*>.<cruds subset, in that order>   e.g. system/CarePlan.rs
// Scopes of other contexts (patient/, user/, launch, openid, ...) and v2 scopes with a query
// ("?category=...") are not supported here: ParseScopes skips them and lists them in `ignored`.
// A malformed system/ scope is an error (the whole request is refused, RFC 6749 invalid_scope).
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/base/status.h"

namespace gw::auth {

// Permission bits, SMART v2 letters.
enum Permission : std::uint8_t {
  kCreate = 1,
  kRead = 2,
  kUpdate = 4,
  kDelete = 8,
  kSearch = 16,
};

struct Scope {
  std::string resource_type;  // "*" = every type
  std::uint8_t permissions = 0;
  std::string text;  // as requested
};

class ScopeSet {
 public:
  ScopeSet() = default;
  explicit ScopeSet(std::vector<Scope> scopes) : scopes_(std::move(scopes)) {}

  // True when some scope gives every bit of `permissions` on `resource_type`.
  bool Allows(std::string_view resource_type, std::uint8_t permissions) const;
  // The scopes of `requested` that this set (a client's registration) covers entirely.
  ScopeSet Grant(const ScopeSet& requested) const;
  // Space-separated scope texts.
  std::string ToString() const;
  bool empty() const { return scopes_.empty(); }
  const std::vector<Scope>& scopes() const { return scopes_; }

 private:
  std::vector<Scope> scopes_;
};

struct ParsedScopes {
  ScopeSet scopes;
  std::vector<std::string> ignored;
};

// `resource_type_known` (may be empty) tells whether a type name is one the server knows;
// scopes naming unknown types are errors.
Result<ParsedScopes> ParseScopes(std::string_view text,
                                 bool (*resource_type_known)(std::string_view) = nullptr);

}  // namespace gw::auth
