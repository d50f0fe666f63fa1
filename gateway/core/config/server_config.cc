#include "gateway/core/config/server_config.h"
#include "gateway/core/json/write.h"

#include <set>

#include <initializer_list>
#include <limits>
#include <utility>

namespace gw::config {
namespace {

Status Fail(const std::string& field, std::string_view reason) {
  return InvalidArgument(field + ": " + std::string(reason));
}

std::string Child(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

Status RequireObject(const json::Value& v, const std::string& path) {
  if (v.is_object()) return Status::Ok();
  return Fail(path.empty() ? "(root)" : path, "must be an object");
}

Status CheckKeys(const json::Value& obj, const std::string& path,
                 std::initializer_list<std::string_view> allowed) {
  for (const json::Member& m : obj.members()) {
    bool known = false;
    for (std::string_view k : allowed) known = known || m.key == k;
    if (!known) return Fail(Child(path, m.key), "unknown field");
  }
  return Status::Ok();
}

// Reads an optional non-negative integer in [min, max]; leaves *out alone when absent.
template <typename T>
Status ReadUint(const json::Value& obj, std::string_view key, const std::string& path,
                std::uint64_t min, std::uint64_t max, T* out) {
  const json::Value* v = obj.Find(key);
  if (v == nullptr) return Status::Ok();
  std::string field = Child(path, key);
  std::string range =
      "must be an integer from " + std::to_string(min) + " to " + std::to_string(max);
  if (!v->is_number()) return Fail(field, range);
  std::string_view text = v->number_text();
  std::uint64_t n = 0;
  for (char c : text) {
    if (c < '0' || c > '9' || n > (std::numeric_limits<std::uint64_t>::max() - 9) / 10) {
      return Fail(field, range);
    }
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (text.empty() || n < min || n > max) return Fail(field, range);
  *out = static_cast<T>(n);
  return Status::Ok();
}

Status ReadString(const json::Value& obj, std::string_view key, const std::string& path,
                  bool required, std::string* out) {
  const json::Value* v = obj.Find(key);
  std::string field = Child(path, key);
  if (v == nullptr) return required ? Fail(field, "required") : Status::Ok();
  if (!v->is_string() || v->string_value().empty())
    return Fail(field, "must be a non-empty string");
  *out = std::string(v->string_value());
  return Status::Ok();
}

bool IsListenerName(std::string_view s) {
  if (s.empty() || s.size() > 32) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

Status ParseTls(const json::Value& v, const std::string& path, TlsSettings* tls) {
  GW_RETURN_IF_ERROR(RequireObject(v, path));
  GW_RETURN_IF_ERROR(
      CheckKeys(v, path, {"cert_file", "key_file", "ca_file", "client_certificates"}));
  GW_RETURN_IF_ERROR(ReadString(v, "cert_file", path, true, &tls->cert_file));
  GW_RETURN_IF_ERROR(ReadString(v, "key_file", path, true, &tls->key_file));
  GW_RETURN_IF_ERROR(ReadString(v, "ca_file", path, false, &tls->ca_file));
  std::string mode = "none";
  GW_RETURN_IF_ERROR(ReadString(v, "client_certificates", path, false, &mode));
  if (mode == "none") {
    tls->client_certificates = ClientCertMode::kNone;
  } else if (mode == "optional") {
    tls->client_certificates = ClientCertMode::kOptional;
  } else if (mode == "required") {
    tls->client_certificates = ClientCertMode::kRequired;
  } else {
    return Fail(Child(path, "client_certificates"), R"(must be "none", "optional" or "required")");
  }
  if (tls->client_certificates != ClientCertMode::kNone && tls->ca_file.empty()) {
    return Fail(Child(path, "ca_file"), "required when client_certificates is \"" + mode + "\"");
  }
  return Status::Ok();
}

Status ParseListener(const json::Value& v, const std::string& path, ListenerConfig* l) {
  GW_RETURN_IF_ERROR(RequireObject(v, path));
  GW_RETURN_IF_ERROR(CheckKeys(v, path, {"name", "address", "port", "tls", "base_url"}));
  GW_RETURN_IF_ERROR(ReadString(v, "base_url", path, false, &l->base_url));
  if (!l->base_url.empty() &&
      (l->base_url.rfind("https://", 0) != 0 || l->base_url.back() == '/')) {
    return Fail(Child(path, "base_url"), "must start with https:// and not end with '/'");
  }
  GW_RETURN_IF_ERROR(ReadString(v, "name", path, true, &l->name));
  if (!IsListenerName(l->name)) {
    return Fail(Child(path, "name"), "must be 1 to 32 characters of a-z, 0-9, '-' or '_'");
  }
  GW_RETURN_IF_ERROR(ReadString(v, "address", path, false, &l->address));
  if (v.Find("port") == nullptr) return Fail(Child(path, "port"), "required");
  GW_RETURN_IF_ERROR(ReadUint(v, "port", path, 0, 65535, &l->port));
  const json::Value* tls = v.Find("tls");
  if (tls == nullptr) return Fail(Child(path, "tls"), "required");
  return ParseTls(*tls, Child(path, "tls"), &l->tls);
}

Status ParseLimits(const json::Value& v, ServerLimits* limits) {
  const std::string path = "limits";
  GW_RETURN_IF_ERROR(RequireObject(v, path));
  GW_RETURN_IF_ERROR(CheckKeys(v, path,
                               {"max_header_bytes", "max_body_bytes", "request_timeout_ms",
                                "idle_timeout_ms", "handshake_timeout_ms", "max_connections"}));
  constexpr std::uint64_t kDay = 86'400'000;
  GW_RETURN_IF_ERROR(
      ReadUint(v, "max_header_bytes", path, 1024, 1 << 20, &limits->max_header_bytes));
  GW_RETURN_IF_ERROR(ReadUint(v, "max_body_bytes", path, 1, 1ull << 32, &limits->max_body_bytes));
  GW_RETURN_IF_ERROR(ReadUint(v, "request_timeout_ms", path, 1, kDay, &limits->request_timeout_ms));
  GW_RETURN_IF_ERROR(ReadUint(v, "idle_timeout_ms", path, 1, kDay, &limits->idle_timeout_ms));
  GW_RETURN_IF_ERROR(
      ReadUint(v, "handshake_timeout_ms", path, 1, kDay, &limits->handshake_timeout_ms));
  GW_RETURN_IF_ERROR(ReadUint(v, "max_connections", path, 1, 1'000'000, &limits->max_connections));
  return Status::Ok();
}

Status ParseClient(const json::Value& v, const std::string& path, bool partner,
                   ClientConfig* c) {
  GW_RETURN_IF_ERROR(RequireObject(v, path));
  GW_RETURN_IF_ERROR(CheckKeys(v, path,
                               {"client_id", "jwks_file", "jwks", "identity", "scopes", "kind",
                                "all_members"}));
  GW_RETURN_IF_ERROR(ReadString(v, "client_id", path, true, &c->client_id));
  GW_RETURN_IF_ERROR(ReadString(v, "scopes", path, true, &c->scopes));
  if (partner) {
    GW_RETURN_IF_ERROR(ReadString(v, "identity", path, true, &c->identity));
  } else {
    GW_RETURN_IF_ERROR(ReadString(v, "jwks_file", path, false, &c->jwks_file));
    if (const json::Value* jwks = v.Find("jwks")) {
      if (!jwks->is_object()) return Fail(Child(path, "jwks"), "must be a JSON Web Key Set");
      c->jwks_json = json::Write(*jwks);
    }
    if (c->jwks_file.empty() == c->jwks_json.empty()) {
      return Fail(Child(path, "jwks_file"), "exactly one of jwks_file and jwks is required");
    }
  }
  std::string kind = partner ? "partner" : "provider";
  GW_RETURN_IF_ERROR(ReadString(v, "kind", path, false, &kind));
  if (kind == "provider") {
    c->kind = ClientKind::kProvider;
  } else if (kind == "payer") {
    c->kind = ClientKind::kPayer;
  } else if (kind == "partner") {
    c->kind = ClientKind::kPartner;
  } else if (kind == "internal") {
    c->kind = ClientKind::kInternal;
  } else {
    return Fail(Child(path, "kind"), R"(must be "provider", "payer", "partner" or "internal")");
  }
  if (const json::Value* all = v.Find("all_members")) {
    if (!all->is_bool()) return Fail(Child(path, "all_members"), "must be true or false");
    c->all_members = all->bool_value();
  }
  return Status::Ok();
}

Status ParseAccess(const json::Value& v, AccessConfig* a) {
  const std::string path = "access";
  GW_RETURN_IF_ERROR(RequireObject(v, path));
  GW_RETURN_IF_ERROR(CheckKeys(v, path, {"clients", "partners", "rate_limit", "audit"}));
  for (const char* key : {"clients", "partners"}) {
    const json::Value* list = v.Find(key);
    if (list == nullptr) continue;
    if (!list->is_array()) return Fail(Child(path, key), "must be an array");
    bool partner = std::string_view(key) == "partners";
    std::set<std::string> ids;
    for (std::size_t i = 0; i < list->items().size(); ++i) {
      ClientConfig c;
      std::string field = Child(path, key) + "[" + std::to_string(i) + "]";
      GW_RETURN_IF_ERROR(ParseClient(list->items()[i], field, partner, &c));
      if (!ids.insert(c.client_id).second) return Fail(field + ".client_id", "duplicate");
      (partner ? a->partners : a->clients).push_back(std::move(c));
    }
  }
  if (const json::Value* rl = v.Find("rate_limit")) {
    std::string p = Child(path, "rate_limit");
    GW_RETURN_IF_ERROR(RequireObject(*rl, p));
    GW_RETURN_IF_ERROR(CheckKeys(*rl, p, {"requests_per_second", "burst"}));
    GW_RETURN_IF_ERROR(ReadUint(*rl, "requests_per_second", p, 1, 1'000'000,
                                &a->rate_limit.requests_per_second));
    GW_RETURN_IF_ERROR(ReadUint(*rl, "burst", p, 1, 10'000'000, &a->rate_limit.burst));
  }
  if (const json::Value* audit = v.Find("audit")) {
    if (!audit->is_bool()) return Fail(Child(path, "audit"), "must be true or false");
    a->audit = audit->bool_value();
  }
  return Status::Ok();
}

Status CheckDistinct(const std::vector<ListenerConfig>& listeners) {
  for (std::size_t i = 0; i < listeners.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      std::string field = "listeners[" + std::to_string(i) + "]";
      if (listeners[i].name == listeners[j].name) {
        return Fail(field + ".name", "duplicates listeners[" + std::to_string(j) + "].name");
      }
      if (listeners[i].port != 0 && listeners[i].port == listeners[j].port &&
          listeners[i].address == listeners[j].address) {
        return Fail(field + ".port", "duplicates listeners[" + std::to_string(j) + "].port");
      }
    }
  }
  return Status::Ok();
}

void Anchor(std::string_view base, std::string* path) {
  if (path->empty() || path->front() == '/' || base.empty()) return;
  std::string joined(base);
  if (joined.back() != '/') joined += '/';
  *path = joined + *path;
}

}  // namespace

const char* ClientCertModeName(ClientCertMode mode) {
  switch (mode) {
    case ClientCertMode::kNone:
      return "none";
    case ClientCertMode::kOptional:
      return "optional";
    case ClientCertMode::kRequired:
      return "required";
  }
  return "none";
}

Result<ServerConfig> ServerConfig::FromJson(const json::Value& root) {
  ServerConfig c;
  GW_RETURN_IF_ERROR(RequireObject(root, ""));
  GW_RETURN_IF_ERROR(
      CheckKeys(root, "", {"data_dir", "threads", "handler_threads", "shutdown_grace_ms", "limits", "listeners",
                           "packages", "access", "store"}));
  if (const json::Value* store = root.Find("store")) {
    GW_RETURN_IF_ERROR(RequireObject(*store, "store"));
    GW_RETURN_IF_ERROR(CheckKeys(*store, "store", {"postgres", "pool_size"}));
    GW_RETURN_IF_ERROR(ReadString(*store, "postgres", "store", true, &c.postgres_conninfo));
    GW_RETURN_IF_ERROR(ReadUint(*store, "pool_size", "store", 1, 256, &c.postgres_pool_size));
  }
  if (const json::Value* packages = root.Find("packages")) {
    if (!packages->is_array()) return Fail("packages", "must be an array of paths");
    for (std::size_t i = 0; i < packages->items().size(); ++i) {
      const json::Value& p = packages->items()[i];
      if (!p.is_string() || p.string_value().empty()) {
        return Fail("packages[" + std::to_string(i) + "]", "must be a non-empty string");
      }
      c.packages.emplace_back(p.string_value());
    }
  }
  if (const json::Value* access = root.Find("access")) {
    GW_RETURN_IF_ERROR(ParseAccess(*access, &c.access));
  }
  GW_RETURN_IF_ERROR(ReadString(root, "data_dir", "", true, &c.data_dir));
  GW_RETURN_IF_ERROR(ReadUint(root, "threads", "", 0, 256, &c.threads));
  GW_RETURN_IF_ERROR(ReadUint(root, "handler_threads", "", 0, 1024, &c.handler_threads));
  GW_RETURN_IF_ERROR(ReadUint(root, "shutdown_grace_ms", "", 0, 3'600'000, &c.shutdown_grace_ms));
  if (const json::Value* limits = root.Find("limits")) {
    GW_RETURN_IF_ERROR(ParseLimits(*limits, &c.limits));
  }
  const json::Value* listeners = root.Find("listeners");
  if (listeners == nullptr) return Fail("listeners", "required");
  if (!listeners->is_array() || listeners->items().empty()) {
    return Fail("listeners", "must be a non-empty array");
  }
  for (std::size_t i = 0; i < listeners->items().size(); ++i) {
    ListenerConfig l;
    GW_RETURN_IF_ERROR(
        ParseListener(listeners->items()[i], "listeners[" + std::to_string(i) + "]", &l));
    c.listeners.push_back(std::move(l));
  }
  GW_RETURN_IF_ERROR(CheckDistinct(c.listeners));
  return c;
}

void ServerConfig::ResolvePaths(std::string_view base_dir) {
  Anchor(base_dir, &data_dir);
  for (std::string& p : packages) Anchor(base_dir, &p);
  for (ClientConfig& c : access.clients) Anchor(base_dir, &c.jwks_file);
  for (ListenerConfig& l : listeners) {
    Anchor(base_dir, &l.tls.cert_file);
    Anchor(base_dir, &l.tls.key_file);
    Anchor(base_dir, &l.tls.ca_file);
  }
}

}  // namespace gw::config
