// The plan's identifier formats, generated and checked.
//
//   NPI   10 digits; the 10th is the Luhn check digit computed over "80840" + the first nine.
//   MBI   Medicare Beneficiary Identifier, 11 characters by position (CMS format):
//         1 digit 1-9; 2,5,8,9 letter; 3,6 letter or digit; 4,7,10,11 digit; letters exclude
//         S, L, O, I, B and Z.
//   MbiFromNumber maps n in [0, kMbiSpace) one-to-one onto MBIs, so distinct numbers give
//   distinct identifiers.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gw::synth {

// Check digit for nine NPI digits (0..9), or -1 if `first_nine` is not nine ASCII digits.
int NpiCheckDigit(std::string_view first_nine);
bool IsValidNpi(std::string_view npi);
// The NPI whose first nine digits are "1" followed by `body` (mod 10^8) as eight digits.
std::string MakeNpi(std::uint64_t body);

inline constexpr std::uint64_t kMbiSpace = 9ull * 20 * 30 * 10 * 20 * 30 * 10 * 20 * 20 * 10 * 10;
std::string MbiFromNumber(std::uint64_t n);  // n is taken mod kMbiSpace
bool IsWellFormedMbi(std::string_view mbi);

}  // namespace gw::synth
