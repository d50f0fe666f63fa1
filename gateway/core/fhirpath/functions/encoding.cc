// Encoding functions: encode/decode (base64, urlbase64, hex), escape/unescape (html, json).
#include <string>

#include "gateway/core/fhirpath/functions/common.h"
#include "gateway/core/fhirpath/functions/register.h"

namespace gw::fhirpath {
namespace {

using fn::Def;

constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Base64(std::string_view s, bool url) {
  std::string r;
  std::size_t i = 0;
  while (i + 2 < s.size() + 2 && i < s.size()) {
    std::uint32_t n = static_cast<unsigned char>(s[i]) << 16;
    std::size_t k = std::min<std::size_t>(3, s.size() - i);
    if (k > 1) n |= static_cast<unsigned char>(s[i + 1]) << 8;
    if (k > 2) n |= static_cast<unsigned char>(s[i + 2]);
    for (std::size_t j = 0; j < 4; ++j) {
      if (j <= k) {
        char c = kB64[(n >> (18 - 6 * j)) & 63];
        if (url && c == '+') c = '-';
        if (url && c == '/') c = '_';
        r.push_back(c);
      } else {
        r.push_back('=');
      }
    }
    i += 3;
  }
  return r;
}

std::optional<std::string> Unbase64(std::string_view s) {
  std::string r;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : s) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '+' || c == '-') v = 62;
    else if (c == '/' || c == '_') v = 63;
    else if (c == '=') break;
    else return std::nullopt;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      r.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return r;
}

std::string Hex(std::string_view s) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string r;
  for (char c : s) {
    r.push_back(kDigits[(static_cast<unsigned char>(c) >> 4) & 15]);
    r.push_back(kDigits[static_cast<unsigned char>(c) & 15]);
  }
  return r;
}

std::optional<std::string> Unhex(std::string_view s) {
  if (s.size() % 2 != 0) return std::nullopt;
  std::string r;
  auto val = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < s.size(); i += 2) {
    int a = val(s[i]), b = val(s[i + 1]);
    if (a < 0 || b < 0) return std::nullopt;
    r.push_back(static_cast<char>(a * 16 + b));
  }
  return r;
}

std::string EscapeHtml(std::string_view s) {
  std::string r;
  for (char c : s) {
    switch (c) {
      case '<': r += "&lt;"; break;
      case '>': r += "&gt;"; break;
      case '&': r += "&amp;"; break;
      case '"': r += "&quot;"; break;
      case '\'': r += "&#39;"; break;
      default: r.push_back(c);
    }
  }
  return r;
}

std::string UnescapeHtml(std::string_view s) {
  static constexpr std::pair<std::string_view, char> kEntities[] = {
      {"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&quot;", '"'}, {"&#39;", '\''},
      {"&apos;", '\''}};
  std::string r;
  for (std::size_t i = 0; i < s.size();) {
    bool done = false;
    if (s[i] == '&') {
      for (const auto& [ent, ch] : kEntities) {
        if (s.substr(i, ent.size()) == ent) {
          r.push_back(ch);
          i += ent.size();
          done = true;
          break;
        }
      }
    }
    if (!done) r.push_back(s[i++]);
  }
  return r;
}

std::string EscapeJson(std::string_view s) {
  std::string r;
  for (char c : s) {
    switch (c) {
      case '"': r += "\\\""; break;
      case '\\': r += "\\\\"; break;
      case '\n': r += "\\n"; break;
      case '\r': r += "\\r"; break;
      case '\t': r += "\\t"; break;
      default: r.push_back(c);
    }
  }
  return r;
}

std::string UnescapeJson(std::string_view s) {
  std::string r;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      char e = s[++i];
      r.push_back(e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e);
    } else {
      r.push_back(s[i]);
    }
  }
  return r;
}

Status Apply(CallContext& call, const Collection& in, Collection* out,
             std::optional<std::string> (*f)(std::string_view s, std::string_view format)) {
  std::optional<std::string> s, format;
  GW_RETURN_IF_ERROR(SingletonString(in, call.node().name + "()", &s));
  GW_RETURN_IF_ERROR(SingletonString(call.arg(0), call.node().name + "() format", &format));
  if (!s || !format) return Status::Ok();
  auto r = f(*s, *format);
  if (r) out->push_back(Item::String(std::move(*r)));
  return Status::Ok();
}

std::optional<std::string> EncodeAs(std::string_view s, std::string_view f) {
  if (f == "base64") return Base64(s, false);
  if (f == "urlbase64") return Base64(s, true);
  if (f == "hex") return Hex(s);
  return std::nullopt;
}
std::optional<std::string> DecodeAs(std::string_view s, std::string_view f) {
  if (f == "base64" || f == "urlbase64") return Unbase64(s);
  if (f == "hex") return Unhex(s);
  return std::nullopt;
}
std::optional<std::string> EscapeAs(std::string_view s, std::string_view f) {
  if (f == "html") return EscapeHtml(s);
  if (f == "json") return EscapeJson(s);
  return std::nullopt;
}
std::optional<std::string> UnescapeAs(std::string_view s, std::string_view f) {
  if (f == "html") return UnescapeHtml(s);
  if (f == "json") return UnescapeJson(s);
  return std::nullopt;
}

Status Encode(CallContext& c, const Collection& in, Collection* o) { return Apply(c, in, o, EncodeAs); }
Status Decode(CallContext& c, const Collection& in, Collection* o) { return Apply(c, in, o, DecodeAs); }
Status Escape(CallContext& c, const Collection& in, Collection* o) { return Apply(c, in, o, EscapeAs); }
Status Unescape(CallContext& c, const Collection& in, Collection* o) {
  return Apply(c, in, o, UnescapeAs);
}

}  // namespace

void RegisterEncodingFunctions(FunctionRegistry* r) {
  r->Add(Def("encode", 1, 1, Encode));
  r->Add(Def("decode", 1, 1, Decode));
  r->Add(Def("escape", 1, 1, Escape));
  r->Add(Def("unescape", 1, 1, Unescape));
}

}  // namespace gw::fhirpath
