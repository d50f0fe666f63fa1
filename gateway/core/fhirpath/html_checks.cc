#include "gateway/core/fhirpath/html_checks.h"

#include <array>
#include <cctype>
#include <string>
#include <vector>

namespace gw::fhirpath {
namespace {

constexpr std::array<std::string_view, 49> kElements = {
    "a",   "abbr",     "acronym", "b",     "big",  "blockquote", "br",  "caption", "cite",  "code",
    "col", "colgroup", "dd",      "dfn",   "div",  "dl",         "dt",  "em",      "h1",    "h2",
    "h3",  "h4",       "h5",      "h6",    "hr",   "i",          "img", "li",      "ol",    "p",
    "pre", "q",        "samp",    "small", "span", "strong",     "sub", "sup",     "table", "tbody",
    "td",  "tfoot",    "th",      "thead", "tr",   "tt",         "ul",  "var",     "u"};

constexpr std::array<std::string_view, 33> kAttributes = {
    "title",       "style",       "class",   "id",      "lang",  "xml:lang", "dir",
    "accesskey",   "tabindex",    "href",    "name",    "src",   "alt",      "width",
    "height",      "border",      "colspan", "rowspan", "span",  "align",    "valign",
    "cellpadding", "cellspacing", "summary", "headers", "scope", "abbr",     "axis",
    "char",        "charoff",     "cite",    "xmlns",   "rules"};

template <std::size_t N>
bool In(const std::array<std::string_view, N>& set, std::string_view s) {
  for (std::string_view x : set) {
    if (x == s) return true;
  }
  return false;
}

std::string Lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == ':' || c == '-' || c == '_' ||
         c == '.';
}

// The entity reference at s[*i] ('&'): only XML's five named entities and character references
// are allowed (XHTML narrative has no DTD, so HTML names such as &reg; are undefined). Leaves *i
// on the closing ';'.
bool Entity(std::string_view s, std::size_t* i) {
  std::size_t end = s.find(';', *i);
  if (end == std::string_view::npos || end - *i > 12) return false;
  std::string_view name = s.substr(*i + 1, end - *i - 1);
  *i = end;
  if (name == "lt" || name == "gt" || name == "amp" || name == "quot" || name == "apos") {
    return true;
  }
  if (name.size() < 2 || name[0] != '#') return false;
  bool hex = name[1] == 'x';
  std::string_view digits = name.substr(hex ? 2 : 1);
  if (digits.empty()) return false;
  for (char c : digits) {
    if (!(hex ? std::isxdigit(static_cast<unsigned char>(c))
              : std::isdigit(static_cast<unsigned char>(c)))) {
      return false;
    }
  }
  return true;
}

class Checker {
 public:
  explicit Checker(std::string_view s) : s_(s) {}

  bool Run() {
    SkipSpace();
    if (s_.substr(i_, 5) == "<?xml") {
      std::size_t e = s_.find("?>", i_);
      if (e == std::string_view::npos) return false;
      i_ = e + 2;
    }
    bool root_seen = false;
    while (i_ < s_.size()) {
      if (s_[i_] != '<') {
        if (stack_.empty() && !std::isspace(static_cast<unsigned char>(s_[i_]))) return false;
        if (s_[i_] == '&' && !Entity(s_, &i_)) return false;
        ++i_;
        continue;
      }
      if (s_.substr(i_, 4) == "<!--") {
        std::size_t e = s_.find("-->", i_ + 4);
        if (e == std::string_view::npos) return false;
        i_ = e + 3;
        continue;
      }
      if (s_.substr(i_, 2) == "<!" || s_.substr(i_, 2) == "<?") return false;
      if (s_.substr(i_, 2) == "</") {
        if (!CloseTag()) return false;
        continue;
      }
      if (stack_.empty() && root_seen) return false;
      bool root = stack_.empty();
      if (!OpenTag(root)) return false;
      root_seen = true;
    }
    return root_seen && stack_.empty();
  }

 private:
  void SkipSpace() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }

  std::string Name() {
    std::size_t b = i_;
    while (i_ < s_.size() && IsNameChar(s_[i_])) ++i_;
    return Lower(s_.substr(b, i_ - b));
  }

  bool OpenTag(bool root) {
    ++i_;
    std::string name = Name();
    if (!In(kElements, name)) return false;
    if (root && name != "div") return false;
    bool xmlns_ok = false;
    while (true) {
      SkipSpace();
      if (i_ >= s_.size()) return false;
      if (s_[i_] == '>') {
        ++i_;
        stack_.push_back(name);
        break;
      }
      if (s_.substr(i_, 2) == "/>") {
        i_ += 2;
        break;
      }
      std::string attr = Name();
      if (attr.empty()) return false;
      SkipSpace();
      std::string value;
      if (i_ < s_.size() && s_[i_] == '=') {
        ++i_;
        SkipSpace();
        if (i_ >= s_.size() || (s_[i_] != '"' && s_[i_] != '\'')) return false;
        char q = s_[i_++];
        std::size_t e = s_.find(q, i_);
        if (e == std::string_view::npos) return false;
        value = Lower(s_.substr(i_, e - i_));
        for (std::size_t a = 0; a < value.size(); ++a) {
          if (value[a] == '&' && !Entity(value, &a)) return false;
        }
        i_ = e + 1;
      }
      if (attr.rfind("on", 0) == 0) return false;
      if (!In(kAttributes, attr) && attr.rfind("xmlns:", 0) != 0) return false;
      if ((attr == "href" || attr == "src") && value.find("javascript:") != std::string::npos) {
        return false;
      }
      if (attr == "xmlns" && value == "http://www.w3.org/1999/xhtml") xmlns_ok = true;
    }
    return !root || xmlns_ok;
  }

  bool CloseTag() {
    i_ += 2;
    std::string name = Name();
    SkipSpace();
    if (i_ >= s_.size() || s_[i_] != '>') return false;
    ++i_;
    if (stack_.empty() || stack_.back() != name) return false;
    stack_.pop_back();
    return true;
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::vector<std::string> stack_;
};

}  // namespace

bool CheckNarrativeXhtml(std::string_view xhtml) { return Checker(xhtml).Run(); }

}  // namespace gw::fhirpath
