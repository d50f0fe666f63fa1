#include "gateway/core/base/utf8.h"
#include "tests/unit/fhirpath/xml_reader.h"

#include <cctype>

namespace gw::testing {

const std::string* XmlElement::Attr(std::string_view key) const {
  for (const auto& [k, v] : attributes) {
    if (k == key) return &v;
  }
  return nullptr;
}

namespace {

constexpr int kMaxDepth = 256;

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}

  Result<XmlElement> Run() {
    GW_RETURN_IF_ERROR(SkipMisc());
    if (!Starts("<")) return Error("expected the root element");
    XmlElement root;
    GW_RETURN_IF_ERROR(Element(&root, 0));
    GW_RETURN_IF_ERROR(SkipMisc());
    if (i_ != s_.size()) return Error("content after the root element");
    return root;
  }

 private:
  bool Starts(std::string_view p) const { return s_.substr(i_, p.size()) == p; }
  Status Error(std::string_view why) const {
    return InvalidArgument("xml at " + std::to_string(i_) + ": " + std::string(why));
  }
  void SkipSpace() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  Status SkipPast(std::string_view end) {
    std::size_t e = s_.find(end, i_);
    if (e == std::string_view::npos) return Error("unterminated construct");
    i_ = e + end.size();
    return Status::Ok();
  }
  // Skips whitespace, comments, processing instructions and a DOCTYPE.
  Status SkipMisc() {
    while (true) {
      SkipSpace();
      if (Starts("<?")) {
        GW_RETURN_IF_ERROR(SkipPast("?>"));
      } else if (Starts("<!--")) {
        GW_RETURN_IF_ERROR(SkipPast("-->"));
      } else if (Starts("<!DOCTYPE")) {
        GW_RETURN_IF_ERROR(SkipPast(">"));
      } else {
        return Status::Ok();
      }
    }
  }
  std::string Name() {
    std::size_t b = i_;
    while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) ||
                              s_[i_] == ':' || s_[i_] == '-' || s_[i_] == '_' || s_[i_] == '.')) {
      ++i_;
    }
    return std::string(s_.substr(b, i_ - b));
  }

  Status Entity(std::string* out) {
    std::size_t e = s_.find(';', i_);
    if (e == std::string_view::npos || e - i_ > 12) return Error("bad entity");
    std::string_view ent = s_.substr(i_ + 1, e - i_ - 1);
    i_ = e + 1;
    if (ent == "lt") out->push_back('<');
    else if (ent == "gt") out->push_back('>');
    else if (ent == "amp") out->push_back('&');
    else if (ent == "quot") out->push_back('"');
    else if (ent == "apos") out->push_back('\'');
    else if (!ent.empty() && ent[0] == '#') {
      bool hex = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X');
      std::string digits(ent.substr(hex ? 2 : 1));
      if (digits.empty()) return Error("bad character reference");
      AppendUtf8(static_cast<char32_t>(std::stoul(digits, nullptr, hex ? 16 : 10)), out);
    } else {
      return Error("unknown entity");
    }
    return Status::Ok();
  }

  Status AttrValue(std::string* out) {
    if (i_ >= s_.size() || (s_[i_] != '"' && s_[i_] != '\'')) return Error("expected a quote");
    char q = s_[i_++];
    while (i_ < s_.size() && s_[i_] != q) {
      if (s_[i_] == '&') {
        GW_RETURN_IF_ERROR(Entity(out));
      } else {
        out->push_back(s_[i_++]);
      }
    }
    if (i_ >= s_.size()) return Error("unterminated attribute");
    ++i_;
    return Status::Ok();
  }

  Status Element(XmlElement* el, int depth) {
    if (depth > kMaxDepth) return Error("nesting too deep");
    ++i_;  // '<'
    el->name = Name();
    if (el->name.empty()) return Error("expected an element name");
    while (true) {
      SkipSpace();
      if (Starts("/>")) {
        i_ += 2;
        return Status::Ok();
      }
      if (Starts(">")) {
        ++i_;
        break;
      }
      std::string key = Name();
      if (key.empty()) return Error("expected an attribute");
      SkipSpace();
      if (!Starts("=")) return Error("expected '='");
      ++i_;
      SkipSpace();
      std::string value;
      GW_RETURN_IF_ERROR(AttrValue(&value));
      el->attributes.emplace_back(std::move(key), std::move(value));
    }
    return Content(el, depth);
  }

  Status Content(XmlElement* el, int depth) {
    while (i_ < s_.size()) {
      if (Starts("</")) {
        i_ += 2;
        std::string end = Name();
        if (end != el->name) return Error("mismatched end tag </" + end + ">");
        SkipSpace();
        if (!Starts(">")) return Error("expected '>'");
        ++i_;
        return Status::Ok();
      }
      if (Starts("<!--")) {
        GW_RETURN_IF_ERROR(SkipPast("-->"));
      } else if (Starts("<![CDATA[")) {
        i_ += 9;
        std::size_t e = s_.find("]]>", i_);
        if (e == std::string_view::npos) return Error("unterminated CDATA");
        el->text.append(s_.substr(i_, e - i_));
        i_ = e + 3;
      } else if (Starts("<?")) {
        GW_RETURN_IF_ERROR(SkipPast("?>"));
      } else if (Starts("<")) {
        el->children.emplace_back();
        GW_RETURN_IF_ERROR(Element(&el->children.back(), depth + 1));
      } else if (s_[i_] == '&') {
        GW_RETURN_IF_ERROR(Entity(&el->text));
      } else {
        el->text.push_back(s_[i_++]);
      }
    }
    return Error("unterminated element <" + el->name + ">");
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace

Result<XmlElement> ParseXml(std::string_view text) { return Reader(text).Run(); }

}  // namespace gw::testing
