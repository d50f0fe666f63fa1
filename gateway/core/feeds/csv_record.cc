#include "gateway/core/feeds/csv_record.h"

#include <utility>

namespace gw::feeds {

std::optional<std::size_t> CsvHeader::IndexOf(std::string_view name) const {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return i;
  }
  return std::nullopt;
}

std::string_view CsvRecord::field(std::size_t i) const {
  const std::uint32_t begin = i == 0 ? 0 : ends_[i - 1];
  return std::string_view(data_).substr(begin, ends_[i] - begin);
}

std::string_view CsvRecord::Get(std::string_view name) const {
  if (header_ == nullptr) return {};
  auto index = header_->IndexOf(name);
  if (!index || *index >= ends_.size()) return {};
  return field(*index);
}

json::Value CsvRecord::ToJson() const {
  std::vector<json::Member> members;
  members.reserve(ends_.size());
  for (std::size_t i = 0; i < ends_.size(); ++i) {
    std::string_view value = field(i);
    if (value.empty()) continue;
    members.push_back(json::Member{header_->names[i], json::Value::String(std::string(value))});
  }
  json::Value object = json::Value::Object(std::move(members));
  object.set_line(line_);
  return object;
}

}  // namespace gw::feeds
