#include "gateway/core/fhirpath/ucum_canonical.h"

#include <vector>

#include "gateway/core/fhirpath/ucum.h"

namespace gw::fhirpath {
namespace {

// Base unit symbols in Dimension order (see ucum.h).
constexpr std::string_view kBaseSymbols[ucum::kDimensions] = {
    "m", "s", "g", "rad", "K", "C", "cd", "mol", "[iU]", "[arb'U]", "[CFU]", "[USP'U]"};

}  // namespace

std::optional<Quantity> ToUcumBaseUnits(const Decimal& value, std::string_view ucum_code) {
  std::optional<ucum::Canonical> c = ucum::Canonicalize(ucum_code);
  if (!c) return std::nullopt;
  std::optional<Decimal> base = ucum::ToBase(value, *c);
  if (!base) return std::nullopt;
  std::vector<ucum::Term> terms;
  for (int i = 0; i < ucum::kDimensions; ++i) {
    int e = c->dimension[static_cast<std::size_t>(i)];
    if (e != 0) terms.push_back({std::string(kBaseSymbols[i]), e});
  }
  std::optional<std::string> unit = ucum::FormatTerms(terms);
  if (!unit) return std::nullopt;
  return Quantity{*base, std::move(*unit)};
}

}  // namespace gw::fhirpath
