// MemberIndex: the compact index of members.csv that the other feeds are joined with:
// member_id → (subscriber_id, relationship, accepted). Built while members.csv streams through
// (Add), then frozen (Freeze) before the other feeds are read (Find).
//
// Memory: 24 bytes per member whose ids have the plan's form ("MMM" + digits, kept as
// numbers); other ids are kept as strings beside it. About 24 MB for 1,000,000 members.
// Find() before Freeze() finds nothing. When a member_id is added twice, the first row wins.
// Thread safety: Add/Freeze from one thread; Find is const and safe once frozen.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::ingest {

struct MemberInfo {
  std::string subscriber_id;  // empty when the row had none
  std::string relationship;   // X12 code, empty when the row had none
  bool accepted = false;      // false: the member's own row was rejected
};

class MemberIndex {
 public:
  void Add(std::string_view member_id, std::string_view subscriber_id,
           std::string_view relationship, bool accepted);
  void Freeze();
  std::optional<MemberInfo> Find(std::string_view member_id) const;
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::uint64_t member;      // encoded id, or kStringTag | index into strings_
    std::uint64_t subscriber;  // same encoding; kNone when absent
    char relationship[2];
    std::uint8_t relationship_size;
    bool accepted;
  };
  std::uint64_t Encode(std::string_view id);  // interns non-standard ids
  std::optional<std::uint64_t> Lookup(std::string_view id) const;
  std::string Decode(std::uint64_t code) const;

  std::vector<Entry> entries_;
  std::vector<std::string> strings_;           // ids not of the plan's form
  std::vector<std::pair<std::string, std::uint64_t>> string_codes_;  // sorted at Freeze
  bool frozen_ = false;
};

}  // namespace gw::ingest
