// UCUM expression syntax: terms, '.', '/', parentheses, exponents, annotations.
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/fhirpath/ucum.h"

namespace gw::fhirpath::ucum {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Characters that end a unit symbol outside square brackets.
bool IsDelimiter(char c) {
  return c == '.' || c == '/' || c == '(' || c == ')' || c == '{' || c == '}' || c == '+' ||
         c == '-' || IsDigit(c) || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

class TermParser {
 public:
  explicit TermParser(std::string_view s) : s_(s) {}

  bool ParseMain(std::vector<Term>* out) {
    if (Eat('/')) {
      if (!ParseTerm(out, -1, 0)) return false;
    } else if (!ParseTerm(out, 1, 0)) {
      return false;
    }
    return i_ == s_.size();
  }

 private:
  char Peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  bool Eat(char c) {
    if (Peek() != c) return false;
    ++i_;
    return true;
  }

  // term := component (('.' | '/') component)*
  bool ParseTerm(std::vector<Term>* out, int sign, int depth) {
    if (!ParseComponent(out, sign, depth)) return false;
    while (true) {
      if (Eat('.')) {
        if (!ParseComponent(out, sign, depth)) return false;
      } else if (Eat('/')) {
        if (!ParseComponent(out, -sign, depth)) return false;
      } else {
        return true;
      }
    }
  }

  // component := annotation | '(' term ')' | simple-unit exponent? annotation?
  bool ParseComponent(std::vector<Term>* out, int sign, int depth) {
    if (Peek() == '{') return SkipAnnotation();
    if (Eat('(')) {
      if (depth + 1 > kMaxNesting) return false;
      if (!ParseTerm(out, sign, depth + 1)) return false;
      if (!Eat(')')) return false;
      return Peek() != '{' || SkipAnnotation();
    }
    Term t;
    if (IsDigit(Peek())) {
      // An integer factor ("1000", "1") or the atom "10*" / "10^" with an exponent.
      std::size_t start = i_;
      while (IsDigit(Peek())) ++i_;
      std::string_view digits = s_.substr(start, i_ - start);
      if (digits.size() > 18) return false;
      if ((Peek() == '*' || Peek() == '^') && digits == "10") {
        ++i_;
        t.symbol = "10*";
        std::optional<int> e = ReadExponent();
        if (!e) return false;
        t.exponent = *e;
      } else {
        t.symbol = std::string(digits);
        t.exponent = 1;
      }
    } else {
      std::size_t start = i_;
      while (i_ < s_.size() && !IsDelimiter(s_[i_])) {
        if (s_[i_] == '^' || s_[i_] == '*') return false;  // only in "10*" / "10^"
        if (s_[i_] == '[') {
          while (i_ < s_.size() && s_[i_] != ']') ++i_;
          if (i_ == s_.size()) return false;
        }
        ++i_;
      }
      if (i_ == start) return false;
      t.symbol = std::string(s_.substr(start, i_ - start));
      if (IsDigit(Peek()) || Peek() == '+' || Peek() == '-') {
        std::optional<int> e = ReadExponent();
        if (!e) return false;
        t.exponent = *e;
      }
    }
    if (Peek() == '{' && !SkipAnnotation()) return false;
    if (t.symbol == "1" && t.exponent == 1) return true;  // unity
    t.exponent *= sign;
    if (out->size() >= kMaxTerms) return false;
    out->push_back(std::move(t));
    return true;
  }

  std::optional<int> ReadExponent() {
    int sign = 1;
    if (Eat('-')) {
      sign = -1;
    } else {
      Eat('+');
    }
    int v = 0;
    int n = 0;
    while (IsDigit(Peek())) {
      v = v * 10 + (Peek() - '0');
      ++i_;
      if (++n > 2) return std::nullopt;  // |exponent| <= 99
    }
    if (n == 0) return std::nullopt;
    return sign * v;
  }

  bool SkipAnnotation() {
    if (!Eat('{')) return false;
    while (i_ < s_.size() && s_[i_] != '}') {
      if (s_[i_] == '{') return false;
      ++i_;
    }
    return Eat('}');
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

bool EndsWithDigit(const std::string& s) { return !s.empty() && IsDigit(s.back()); }

bool IsInteger(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

}  // namespace

std::optional<std::vector<Term>> ParseTerms(std::string_view unit) {
  if (unit.empty() || unit.size() > kMaxUnitLength) return std::nullopt;
  std::vector<Term> out;
  TermParser p(unit);
  if (!p.ParseMain(&out)) return std::nullopt;
  for (const Term& t : out) {
    if (t.exponent > kMaxExponent || t.exponent < -kMaxExponent) return std::nullopt;
  }
  return out;
}

std::optional<std::string> FormatTerms(const std::vector<Term>& terms) {
  std::vector<Term> merged;
  for (const Term& t : terms) {
    bool found = false;
    for (Term& m : merged) {
      if (m.symbol == t.symbol) {
        m.exponent += t.exponent;
        found = true;
        break;
      }
    }
    if (!found) merged.push_back(t);
  }
  std::string num;
  std::string den;
  for (const Term& t : merged) {
    if (t.exponent == 0) continue;
    if (t.exponent > kMaxExponent || t.exponent < -kMaxExponent) return std::nullopt;
    const int mag = std::abs(t.exponent);
    std::string& target = t.exponent > 0 ? num : den;
    if (IsInteger(t.symbol)) {
      // An integer factor takes no exponent: repeat it.
      if (mag > 4) return std::nullopt;
      for (int k = 0; k < mag; ++k) {
        if (t.exponent > 0) {
          if (!num.empty()) num.push_back('.');
        } else {
          den.push_back('/');
        }
        target.append(t.symbol);
      }
      continue;
    }
    if (t.exponent > 0) {
      if (!num.empty()) num.push_back('.');
    } else {
      den.push_back('/');
    }
    if (EndsWithDigit(t.symbol)) {
      // e.g. a symbol like "m[H2O]" never ends in a digit; anything else would be ambiguous.
      if (t.symbol != "10*") return std::nullopt;
    }
    target.append(t.symbol);
    if (mag != 1 || t.symbol == "10*") target.append(std::to_string(mag));
  }
  if (num.empty() && den.empty()) return std::string("1");
  return num + den;
}

}  // namespace gw::fhirpath::ucum
