// NormalizeString(): the form string search parameters compare in: lower case with accents and
// other diacritical marks removed, so "Élodie" and "elodie" index and search alike.
//
// Folding covers ASCII, Latin-1 Supplement and Latin Extended-A letters (to their base letters;
// ß → "ss", æ → "ae", œ → "oe", þ → "th", ĳ → "ij"), drops combining marks U+0300–U+036F, and
// lower-cases the basic Greek and Cyrillic capitals. Every other character (and any byte that is
// not valid UTF-8) is copied unchanged. Whitespace is kept as written.
// The same function must be applied to indexed values and to search values.
// Thread safety: pure.
#pragma once

#include <string>
#include <string_view>

namespace gw::search {

std::string NormalizeString(std::string_view text);

}  // namespace gw::search
