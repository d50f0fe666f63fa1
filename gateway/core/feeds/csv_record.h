// CsvHeader and CsvRecord: the columns of a CSV feed and one of its records.
//
// A CsvRecord holds exactly one field per header column (records with another count are errors,
// never records), its fields unquoted ("" inside quotes already turned into ", line breaks
// inside quoted fields kept as written). Fields are views into the record: they stay valid while
// the record lives and is not modified (the reader reuses its record on its next Next(); copy the
// record to keep it). The header is shared, immutable, and outlives every record that holds it.
// ToJson builds an object with the column names as keys, in header order, and string values; an
// empty field means "no value" and is omitted.
// Thread safety: plain values; a record may be read from several threads once built.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/json/value.h"

namespace gw::feeds {

struct CsvHeader {
  std::vector<std::string> names;
  // Index of the column called `name`; nullopt when there is none. Linear (feeds have tens of
  // columns); callers resolving many records look indices up once.
  std::optional<std::size_t> IndexOf(std::string_view name) const;
};

class CsvRecord {
 public:
  std::uint32_t line() const { return line_; }  // physical line where the record starts
  std::size_t size() const { return ends_.size(); }
  std::string_view field(std::size_t i) const;
  const CsvHeader& header() const { return *header_; }
  std::string_view column_name(std::size_t i) const { return header_->names[i]; }
  // The field of column `name`; empty when the column does not exist or holds no value.
  std::string_view Get(std::string_view name) const;
  json::Value ToJson() const;

 private:
  friend class CsvReader;
  std::uint32_t line_ = 0;
  std::shared_ptr<const CsvHeader> header_;
  std::string data_;                 // the field bytes, one after the other
  std::vector<std::uint32_t> ends_;  // end offset of each field in data_
};

}  // namespace gw::feeds
