#include "gateway/core/audit/audit_record_codec.h"

#include <array>
#include <charconv>
#include <optional>
#include <utility>

#include "gateway/core/json/parse.h"
#include "gateway/core/json/write.h"

namespace gw::audit {
namespace {

using auth::Interaction;
using auth::InteractionLevel;

// Names written to the journal; stable across releases (not the enum order).
constexpr std::array<std::pair<Interaction, std::string_view>, 10> kInteractions = {{
    {Interaction::kRead, "read"},
    {Interaction::kVRead, "vread"},
    {Interaction::kSearch, "search"},
    {Interaction::kHistory, "history"},
    {Interaction::kCreate, "create"},
    {Interaction::kUpdate, "update"},
    {Interaction::kPatch, "patch"},
    {Interaction::kDelete, "delete"},
    {Interaction::kOperation, "operation"},
    {Interaction::kCapabilities, "capabilities"},
}};
constexpr std::array<std::pair<InteractionLevel, std::string_view>, 3> kLevels = {{
    {InteractionLevel::kSystem, "system"},
    {InteractionLevel::kType, "type"},
    {InteractionLevel::kInstance, "instance"},
}};

template <typename Table, typename Enum>
std::string_view NameOf(const Table& table, Enum e) {
  for (const auto& [value, name] : table) {
    if (value == e) return name;
  }
  return {};
}

template <typename Enum, typename Table>
std::optional<Enum> ValueOf(const Table& table, std::string_view name) {
  for (const auto& [value, n] : table) {
    if (n == name) return value;
  }
  return std::nullopt;
}

void Field(std::string_view key, std::string_view value, std::string* out) {
  if (value.empty()) return;
  out->push_back(',');
  json::AppendEscapedString(key, out);
  out->push_back(':');
  json::AppendEscapedString(value, out);
}

Status Bad(std::string_view what) {
  return Status(StatusCode::kInvalidArgument,
                "audit journal record: " + std::string(what));
}

// Reads an optional string member into *out.
Status ReadString(const json::Value& root, std::string_view key, std::string* out) {
  const json::Value* v = root.Find(key);
  if (v == nullptr) return Status::Ok();
  if (!v->is_string()) return Bad("field of the wrong kind");
  *out = std::string(v->string_value());
  return Status::Ok();
}

}  // namespace

std::string EncodeAuditRecord(const AuditRecord& r) {
  std::string out;
  out.reserve(256 + r.query.size());
  out += "{\"f\":1,\"i\":";
  json::AppendEscapedString(NameOf(kInteractions, r.interaction), &out);
  if (r.level) Field("l", NameOf(kLevels, *r.level), &out);
  Field("r", r.recorded, &out);
  out += ",\"s\":";
  out += std::to_string(r.http_status);
  Field("c", r.client_id, &out);
  Field("a", r.client_address, &out);
  Field("n", r.server_name, &out);
  Field("u", r.server_url, &out);
  Field("t", r.resource_type, &out);
  Field("id", r.resource_id, &out);
  Field("v", r.version_id, &out);
  if (!r.patient_ids.empty()) {
    out += ",\"p\":[";
    for (std::size_t i = 0; i < r.patient_ids.size(); ++i) {
      if (i != 0) out.push_back(',');
      json::AppendEscapedString(r.patient_ids[i], &out);
    }
    out.push_back(']');
  }
  Field("q", r.query, &out);
  Field("x", r.correlation_id, &out);
  out.push_back('}');
  return out;
}

Result<AuditRecord> DecodeAuditRecord(std::string_view text) {
  auto parsed = json::Parse(text);
  if (!parsed.ok()) return Bad("not JSON");
  const json::Value& root = *parsed;
  if (!root.is_object()) return Bad("not an object");
  const json::Value* format = root.Find("f");
  if (format == nullptr || !format->is_number() || format->number_text() != "1") {
    return Bad("unknown format version");
  }
  AuditRecord r;
  const json::Value* i = root.Find("i");
  if (i == nullptr || !i->is_string()) return Bad("no interaction");
  auto interaction = ValueOf<Interaction>(kInteractions, i->string_value());
  if (!interaction) return Bad("unknown interaction");
  r.interaction = *interaction;
  if (const json::Value* l = root.Find("l"); l != nullptr) {
    if (!l->is_string()) return Bad("field of the wrong kind");
    auto level = ValueOf<InteractionLevel>(kLevels, l->string_value());
    if (!level) return Bad("unknown level");
    r.level = *level;
  }
  const json::Value* s = root.Find("s");
  if (s == nullptr || !s->is_number()) return Bad("no status");
  std::string_view st = s->number_text();
  auto [end, ec] = std::from_chars(st.data(), st.data() + st.size(), r.http_status);
  if (ec != std::errc() || end != st.data() + st.size()) return Bad("bad status");
  GW_RETURN_IF_ERROR(ReadString(root, "r", &r.recorded));
  GW_RETURN_IF_ERROR(ReadString(root, "c", &r.client_id));
  GW_RETURN_IF_ERROR(ReadString(root, "a", &r.client_address));
  GW_RETURN_IF_ERROR(ReadString(root, "n", &r.server_name));
  GW_RETURN_IF_ERROR(ReadString(root, "u", &r.server_url));
  GW_RETURN_IF_ERROR(ReadString(root, "t", &r.resource_type));
  GW_RETURN_IF_ERROR(ReadString(root, "id", &r.resource_id));
  GW_RETURN_IF_ERROR(ReadString(root, "v", &r.version_id));
  GW_RETURN_IF_ERROR(ReadString(root, "q", &r.query));
  GW_RETURN_IF_ERROR(ReadString(root, "x", &r.correlation_id));
  if (const json::Value* p = root.Find("p"); p != nullptr) {
    if (!p->is_array()) return Bad("field of the wrong kind");
    for (const json::Value& id : p->items()) {
      if (!id.is_string()) return Bad("field of the wrong kind");
      r.patient_ids.emplace_back(id.string_value());
    }
  }
  return r;
}

}  // namespace gw::audit
