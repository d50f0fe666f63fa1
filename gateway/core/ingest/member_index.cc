#include "gateway/core/ingest/member_index.h"

#include <algorithm>

namespace gw::ingest {
namespace {

constexpr std::uint64_t kStringTag = std::uint64_t{1} << 63;
constexpr std::uint64_t kNone = ~std::uint64_t{0};

// "MMM" + 1 to 15 digits → the number with the digit count in bits 56..59 (so leading zeros
// are kept and the code never reaches kStringTag).
std::optional<std::uint64_t> PlanForm(std::string_view id) {
  if (id.size() < 4 || id.size() > 18 || id.substr(0, 3) != "MMM") return std::nullopt;
  std::uint64_t n = 0;
  for (char c : id.substr(3)) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return n | (static_cast<std::uint64_t>(id.size() - 3) << 56);
}

}  // namespace

std::uint64_t MemberIndex::Encode(std::string_view id) {
  if (auto n = PlanForm(id)) return *n;
  strings_.emplace_back(id);
  return kStringTag | (strings_.size() - 1);
}

std::string MemberIndex::Decode(std::uint64_t code) const {
  if (code == kNone) return {};
  if (code & kStringTag) return strings_[code & ~kStringTag];
  const std::size_t width = static_cast<std::size_t>(code >> 56);
  std::string digits = std::to_string(code & ((std::uint64_t{1} << 56) - 1));
  return "MMM" + std::string(width - digits.size(), '0') + digits;
}

void MemberIndex::Add(std::string_view member_id, std::string_view subscriber_id,
                      std::string_view relationship, bool accepted) {
  Entry e{};
  e.member = Encode(member_id);
  e.subscriber = subscriber_id.empty() ? kNone : Encode(subscriber_id);
  e.relationship_size = static_cast<std::uint8_t>(std::min<std::size_t>(relationship.size(), 2));
  for (std::size_t i = 0; i < e.relationship_size; ++i) e.relationship[i] = relationship[i];
  e.accepted = accepted;
  entries_.push_back(e);
  frozen_ = false;
}

void MemberIndex::Freeze() {
  string_codes_.clear();
  for (std::size_t i = 0; i < strings_.size(); ++i) {
    string_codes_.emplace_back(strings_[i], kStringTag | i);
  }
  std::stable_sort(string_codes_.begin(), string_codes_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  // Equal string ids get one code (the first), so members compare by code.
  for (Entry& e : entries_) {
    if (e.member & kStringTag) e.member = *Lookup(strings_[e.member & ~kStringTag]);
  }
  std::stable_sort(entries_.begin(), entries_.end(),
                   [](const Entry& a, const Entry& b) { return a.member < b.member; });
  entries_.erase(std::unique(entries_.begin(), entries_.end(),
                             [](const Entry& a, const Entry& b) { return a.member == b.member; }),
                 entries_.end());
  entries_.shrink_to_fit();
  frozen_ = true;
}

std::optional<std::uint64_t> MemberIndex::Lookup(std::string_view id) const {
  if (auto n = PlanForm(id)) return *n;
  auto it = std::lower_bound(string_codes_.begin(), string_codes_.end(), id,
                             [](const auto& p, std::string_view k) { return p.first < k; });
  if (it == string_codes_.end() || it->first != id) return std::nullopt;
  return it->second;
}

std::optional<MemberInfo> MemberIndex::Find(std::string_view member_id) const {
  if (!frozen_) return std::nullopt;
  auto code = Lookup(member_id);
  if (!code) return std::nullopt;
  auto it = std::lower_bound(entries_.begin(), entries_.end(), *code,
                             [](const Entry& e, std::uint64_t c) { return e.member < c; });
  if (it == entries_.end() || it->member != *code) return std::nullopt;
  MemberInfo info;
  info.subscriber_id = Decode(it->subscriber);
  info.relationship.assign(it->relationship, it->relationship_size);
  info.accepted = it->accepted;
  return info;
}

}  // namespace gw::ingest
