#include "gateway/app/client_access.h"

namespace gw::app {

// A Group that is some client's attribution list, and not this client's.
bool ClientAccess::IsOtherClientsAttribution(const json::Value& group) const {
  const json::Value* ids = group.Find("identifier");
  if (ids == nullptr || !ids->is_array()) return false;
  bool attribution = false;
  for (const json::Value& id : ids->items()) {
    const json::Value* system = id.Find("system");
    const json::Value* value = id.Find("value");
    if (system == nullptr || !system->is_string() ||
        system->string_value() != auth::kAttributionClientSystem) {
      continue;
    }
    attribution = true;
    if (value != nullptr && value->is_string() && value->string_value() == client_id_) return false;
  }
  return attribution;
}

bool ClientAccess::Allows(std::string_view resource_type, std::uint8_t permissions) const {
  if (resource_type == "AuditEvent" && !reads_audit_) return false;
  return scopes_.Allows(resource_type, permissions);
}

std::optional<std::set<std::string>> ClientAccess::MembersOf(const json::Value* resource) const {
  if (resource == nullptr || compartment_ == nullptr) return std::nullopt;
  return compartment_->MemberIds(*resource);
}

bool ClientAccess::MayRead(const json::Value& resource) const {
  const json::Value* type = resource.Find("resourceType");
  if (!reads_audit_ && type != nullptr && type->is_string() &&
      type->string_value() == "AuditEvent") {
    return false;
  }
  if (!reads_audit_ && type != nullptr && type->is_string() && type->string_value() == "Group" &&
      IsOtherClientsAttribution(resource)) {
    return false;
  }
  if (members_ == nullptr) return true;
  return members_->MayRead(MembersOf(&resource));
}

bool ClientAccess::MayWrite(const json::Value* current, const json::Value* next) const {
  if (members_ == nullptr) return true;
  return members_->MayWrite(MembersOf(current), MembersOf(next));
}

void ClientAccess::Touched(std::string_view resource_type, std::string_view id,
                           const json::Value* resource) {
  if (touched_.size() < kMaxTouched) {
    touched_.push_back(std::string(resource_type) + "/" + std::string(id));
  }
  if (resource_type == "Patient") {
    patients_.emplace(id);
  } else if (auto members = MembersOf(resource)) {
    patients_.insert(members->begin(), members->end());
  }
}

}  // namespace gw::app
