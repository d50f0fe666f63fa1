// CheckNarrativeXhtml(): the FHIR narrative rule behind FHIRPath htmlChecks() (txt-1).
//
// Accepts a <div> in the XHTML namespace containing only the basic HTML formatting elements
// (p, b, i, span, table, ul, a, img, h1-h6, ...) and their plain attributes. Rejects other
// elements (script, style, object, form, iframe, ...), event attributes (on*), javascript: URLs,
// processing instructions, DOCTYPEs, entities other than XML's five and character references,
// and malformed markup (unbalanced or unterminated tags).
// Returns true when the text passes. Never recurses; linear in the input size.
// Thread safety: reentrant.
#pragma once

#include <string_view>

namespace gw::fhirpath {

bool CheckNarrativeXhtml(std::string_view xhtml);

}  // namespace gw::fhirpath
