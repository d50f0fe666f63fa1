// Optional-field policy: which fields of a feed may be dropped when malformed instead of
// rejecting the record, and the format checks that decide it.
//
// OptionalFieldCheck(feed, column) returns the warning code (issue_codes.h) to use when the
// field's value fails its check, or nullptr when the column is not an optional checked field.
// Checked today: members.csv medicare_mbi (MBI format), pcp_npi (NPI Luhn check digit),
// phone_home / phone_mobile (10 digits), email (local@domain, no spaces); providers.csv phone.
// FieldPasses(code, value) runs the check the code stands for.
// Mandatory fields (member_id, names, birth date, sex, ...) are never listed: their problems
// reject the record through the mapping. Pure functions; thread-safe.
#pragma once

#include <string_view>

namespace gw::ingest {

const char* OptionalFieldCheck(std::string_view feed_file, std::string_view column);
bool FieldPasses(const char* code, std::string_view value);

// The checks themselves.
bool IsMbi(std::string_view v);    // CMS MBI: 11 characters in the positional pattern
bool IsNpi(std::string_view v);    // 10 digits, Luhn check digit over the 80840 prefix
bool IsPhone10(std::string_view v);
bool IsEmail(std::string_view v);

}  // namespace gw::ingest
