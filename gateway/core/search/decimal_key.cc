#include "gateway/core/search/decimal_key.h"

#include <cstdio>

namespace gw::search {

std::string DecimalSortKey(const fhirpath::Decimal& value) {
  if (value.is_zero()) return "1";
  unsigned __int128 m = value.is_negative() ? static_cast<unsigned __int128>(-value.mantissa())
                                            : static_cast<unsigned __int128>(value.mantissa());
  std::string digits;
  while (m != 0) {
    digits.push_back(static_cast<char>('0' + static_cast<int>(m % 10)));
    m /= 10;
  }
  std::string sig(digits.rbegin(), digits.rend());
  // value = 0.d1d2... × 10^exponent
  int exponent = static_cast<int>(sig.size()) - value.scale();
  while (!sig.empty() && sig.back() == '0') sig.pop_back();
  char head[16];
  std::string key;
  if (!value.is_negative()) {
    std::snprintf(head, sizeof head, "2%03d", exponent + 500);
    key = head;
    key += sig;
  } else {
    std::snprintf(head, sizeof head, "0%03d", 999 - (exponent + 500));
    key = head;
    for (char c : sig) key.push_back(static_cast<char>('9' - (c - '0')));
    key.push_back('~');
  }
  return key;
}

std::optional<std::string> DecimalSortKey(std::string_view text) {
  std::optional<fhirpath::Decimal> d = fhirpath::Decimal::Parse(text);
  if (!d) return std::nullopt;
  return DecimalSortKey(*d);
}

}  // namespace gw::search
