#include "gateway/core/ingest/member_index.h"

#include <algorithm>
#include <bit>

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

std::size_t HashOf(std::uint64_t code) {
  code ^= code >> 33;
  code *= 0xff51afd7ed558ccdULL;
  code ^= code >> 33;
  return static_cast<std::size_t>(code);
}

}  // namespace

std::uint64_t MemberIndex::Encode(std::string_view id) {
  if (auto n = PlanForm(id)) return *n;
  auto [it, added] = interned_.try_emplace(std::string(id), kStringTag | strings_.size());
  if (added) strings_.emplace_back(id);
  return it->second;
}

std::string MemberIndex::Decode(std::uint64_t code) const {
  if (code == kNone) return {};
  if (code & kStringTag) return strings_[code & ~kStringTag];
  const std::size_t width = static_cast<std::size_t>(code >> 56);
  std::string digits = std::to_string(code & ((std::uint64_t{1} << 56) - 1));
  return "MMM" + std::string(width - digits.size(), '0') + digits;
}

std::size_t MemberIndex::Probe(std::uint64_t code) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = HashOf(code) & mask;; i = (i + 1) & mask) {
    const std::uint32_t slot = slots_[i];
    if (slot == 0 || entries_[slot - 1].member == code) return i;
  }
}

void MemberIndex::Rehash(std::size_t slots) {
  slots_.assign(slots, 0);
  for (std::size_t e = 0; e < entries_.size(); ++e) {
    slots_[Probe(entries_[e].member)] = static_cast<std::uint32_t>(e + 1);
  }
}

bool MemberIndex::Add(std::string_view member_id, std::string_view subscriber_id,
                      std::string_view relationship, std::uint32_t line, bool accepted) {
  static_assert(sizeof(Entry) == 24, "an index entry is 24 bytes");
  // At most half full (also after Freeze released the table).
  if ((entries_.size() + 1) * 2 > slots_.size()) {
    Rehash(std::max<std::size_t>(64, std::bit_ceil((entries_.size() + 1) * 4)));
  }
  Entry e{};
  e.member = Encode(member_id);
  const std::size_t at = Probe(e.member);
  if (slots_[at] != 0) return false;
  e.subscriber = subscriber_id.empty() ? kNone : Encode(subscriber_id);
  e.line = line;
  e.relationship_size = static_cast<std::uint8_t>(std::min<std::size_t>(relationship.size(), 2));
  for (std::size_t i = 0; i < e.relationship_size; ++i) e.relationship[i] = relationship[i];
  e.accepted = accepted;
  entries_.push_back(e);
  slots_[at] = static_cast<std::uint32_t>(entries_.size());
  frozen_ = false;
  return true;
}

void MemberIndex::Freeze() {
  std::sort(entries_.begin(), entries_.end(),
            [](const Entry& a, const Entry& b) { return a.member < b.member; });
  entries_.shrink_to_fit();
  std::vector<std::uint32_t>().swap(slots_);
  frozen_ = true;
}

std::optional<std::uint64_t> MemberIndex::Lookup(std::string_view id) const {
  if (auto n = PlanForm(id)) return *n;
  auto it = interned_.find(std::string(id));
  if (it == interned_.end()) return std::nullopt;
  return it->second;
}

const MemberIndex::Entry* MemberIndex::EntryOf(std::uint64_t code) const {
  if (!frozen_) {
    if (slots_.empty()) return nullptr;
    const std::uint32_t slot = slots_[Probe(code)];
    return slot == 0 ? nullptr : &entries_[slot - 1];
  }
  auto it = std::lower_bound(entries_.begin(), entries_.end(), code,
                             [](const Entry& e, std::uint64_t c) { return e.member < c; });
  return it == entries_.end() || it->member != code ? nullptr : &*it;
}

std::optional<std::uint32_t> MemberIndex::FirstLine(std::string_view member_id) const {
  auto code = Lookup(member_id);
  const Entry* e = code ? EntryOf(*code) : nullptr;
  if (e == nullptr) return std::nullopt;
  return e->line;
}

std::optional<MemberInfo> MemberIndex::Find(std::string_view member_id) const {
  if (!frozen_) return std::nullopt;
  auto code = Lookup(member_id);
  const Entry* e = code ? EntryOf(*code) : nullptr;
  if (e == nullptr) return std::nullopt;
  MemberInfo info;
  info.subscriber_id = Decode(e->subscriber);
  info.relationship.assign(e->relationship, e->relationship_size);
  info.line = e->line;
  info.accepted = e->accepted;
  return info;
}

}  // namespace gw::ingest
