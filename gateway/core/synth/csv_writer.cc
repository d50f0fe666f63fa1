#include "gateway/core/synth/csv_writer.h"

namespace gw::synth {

void AppendCsvField(std::string_view field, std::string* out) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(field);
    return;
  }
  out->push_back('"');
  for (char c : field) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

CsvRow& CsvRow::Add(std::string_view field) {
  if (!first_) out_->push_back(',');
  first_ = false;
  AppendCsvField(field, out_);
  return *this;
}

}  // namespace gw::synth
