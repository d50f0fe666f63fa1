#include "gateway/core/store/resource_stamp.h"

#include "gateway/core/json/write.h"
#include "gateway/core/search/instant.h"

namespace gw::store {

std::string StampResource(const json::Value& resource, std::string_view id, std::int64_t version_id,
                          std::int64_t last_updated_ms) {
  std::string out;
  out.reserve(256);
  out += "{\"resourceType\":";
  const json::Value* type = resource.Find("resourceType");
  json::AppendEscapedString(type != nullptr && type->is_string() ? type->string_value() : "", &out);
  out += ",\"id\":";
  json::AppendEscapedString(id, &out);
  out += ",\"meta\":{\"versionId\":\"";
  out += std::to_string(version_id);
  out += "\",\"lastUpdated\":\"";
  out += search::FormatInstant(last_updated_ms);
  out += '"';
  if (const json::Value* meta = resource.Find("meta"); meta != nullptr && meta->is_object()) {
    for (const json::Member& m : meta->members()) {
      if (m.key == "versionId" || m.key == "lastUpdated") continue;
      out += ',';
      json::AppendEscapedString(m.key, &out);
      out += ':';
      out += json::Write(m.value);
    }
  }
  out += '}';
  for (const json::Member& m : resource.members()) {
    if (m.key == "resourceType" || m.key == "id" || m.key == "meta") continue;
    out += ',';
    json::AppendEscapedString(m.key, &out);
    out += ':';
    out += json::Write(m.value);
  }
  out += '}';
  return out;
}

}  // namespace gw::store
