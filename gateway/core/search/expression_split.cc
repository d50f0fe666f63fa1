#include "gateway/core/search/expression_split.h"

#include <cctype>

namespace gw::search {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Index just past the literal that starts at `i` with `quote` ('\'' or '`'), honouring
// backslash escapes; s.size() when unterminated.
std::size_t SkipQuoted(std::string_view s, std::size_t i, char quote) {
  for (std::size_t k = i + 1; k < s.size(); ++k) {
    if (s[k] == '\\') {
      ++k;
    } else if (s[k] == quote) {
      return k + 1;
    }
  }
  return s.size();
}

// Position of the top-level " as " in `s` (outside brackets and literals), or npos.
std::size_t FindTopLevelAs(std::string_view s) {
  int depth = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '\'' || c == '`') {
      i = SkipQuoted(s, i, c);
      continue;
    }
    if (c == '(' || c == '[' || c == '{') ++depth;
    if ((c == ')' || c == ']' || c == '}') && depth > 0) --depth;
    if (depth == 0 && s.substr(i, 4) == " as ") return i;
    ++i;
  }
  return std::string_view::npos;
}

// Index of the ')' closing the '(' at s[0], or npos.
std::size_t MatchingParen(std::string_view s) {
  int depth = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '\'' || c == '`') {
      i = SkipQuoted(s, i, c);
      continue;
    }
    if (c == '(') ++depth;
    if (c == ')' && --depth == 0) return i;
    ++i;
  }
  return std::string_view::npos;
}

bool IsTypeName(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_') return false;
  }
  return true;
}

// "left as T" → "left.ofType(T)" when `s` is exactly that; otherwise `s` unchanged.
std::string CastExpression(std::string_view s) {
  std::size_t as = FindTopLevelAs(s);
  if (as == std::string_view::npos) return std::string(s);
  std::string_view type = Trim(s.substr(as + 4));
  if (!IsTypeName(type)) return std::string(s);
  return std::string(Trim(s.substr(0, as))) + ".ofType(" + std::string(type) + ")";
}

}  // namespace

std::string CastsAsFilters(std::string_view branch) {
  std::string out;
  std::string_view b = Trim(branch);
  if (!b.empty() && b[0] == '(') {
    std::size_t close = MatchingParen(b);
    if (close != std::string_view::npos) {
      std::string inner = CastExpression(b.substr(1, close - 1));
      std::string_view rest = b.substr(close + 1);
      out = inner == b.substr(1, close - 1) ? std::string(b) : inner + std::string(rest);
    } else {
      out = std::string(b);
    }
  } else {
    out = CastExpression(b);
  }
  for (std::size_t pos = out.find(".as("); pos != std::string::npos; pos = out.find(".as(", pos)) {
    out.replace(pos, 4, ".ofType(");
  }
  return out;
}

std::vector<std::string_view> SplitTopLevelUnion(std::string_view expression) {
  std::vector<std::string_view> out;
  int depth = 0;
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < expression.size()) {
    char c = expression[i];
    if (c == '\'' || c == '`') {
      i = SkipQuoted(expression, i, c);
      continue;
    }
    if (c == '(' || c == '[' || c == '{') ++depth;
    if ((c == ')' || c == ']' || c == '}') && depth > 0) --depth;
    if (c == '|' && depth == 0) {
      out.push_back(Trim(expression.substr(start, i - start)));
      start = i + 1;
    }
    ++i;
  }
  out.push_back(Trim(expression.substr(start)));
  return out;
}

std::string_view LeadingIdentifier(std::string_view branch) {
  std::size_t i = 0;
  while (i < branch.size() &&
         (branch[i] == '(' || std::isspace(static_cast<unsigned char>(branch[i])))) {
    ++i;
  }
  std::size_t start = i;
  while (i < branch.size() &&
         (std::isalnum(static_cast<unsigned char>(branch[i])) || branch[i] == '_')) {
    ++i;
  }
  if (i == start || std::isdigit(static_cast<unsigned char>(branch[start]))) return {};
  return branch.substr(start, i - start);
}

std::string RestrictToType(std::string_view expression, std::string_view resource_type,
                           const std::function<bool(std::string_view)>& is_resource_type,
                           const std::function<bool(std::string_view)>& is_ancestor_type) {
  std::string out;
  for (std::string_view branch : SplitTopLevelUnion(expression)) {
    if (branch.empty()) continue;
    std::string_view head = LeadingIdentifier(branch);
    bool applies = head == resource_type || !is_resource_type(head) || is_ancestor_type(head);
    if (!applies) continue;
    if (!out.empty()) out += " | ";
    out += CastsAsFilters(branch);
  }
  return out;
}

}  // namespace gw::search
