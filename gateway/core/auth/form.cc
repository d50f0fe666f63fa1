#include "gateway/core/auth/form.h"

#include <optional>

namespace gw::auth {
namespace {

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> Decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      int hi = Hex(s[i + 1]);
      int lo = Hex(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

Result<Form> ParseForm(std::string_view body) {
  if (body.size() > kMaxFormBytes) return ResourceExhausted("form body is too large");
  Form form;
  std::size_t i = 0;
  while (i <= body.size()) {
    std::size_t end = body.find('&', i);
    if (end == std::string_view::npos) end = body.size();
    std::string_view pair = body.substr(i, end - i);
    i = end + 1;
    if (pair.empty()) continue;
    if (form.size() >= kMaxFormFields) return ResourceExhausted("too many form fields");
    std::size_t eq = pair.find('=');
    auto name = Decode(pair.substr(0, eq));
    auto value = Decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    if (!name || !value || name->empty()) return InvalidArgument("malformed form field");
    if (!form.emplace(std::move(*name), std::move(*value)).second) {
      return InvalidArgument("a form field is repeated");
    }
  }
  return form;
}

}  // namespace gw::auth
