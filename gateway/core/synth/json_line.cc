#include "gateway/core/synth/json_line.h"

#include <cassert>

#include "gateway/core/json/write.h"

namespace gw::synth {

void JsonLine::Name(std::string_view name) {
  if (depth_ > 0) {
    if (!first_[depth_]) out_->push_back(',');
    first_[depth_] = false;
  }
  if (!name.empty()) {
    json::AppendEscapedString(name, out_);
    out_->push_back(':');
  }
}

void JsonLine::Open(char c) {
  out_->push_back(c);
  ++depth_;
  assert(depth_ <= kMaxDepth);
  first_[depth_] = true;
}

void JsonLine::Close(char c) {
  assert(depth_ > 0);
  out_->push_back(c);
  --depth_;
}

JsonLine& JsonLine::Str(std::string_view name, std::string_view value) {
  Name(name);
  json::AppendEscapedString(value, out_);
  return *this;
}

JsonLine& JsonLine::StrOrNull(std::string_view name, std::string_view value) {
  return value.empty() ? Null(name) : Str(name, value);
}

JsonLine& JsonLine::Int(std::string_view name, std::int64_t value) {
  Name(name);
  out_->append(std::to_string(value));
  return *this;
}

JsonLine& JsonLine::Bool(std::string_view name, bool value) {
  Name(name);
  out_->append(value ? "true" : "false");
  return *this;
}

JsonLine& JsonLine::Null(std::string_view name) {
  Name(name);
  out_->append("null");
  return *this;
}

JsonLine& JsonLine::BeginObject(std::string_view name) {
  Name(name);
  Open('{');
  return *this;
}

JsonLine& JsonLine::EndObject() {
  Close('}');
  return *this;
}

JsonLine& JsonLine::BeginArray(std::string_view name) {
  Name(name);
  Open('[');
  return *this;
}

JsonLine& JsonLine::EndArray() {
  Close(']');
  return *this;
}

}  // namespace gw::synth
