// ToUcumBaseUnits(): a UCUM quantity expressed in the UCUM base units, the form search indexes
// compare quantities in ("5 mg/dL" → "50 g.m-3", "37 Cel" → "310.15 K").
//
// The unit is a UCUM code (not a calendar keyword). The base unit expression lists the base
// units m, s, g, rad, K, C, cd, mol, [iU], [arb'U], [CFU], [USP'U] with their exponents in that
// order, numerator first ("g.m-3", "/s", "1" when dimensionless); two units convert to the same
// expression exactly when they are commensurable. nullopt when the unit is unknown or the value
// overflows. Thread safety: pure (unit tables as in quantity.h).
#pragma once

#include <optional>
#include <string_view>

#include "gateway/core/fhirpath/decimal.h"
#include "gateway/core/fhirpath/quantity.h"

namespace gw::fhirpath {

std::optional<Quantity> ToUcumBaseUnits(const Decimal& value, std::string_view ucum_code);

}  // namespace gw::fhirpath
