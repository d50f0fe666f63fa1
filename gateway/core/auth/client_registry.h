// The SMART Backend Services clients the gateway knows (from its configuration): id, public
// keys (a JWKS) and the scopes each may be granted.
// Thread safety: immutable after construction; safe to share.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "gateway/core/auth/scopes.h"
#include "gateway/core/json/value.h"

namespace gw::auth {

struct RegisteredClient {
  std::string client_id;
  json::Value jwks;  // {"keys":[...]} public keys only
  ScopeSet allowed;  // what the client may be granted
};

class ClientRegistry {
 public:
  void Add(RegisteredClient client) {
    std::string id = client.client_id;
    clients_.insert_or_assign(std::move(id), std::move(client));
  }
  const RegisteredClient* Find(std::string_view client_id) const {
    auto it = clients_.find(client_id);
    return it == clients_.end() ? nullptr : &it->second;
  }

 private:
  std::map<std::string, RegisteredClient, std::less<>> clients_;
};

}  // namespace gw::auth
