// Lexer: FHIRPath text → tokens.
//
// Handles identifiers, `delimited identifiers`, 'strings' with escapes (\' \" \` \\ \/ \f \n \r
// \t \uXXXX), numbers, @date/@dateTime/@Ttime literals, %external constants (%name, %`name`,
// %'name'), $this/$index/$total, operators, // line and /* block */ comments.
// Errors: Status kInvalidArgument "syntax error at P: reason" (P = 0-based character offset).
// Thread safety: reentrant.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/base/status.h"

namespace gw::fhirpath {

enum class TokenKind : std::uint8_t {
  kEnd,
  kIdentifier,   // plain identifier, also keywords (and, or, is, ...)
  kDelimited,    // `identifier`: text is unescaped
  kString,       // text is unescaped
  kNumber,       // text as written
  kDateTime,     // text after '@' (e.g. "2014-01-05T10:30")
  kTime,         // text after "@T"
  kExternal,     // %name: text is the name (unescaped)
  kSpecial,      // $this / $index / $total: text without '$'
  kSymbol,       // operators and punctuation: text is the symbol
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;
  std::uint32_t pos = 0;
};

// Tokenizes the whole text. `max_tokens` bounds the output (kResourceExhausted beyond it).
Result<std::vector<Token>> Tokenize(std::string_view text, std::size_t max_tokens = 100'000);

// Formats "syntax error at P: reason" as an InvalidArgument status.
Status SyntaxError(std::uint32_t pos, std::string_view reason);

}  // namespace gw::fhirpath
