// CsvRow: appends one RFC 4180 record to a string, the way the plan's CSV feeds are written.
//
// A field is quoted ("...", inner quotes doubled) only when it holds a comma, a quote, CR or LF;
// otherwise it is written as is (bytes are copied unchanged, valid UTF-8 or not). Records end
// with LF, as in the plan's extracts. Thread safety: one instance per thread; *out must outlive
// the row.
#pragma once

#include <string>
#include <string_view>

namespace gw::synth {

// Appends `field` to *out, quoted if RFC 4180 requires it.
void AppendCsvField(std::string_view field, std::string* out);

class CsvRow {
 public:
  explicit CsvRow(std::string* out) : out_(out) {}
  CsvRow& Add(std::string_view field);
  // Ends the record with LF.
  void End() { out_->push_back('\n'); }

 private:
  std::string* out_;
  bool first_ = true;
};

}  // namespace gw::synth
