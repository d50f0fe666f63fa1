#include "gateway/core/search/string_normalize.h"

#include <cstdint>

#include "gateway/core/base/utf8.h"

namespace gw::search {
namespace {

// Base letters of U+00C0..U+017F, one per code point; '*' marks the code points handled by
// MultiLetter() (or kept as they are: × and ÷).
constexpr std::string_view kLatinFold =
    "aaaaaa*ceeeeiiiidnooooo*ouuuuy**"  // U+00C0..U+00DF
    "aaaaaa*ceeeeiiiidnooooo*ouuuuy*y"  // U+00E0..U+00FF
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkkllllllllllnnnnnnnnn"
    "oooooo**rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";  // U+0100..U+017F
static_assert(kLatinFold.size() == 0x180 - 0xC0);

const char* MultiLetter(std::uint32_t cp) {
  switch (cp) {
    case 0xC6:
    case 0xE6:
      return "ae";
    case 0xDE:
    case 0xFE:
      return "th";
    case 0xDF:
      return "ss";
    case 0x132:
    case 0x133:
      return "ij";
    case 0x152:
    case 0x153:
      return "oe";
    default:
      return nullptr;
  }
}

// Decodes one UTF-8 sequence at `s[i]`; returns its length (0 when invalid).
std::size_t Decode(std::string_view s, std::size_t i, std::uint32_t* cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t len = b0 < 0x80           ? 1
                    : (b0 >> 5) == 0x6  ? 2
                    : (b0 >> 4) == 0xE  ? 3
                    : (b0 >> 3) == 0x1E ? 4
                                        : 0;
  if (len == 0 || i + len > s.size()) return 0;
  std::uint32_t v = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    v = (v << 6) | (b & 0x3F);
  }
  *cp = v;
  return len;
}

// Lower case of the basic Greek and Cyrillic capitals; other code points unchanged.
std::uint32_t LowerOther(std::uint32_t cp) {
  if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return cp + 0x20;  // Greek
  if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;                 // Cyrillic А..Я
  if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;                 // Cyrillic Ѐ..Џ
  return cp;
}

}  // namespace

std::string NormalizeString(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      out.push_back(b >= 'A' && b <= 'Z' ? static_cast<char>(b + 32) : static_cast<char>(b));
      ++i;
      continue;
    }
    std::uint32_t cp = 0;
    std::size_t len = Decode(text, i, &cp);
    if (len == 0) {  // not UTF-8: copy the byte
      out.push_back(text[i]);
      ++i;
      continue;
    }
    i += len;
    if (cp >= 0x300 && cp <= 0x36F) continue;  // combining diacritical marks
    if (cp >= 0xC0 && cp < 0x180) {
      char folded = kLatinFold[cp - 0xC0];
      if (folded != '*') {
        out.push_back(folded);
        continue;
      }
      if (const char* multi = MultiLetter(cp)) {
        out += multi;
        continue;
      }
    }
    AppendUtf8(LowerOther(cp), &out);
  }
  return out;
}

}  // namespace gw::search
