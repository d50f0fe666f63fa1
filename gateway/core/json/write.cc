#include "gateway/core/json/write.h"

namespace gw::json {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void Indent(int depth, std::string* out) {
  out->push_back('\n');
  out->append(static_cast<std::size_t>(depth) * 2, ' ');
}

void WriteValue(const Value& v, const WriteOptions& opt, int depth, std::string* out) {
  switch (v.kind()) {
    case Kind::kNull:
      out->append("null");
      return;
    case Kind::kBool:
      out->append(v.bool_value() ? "true" : "false");
      return;
    case Kind::kNumber:
      out->append(v.number_text());
      return;
    case Kind::kString:
      AppendEscapedString(v.string_value(), out);
      return;
    case Kind::kArray: {
      out->push_back('[');
      bool first = true;
      for (const Value& item : v.items()) {
        if (!first) out->push_back(',');
        first = false;
        if (opt.pretty) Indent(depth + 1, out);
        WriteValue(item, opt, depth + 1, out);
      }
      if (opt.pretty && !v.items().empty()) Indent(depth, out);
      out->push_back(']');
      return;
    }
    case Kind::kObject: {
      out->push_back('{');
      bool first = true;
      for (const Member& m : v.members()) {
        if (!first) out->push_back(',');
        first = false;
        if (opt.pretty) Indent(depth + 1, out);
        AppendEscapedString(m.key, out);
        out->push_back(':');
        if (opt.pretty) out->push_back(' ');
        WriteValue(m.value, opt, depth + 1, out);
      }
      if (opt.pretty && !v.members().empty()) Indent(depth, out);
      out->push_back('}');
      return;
    }
  }
}

}  // namespace

void AppendEscapedString(std::string_view s, std::string* out) {
  out->push_back('"');
  std::size_t run = 0;  // start of the characters not yet copied (they need no escape)
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 0xF]);
    }
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

std::string Write(const Value& value, const WriteOptions& options) {
  std::string out;
  WriteValue(value, options, 0, &out);
  return out;
}

void AppendJson(const Value& value, std::string* out, const WriteOptions& options) {
  WriteValue(value, options, 0, out);
}

}  // namespace gw::json
