#include "gateway/core/synth/identifiers.h"

namespace gw::synth {
namespace {

constexpr char kMbiLetters[] = "ACDEFGHJKMNPQRTUVWXY";  // 20: no S, L, O, I, B, Z
constexpr char kMbiAlnum[] = "0123456789ACDEFGHJKMNPQRTUVWXY";

// Per position: 'N' digit 1-9, 'D' digit, 'A' letter, 'C' letter or digit.
constexpr char kMbiPattern[] = "NACDACDAADD";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsMbiLetter(char c) { return std::string_view(kMbiLetters).find(c) != std::string_view::npos; }

}  // namespace

int NpiCheckDigit(std::string_view first_nine) {
  if (first_nine.size() != 9) return -1;
  std::string digits = "80840";
  digits.append(first_nine);
  int sum = 0;
  // Luhn: starting from the rightmost digit of the payload, every other digit is doubled.
  bool twice = true;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (!IsDigit(*it)) return -1;
    int d = *it - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return (10 - sum % 10) % 10;
}

bool IsValidNpi(std::string_view npi) {
  if (npi.size() != 10 || !IsDigit(npi[9])) return false;
  return NpiCheckDigit(npi.substr(0, 9)) == npi[9] - '0';
}

std::string MakeNpi(std::uint64_t body) {
  std::string npi = "1";
  std::uint64_t v = body % 100000000;
  char digits[8];
  for (int i = 7; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  npi.append(digits, 8);
  npi.push_back(static_cast<char>('0' + NpiCheckDigit(npi)));
  return npi;
}

std::string MbiFromNumber(std::uint64_t n) {
  n %= kMbiSpace;
  std::string mbi(11, '0');
  for (int i = 10; i >= 0; --i) {
    switch (kMbiPattern[i]) {
      case 'N':
        mbi[i] = static_cast<char>('1' + n % 9);
        n /= 9;
        break;
      case 'D':
        mbi[i] = static_cast<char>('0' + n % 10);
        n /= 10;
        break;
      case 'A':
        mbi[i] = kMbiLetters[n % 20];
        n /= 20;
        break;
      default:
        mbi[i] = kMbiAlnum[n % 30];
        n /= 30;
        break;
    }
  }
  return mbi;
}

bool IsWellFormedMbi(std::string_view mbi) {
  if (mbi.size() != 11) return false;
  for (int i = 0; i < 11; ++i) {
    const char c = mbi[i];
    switch (kMbiPattern[i]) {
      case 'N':
        if (c < '1' || c > '9') return false;
        break;
      case 'D':
        if (!IsDigit(c)) return false;
        break;
      case 'A':
        if (!IsMbiLetter(c)) return false;
        break;
      default:
        if (!IsDigit(c) && !IsMbiLetter(c)) return false;
        break;
    }
  }
  return true;
}

}  // namespace gw::synth
