// ValueSetExpansion: the flat list of codes a value set contains, with a membership index.
//
// Built by the expander (expander.h) from `compose`, or read from a ValueSet's own `expansion`
// (nested `contains` are flattened; entries without a system or code, such as group headers, are
// skipped). Entries are unique by (system, code), in first-seen order.
// Thread safety: immutable once built; safe for concurrent reads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gateway/core/base/status.h"
#include "gateway/core/json/value.h"

namespace gw::terminology {

struct ExpansionEntry {
  std::string system;
  std::string version;  // the code system version when known
  std::string code;
  std::string display;
  bool abstract = false;  // not selectable (a grouping concept)
  bool inactive = false;
};

enum class ExpansionSource : std::uint8_t {
  kCompose,         // computed offline from compose
  kStoredExpansion  // the ValueSet's own expansion (compose could not be expanded offline)
};

class ValueSetExpansion {
 public:
  ValueSetExpansion(std::string url, std::string version, ExpansionSource source)
      : url_(std::move(url)), version_(std::move(version)), source_(source) {}

  // Adds an entry unless (system, code) is already present; returns false for a duplicate.
  bool Add(ExpansionEntry entry);

  const std::string& url() const { return url_; }
  const std::string& version() const { return version_; }
  ExpansionSource source() const { return source_; }
  const std::vector<ExpansionEntry>& contains() const { return entries_; }
  std::size_t size() const { return entries_.size(); }

  // Exact (system, code) membership.
  bool Contains(std::string_view system, std::string_view code) const;
  // The entry for (system, code), or nullptr.
  const ExpansionEntry* Find(std::string_view system, std::string_view code) const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  static std::string Key(std::string_view system, std::string_view code);

  std::string url_;
  std::string version_;
  ExpansionSource source_;
  std::vector<ExpansionEntry> entries_;
  std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>> index_;
};

// Reads ValueSet.expansion.contains (flattened). Errors: kResourceExhausted when more than
// `max_size` codes (the caller decides whether to use a stored expansion at all).
Result<ValueSetExpansion> ReadStoredExpansion(const json::Value& value_set, std::size_t max_size);

}  // namespace gw::terminology
