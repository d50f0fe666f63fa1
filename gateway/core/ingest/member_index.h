// MemberIndex: the compact index of members.csv that the other feeds are joined with:
// member_id → (subscriber_id, relationship, line, accepted). Built while members.csv streams
// through (Add), then frozen (Freeze) before the other feeds are read (Find).
//
// member_id is unique in members.csv: Add() keeps the first row of a member_id and refuses
// the later ones (false); FirstLine() tells, also while the index is being built, whether and
// where a member_id was already added, so the pipeline can reject a duplicate row before it
// maps it.
//
// Memory: 24 bytes per member whose ids have the plan's form ("MMM" + digits, kept as
// numbers); other ids are interned as strings beside it. About 24 MB for 1,000,000 members,
// plus a hash table of 8 to 16 bytes per member while members.csv streams (released by
// Freeze). Find() before Freeze() finds nothing.
// Thread safety: Add/Freeze from one thread; Find/FirstLine are const and safe once frozen.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gw::ingest {

struct MemberInfo {
  std::string subscriber_id;  // empty when the row had none
  std::string relationship;   // X12 code, empty when the row had none
  std::uint32_t line = 0;     // the member's row in members.csv (1-based physical line)
  bool accepted = false;      // false: the member's own row was rejected
};

class MemberIndex {
 public:
  // Adds the row at `line` of members.csv. Returns false (and changes nothing) when the
  // member_id was already added: the first row wins.
  bool Add(std::string_view member_id, std::string_view subscriber_id,
           std::string_view relationship, std::uint32_t line, bool accepted);
  void Freeze();
  std::optional<MemberInfo> Find(std::string_view member_id) const;
  // The line of the row that added member_id, before or after Freeze(); nullopt when none did.
  std::optional<std::uint32_t> FirstLine(std::string_view member_id) const;
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::uint64_t member;      // encoded id, or kStringTag | index into strings_
    std::uint64_t subscriber;  // same encoding; kNone when absent
    std::uint32_t line;
    char relationship[2];
    std::uint8_t relationship_size;
    bool accepted;
  };
  std::uint64_t Encode(std::string_view id);  // interns non-standard ids
  std::optional<std::uint64_t> Lookup(std::string_view id) const;
  std::string Decode(std::uint64_t code) const;
  // The entry of `code`: by the hash table while building, by binary search once frozen.
  const Entry* EntryOf(std::uint64_t code) const;
  // Index into slots_ of `code`'s slot, or of the empty slot where it would go.
  std::size_t Probe(std::uint64_t code) const;
  void Rehash(std::size_t slots);

  std::vector<Entry> entries_;
  std::vector<std::string> strings_;                         // ids not of the plan's form
  std::unordered_map<std::string, std::uint64_t> interned_;  // such an id → its code
  // While building: open addressing, 0 = empty, else index into entries_ + 1.
  std::vector<std::uint32_t> slots_;
  bool frozen_ = false;
};

}  // namespace gw::ingest
