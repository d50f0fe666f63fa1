#include "gateway/core/validation/xhtml_scan.h"

#include <cstdint>

#include "gateway/core/base/utf8.h"

namespace gw::validation {
namespace {

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == ':' || c == '.';
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool IsVoidElement(std::string_view name) {
  for (std::string_view v : {"br", "img", "hr", "col", "area", "meta", "link", "input", "wbr"}) {
    if (name == v) return true;
  }
  return false;
}

// Decodes the character reference starting at text[i] ('&'); appends it and returns the
// length consumed, or 0 when it is not one we know (the '&' is then kept as is).
std::size_t DecodeReference(std::string_view text, std::size_t i, std::string* out) {
  std::size_t semi = text.find(';', i);
  if (semi == std::string_view::npos || semi - i > 10) return 0;
  std::string_view name = text.substr(i + 1, semi - i - 1);
  static constexpr std::pair<std::string_view, char> kNamed[] = {
      {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
  for (const auto& [n, c] : kNamed) {
    if (name == n) {
      *out += c;
      return semi - i + 1;
    }
  }
  if (name.size() < 2 || name[0] != '#') return 0;
  bool hex = name[1] == 'x' || name[1] == 'X';
  std::uint32_t cp = 0;
  for (char c : name.substr(hex ? 2 : 1)) {
    int d = c >= '0' && c <= '9'          ? c - '0'
            : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
            : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                          : -1;
    if (d < 0 || cp > 0x10FFFF) return 0;
    cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
  }
  AppendUtf8(cp, out);
  return semi - i + 1;
}

std::string Decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '&') {
      std::size_t n = DecodeReference(text, i, &out);
      if (n > 0) {
        i += n - 1;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

struct Tag {
  std::string_view name;
  std::vector<std::pair<std::string_view, std::string>> attributes;
  bool closing = false;
  bool self_closing = false;
  std::size_t end = 0;  // index after '>'
};

// Parses the tag starting at text[i] ('<', not a comment or declaration).
Tag ParseTag(std::string_view text, std::size_t i) {
  Tag tag;
  std::size_t p = i + 1;
  if (p < text.size() && text[p] == '/') {
    tag.closing = true;
    ++p;
  }
  std::size_t start = p;
  while (p < text.size() && IsNameChar(text[p])) ++p;
  tag.name = text.substr(start, p - start);
  while (p < text.size() && text[p] != '>') {
    if (text[p] == '/') {
      tag.self_closing = true;
      ++p;
      continue;
    }
    if (!IsNameChar(text[p])) {
      ++p;
      continue;
    }
    std::size_t an = p;
    while (p < text.size() && IsNameChar(text[p])) ++p;
    std::string_view attr = text.substr(an, p - an);
    while (p < text.size() && IsSpace(text[p])) ++p;
    std::string value;
    if (p < text.size() && text[p] == '=') {
      ++p;
      while (p < text.size() && IsSpace(text[p])) ++p;
      char quote = p < text.size() ? text[p] : '\0';
      std::size_t vs = quote == '"' || quote == '\'' ? p + 1 : p;
      std::size_t ve = quote == '"' || quote == '\'' ? text.find(quote, vs)
                                                     : text.find_first_of(" \t\r\n/>", vs);
      if (ve == std::string_view::npos) ve = text.size();
      value = Decode(text.substr(vs, ve - vs));
      p = quote == '"' || quote == '\'' ? ve + 1 : ve;
    }
    tag.self_closing = false;
    tag.attributes.emplace_back(attr, std::move(value));
  }
  tag.end = p < text.size() ? p + 1 : text.size();
  return tag;
}

// Skips a comment, CDATA section, declaration or processing instruction at text[i]; returns
// the index after it, or i when there is none.
std::size_t SkipSpecial(std::string_view text, std::size_t i) {
  auto skip_to = [&](std::string_view end) {
    std::size_t e = text.find(end, i);
    return e == std::string_view::npos ? text.size() : e + end.size();
  };
  std::string_view rest = text.substr(i);
  if (rest.rfind("<!--", 0) == 0) return skip_to("-->");
  if (rest.rfind("<![CDATA[", 0) == 0) return skip_to("]]>");
  if (rest.rfind("<!", 0) == 0 || rest.rfind("<?", 0) == 0) return skip_to(">");
  return i;
}

std::string Tidy(std::string s) {
  for (char& c : s) c = c == '\n' || c == '\r' || c == '\t' ? ' ' : c;
  std::size_t b = s.find_first_not_of(' ');
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(' ') - b + 1);
}

class Scanner {
 public:
  XhtmlScan Run(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
      std::size_t lt = text.find('<', i);
      AddText(text.substr(i, lt == std::string_view::npos ? std::string_view::npos : lt - i));
      if (lt == std::string_view::npos) break;
      std::size_t skipped = SkipSpecial(text, lt);
      if (skipped != lt) {
        i = skipped;
        continue;
      }
      Tag tag = ParseTag(text, lt);
      i = tag.end;
      if (tag.name.empty()) continue;
      tag.closing ? Close(tag.name) : Open(tag);
    }
    for (OpenElement& o : open_) Finish(o);
    return std::move(out_);
  }

 private:
  struct OpenElement {
    std::string_view name;
    int link = -1;  // index in out_.links collecting this element's text
  };

  void AddText(std::string_view raw) {
    if (raw.empty()) return;
    std::string t = Decode(raw);
    for (const OpenElement& o : open_) {
      if (o.link >= 0) out_.links[static_cast<std::size_t>(o.link)].text += t;
    }
  }

  void Open(const Tag& tag) {
    std::string path;
    for (const OpenElement& o : open_) path.append(o.name).append("/");
    path.append(tag.name);
    int link = -1;
    for (const auto& [name, value] : tag.attributes) {
      if (name == "id" || (tag.name == "a" && name == "name")) out_.anchors.push_back(value);
      if ((tag.name == "a" && name == "href") || (tag.name == "img" && name == "src")) {
        out_.links.push_back(XhtmlLink{std::string(name), value, path, {}});
        link = static_cast<int>(out_.links.size()) - 1;
      }
    }
    if (tag.self_closing || IsVoidElement(tag.name)) return;
    open_.push_back(OpenElement{tag.name, link});
  }

  void Close(std::string_view name) {
    for (std::size_t k = open_.size(); k > 0; --k) {
      if (open_[k - 1].name != name) continue;
      while (open_.size() >= k) {
        Finish(open_.back());
        open_.pop_back();
      }
      return;
    }
  }

  void Finish(OpenElement& o) {
    if (o.link < 0) return;
    XhtmlLink& l = out_.links[static_cast<std::size_t>(o.link)];
    l.text = Tidy(std::move(l.text));
    o.link = -1;
  }

  XhtmlScan out_;
  std::vector<OpenElement> open_;
};

}  // namespace

XhtmlScan ScanXhtml(std::string_view xhtml) { return Scanner().Run(xhtml); }

}  // namespace gw::validation
