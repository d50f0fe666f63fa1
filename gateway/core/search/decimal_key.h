// DecimalSortKey(): a text form of a decimal number whose byte-wise order is the numeric order,
// so stores can index and range-compare exact decimals without binary floating point.
//
// Layout: a sign byte ('0' negative, '1' zero, '2' positive), then for non-zero values a
// three-digit biased exponent and the significant digits (trailing zeros removed). Negative
// values complement the exponent and the digits and end with '~' so that longer (more negative)
// digit strings sort first. Equal numbers written differently ("1.5", "1.50", "15e-1") share one
// key.
// Thread safety: pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "gateway/core/fhirpath/decimal.h"

namespace gw::search {

std::string DecimalSortKey(const fhirpath::Decimal& value);
// nullopt when `text` is not a decimal Decimal::Parse accepts.
std::optional<std::string> DecimalSortKey(std::string_view text);

}  // namespace gw::search
