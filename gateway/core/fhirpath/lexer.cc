#include "gateway/core/fhirpath/lexer.h"

#include <cctype>

namespace gw::fhirpath {

Status SyntaxError(std::uint32_t pos, std::string_view reason) {
  return InvalidArgument("syntax error at " + std::to_string(pos) + ": " + std::string(reason));
}

namespace {

bool IsIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

void AppendUtf8(std::uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

class Lexer {
 public:
  Lexer(std::string_view text, std::size_t max_tokens) : s_(text), max_tokens_(max_tokens) {}

  Result<std::vector<Token>> Run() {
    std::vector<Token> out;
    while (true) {
      GW_RETURN_IF_ERROR(SkipSpaceAndComments());
      if (out.size() >= max_tokens_) return ResourceExhausted("expression has too many tokens");
      Token t;
      t.pos = static_cast<std::uint32_t>(i_);
      if (i_ >= s_.size()) {
        out.push_back(std::move(t));
        return out;
      }
      GW_RETURN_IF_ERROR(Next(&t));
      out.push_back(std::move(t));
    }
  }

 private:
  char Peek(std::size_t k = 0) const { return i_ + k < s_.size() ? s_[i_ + k] : '\0'; }

  Status SkipSpaceAndComments() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f') {
        ++i_;
      } else if (c == '/' && Peek(1) == '/') {
        while (i_ < s_.size() && s_[i_] != '\n') ++i_;
      } else if (c == '/' && Peek(1) == '*') {
        std::size_t start = i_;
        std::size_t end = s_.find("*/", i_ + 2);
        if (end == std::string_view::npos) {
          return SyntaxError(static_cast<std::uint32_t>(start), "unterminated comment");
        }
        i_ = end + 2;
      } else {
        break;
      }
    }
    return Status::Ok();
  }

  Status Next(Token* t) {
    char c = s_[i_];
    if (IsIdentStart(c)) {
      std::size_t b = i_;
      while (i_ < s_.size() && IsIdentChar(s_[i_])) ++i_;
      t->kind = TokenKind::kIdentifier;
      t->text = std::string(s_.substr(b, i_ - b));
      return Status::Ok();
    }
    if (IsDigit(c)) return Number(t);
    if (c == '\'' || c == '`') {
      t->kind = c == '\'' ? TokenKind::kString : TokenKind::kDelimited;
      return Quoted(c, &t->text);
    }
    if (c == '@') return DateTime(t);
    if (c == '%') return External(t);
    if (c == '$') {
      std::size_t b = ++i_;
      while (i_ < s_.size() && IsIdentChar(s_[i_])) ++i_;
      t->kind = TokenKind::kSpecial;
      t->text = std::string(s_.substr(b, i_ - b));
      if (t->text != "this" && t->text != "index" && t->text != "total") {
        return SyntaxError(t->pos, "unknown special variable $" + t->text);
      }
      return Status::Ok();
    }
    return Symbol(t);
  }

  Status Number(Token* t) {
    std::size_t b = i_;
    while (IsDigit(Peek())) ++i_;
    if (Peek() == '.' && IsDigit(Peek(1))) {
      ++i_;
      while (IsDigit(Peek())) ++i_;
    }
    t->kind = TokenKind::kNumber;
    t->text = std::string(s_.substr(b, i_ - b));
    if (Peek() == 'L' && !IsIdentChar(Peek(1))) ++i_;  // long literal suffix
    return Status::Ok();
  }

  Status Quoted(char q, std::string* out) {
    std::uint32_t start = static_cast<std::uint32_t>(i_);
    ++i_;
    while (true) {
      if (i_ >= s_.size()) return SyntaxError(start, "unterminated string or identifier");
      char c = s_[i_++];
      if (c == q) return Status::Ok();
      if (c != '\\') {
        out->push_back(c);
        continue;
      }
      if (i_ >= s_.size()) return SyntaxError(start, "unterminated escape");
      char e = s_[i_++];
      switch (e) {
        case '\'': case '"': case '`': case '\\': case '/': out->push_back(e); break;
        case 'f': out->push_back('\f'); break;
        case 'n': out->push_back('\n'); break;
        case 'r': out->push_back('\r'); break;
        case 't': out->push_back('\t'); break;
        case 'u': {
          if (i_ + 4 > s_.size()) return SyntaxError(start, "bad \\u escape");
          std::uint32_t cp = 0;
          for (int k = 0; k < 4; ++k) {
            char h = s_[i_++];
            if (!std::isxdigit(static_cast<unsigned char>(h))) {
              return SyntaxError(start, "bad \\u escape");
            }
            cp = cp * 16 + (IsDigit(h) ? h - '0' : (std::tolower(h) - 'a' + 10));
          }
          AppendUtf8(cp, out);
          break;
        }
        default: return SyntaxError(static_cast<std::uint32_t>(i_ - 2), "bad escape sequence");
      }
    }
  }

  // Consumes the characters of a date/time literal body: digits and - : . T Z + (greedy).
  Status DateTime(Token* t) {
    ++i_;
    bool time_only = Peek() == 'T';
    if (time_only) ++i_;
    std::size_t b = i_;
    if (!IsDigit(Peek())) return SyntaxError(t->pos, "bad date/time literal");
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (IsDigit(c) || c == '-' || c == ':' || c == 'T' || c == 'Z' || c == '+') {
        ++i_;
      } else if (c == '.' && IsDigit(Peek(1))) {
        ++i_;
      } else {
        break;
      }
    }
    t->kind = time_only ? TokenKind::kTime : TokenKind::kDateTime;
    t->text = std::string(s_.substr(b, i_ - b));
    return Status::Ok();
  }

  Status External(Token* t) {
    ++i_;
    t->kind = TokenKind::kExternal;
    char c = Peek();
    if (c == '`' || c == '\'') return Quoted(c, &t->text);
    if (!IsIdentStart(c)) return SyntaxError(t->pos, "bad external constant");
    std::size_t b = i_;
    while (i_ < s_.size() && (IsIdentChar(s_[i_]) || s_[i_] == '-')) ++i_;
    t->text = std::string(s_.substr(b, i_ - b));
    return Status::Ok();
  }

  Status Symbol(Token* t) {
    static constexpr std::string_view kTwo[] = {"!=", "!~", "<=", ">="};
    for (std::string_view two : kTwo) {
      if (s_.substr(i_, 2) == two) {
        i_ += 2;
        t->kind = TokenKind::kSymbol;
        t->text = std::string(two);
        return Status::Ok();
      }
    }
    char c = s_[i_];
    static constexpr std::string_view kOne = ".,()[]{}+-*/&|=~<>";
    if (kOne.find(c) == std::string_view::npos) {
      return SyntaxError(t->pos, std::string("unexpected character '") + c + "'");
    }
    ++i_;
    t->kind = TokenKind::kSymbol;
    t->text = std::string(1, c);
    return Status::Ok();
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::size_t max_tokens_;
};

}  // namespace

Result<std::vector<Token>> Tokenize(std::string_view text, std::size_t max_tokens) {
  return Lexer(text, max_tokens).Run();
}

}  // namespace gw::fhirpath
