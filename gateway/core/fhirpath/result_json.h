// JSON rendering of FHIRPath results, as the CLI prints them.
//
// ResultToJson() renders a collection as [{"type":"<type>","value":<JSON>},...]: FHIR nodes with
// their FHIR type name and their JSON (null when only the primitive extension exists); System
// values as boolean/integer/decimal (exact number text)/string/date/dateTime/time (FHIR lexical
// string) and Quantity ({"value":n,"unit":"u"}).
// Thread safety: reentrant.
#pragma once

#include <string>

#include "gateway/core/fhirpath/item.h"

namespace gw::fhirpath {

std::string ResultToJson(const Collection& c);
// Appends one item's {"type":..,"value":..} object.
void AppendItemJson(const Item& item, std::string* out);

}  // namespace gw::fhirpath
