// MIME types (urn:ietf:bcp:13), checked by syntax only (RFC 6838 / RFC 2045).
//
// IsPlausibleMimeType("application/fhir+json; charset=UTF-8") is true: a type and a subtype of
// restricted-name characters (a letter or digit, then letters, digits and ! # $ & - ^ _ . +,
// at most 127 each), optionally followed by parameters `; name=value` (value a quoted string, or
// unquoted printable characters other than ';', read leniently as published FHIR content does). No registry is consulted: "foo/bar" is plausible.
// Thread safety: pure function.
#pragma once

#include <string_view>

namespace gw::terminology {

bool IsPlausibleMimeType(std::string_view text);

}  // namespace gw::terminology
