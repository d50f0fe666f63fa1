#include "gateway/core/auth/jwt.h"

#include "gateway/core/base/base64.h"
#include "gateway/core/json/parse.h"

namespace gw::auth {
namespace {

Result<json::Value> DecodeObject(std::string_view segment, const char* what) {
  std::optional<std::string> bytes = Base64UrlDecode(segment);
  if (!bytes) return InvalidArgument(std::string("JWT ") + what + " is not base64url");
  json::ParseLimits limits;
  limits.max_bytes = 64 * 1024;
  limits.max_depth = 8;
  limits.max_string_length = 16 * 1024;
  limits.max_array_length = 256;
  limits.max_object_members = 256;
  limits.max_nodes = 4096;
  auto value = json::Parse(*bytes, limits);
  if (!value.ok() || !value->is_object()) {
    return InvalidArgument(std::string("JWT ") + what + " is not a JSON object");
  }
  return std::move(value).value();
}

}  // namespace

Result<Jwt> ParseJwt(std::string_view compact) {
  if (compact.empty()) return InvalidArgument("JWT is empty");
  if (compact.size() > kMaxJwtBytes) return InvalidArgument("JWT is too large");
  std::size_t first = compact.find('.');
  std::size_t second = first == std::string_view::npos ? first : compact.find('.', first + 1);
  if (second == std::string_view::npos || compact.find('.', second + 1) != std::string_view::npos) {
    return InvalidArgument("JWT must have three segments");
  }
  auto header = DecodeObject(compact.substr(0, first), "header");
  if (!header.ok()) return header.status();
  auto payload = DecodeObject(compact.substr(first + 1, second - first - 1), "payload");
  if (!payload.ok()) return payload.status();
  std::optional<std::string> signature = Base64UrlDecode(compact.substr(second + 1));
  if (!signature || signature->empty())
    return InvalidArgument("JWT signature is missing or malformed");
  Jwt jwt;
  jwt.header = std::move(header).value();
  jwt.payload = std::move(payload).value();
  jwt.signing_input = std::string(compact.substr(0, second));
  jwt.signature = std::move(*signature);
  return jwt;
}

}  // namespace gw::auth
