#include "gateway/core/terminology/expansion.h"

#include <utility>

namespace gw::terminology {
namespace {

std::string_view StringMember(const json::Value& object, std::string_view key) {
  const json::Value* v = object.Find(key);
  return v != nullptr && v->is_string() ? v->string_value() : std::string_view();
}

bool BoolMember(const json::Value& object, std::string_view key) {
  const json::Value* v = object.Find(key);
  return v != nullptr && v->is_bool() && v->bool_value();
}

}  // namespace

std::string ValueSetExpansion::Key(std::string_view system, std::string_view code) {
  std::string key;
  key.reserve(system.size() + code.size() + 1);
  key.append(system).push_back('|');
  key.append(code);
  return key;
}

bool ValueSetExpansion::Add(ExpansionEntry entry) {
  auto [it, inserted] = index_.try_emplace(Key(entry.system, entry.code), entries_.size());
  if (!inserted) return false;
  entries_.push_back(std::move(entry));
  return true;
}

const ExpansionEntry* ValueSetExpansion::Find(std::string_view system,
                                              std::string_view code) const {
  auto it = index_.find(Key(system, code));
  return it == index_.end() ? nullptr : &entries_[it->second];
}

bool ValueSetExpansion::Contains(std::string_view system, std::string_view code) const {
  return Find(system, code) != nullptr;
}

Result<ValueSetExpansion> ReadStoredExpansion(const json::Value& value_set, std::size_t max_size) {
  ValueSetExpansion out(std::string(StringMember(value_set, "url")),
                        std::string(StringMember(value_set, "version")),
                        ExpansionSource::kStoredExpansion);
  const json::Value* expansion = value_set.Find("expansion");
  if (expansion == nullptr || !expansion->is_object()) return out;
  // Iterative walk over nested `contains`.
  std::vector<const json::Value*> pending;
  if (const json::Value* c = expansion->Find("contains"); c != nullptr && c->is_array()) {
    for (auto it = c->items().rbegin(); it != c->items().rend(); ++it) pending.push_back(&*it);
  }
  while (!pending.empty()) {
    const json::Value* item = pending.back();
    pending.pop_back();
    if (!item->is_object()) continue;
    ExpansionEntry entry{std::string(StringMember(*item, "system")),
                         std::string(StringMember(*item, "version")),
                         std::string(StringMember(*item, "code")),
                         std::string(StringMember(*item, "display")),
                         BoolMember(*item, "abstract"),
                         BoolMember(*item, "inactive")};
    if (!entry.system.empty() && !entry.code.empty()) {
      out.Add(std::move(entry));
      if (out.size() > max_size) {
        return ResourceExhausted("stored expansion of " + out.url() + " has more than " +
                                 std::to_string(max_size) + " codes");
      }
    }
    if (const json::Value* c = item->Find("contains"); c != nullptr && c->is_array()) {
      for (auto it = c->items().rbegin(); it != c->items().rend(); ++it) pending.push_back(&*it);
    }
  }
  return out;
}

}  // namespace gw::terminology
