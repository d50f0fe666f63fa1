// Attachment consistency rules (FHIR R4 Attachment).
//
// CheckAttachment reports, for the Attachment `attachment` located at `location`:
// - "attachment-size-mismatch" (error, at `location`) when both `size` and base64 `data` are
//   present and `size` differs from the number of bytes `data` decodes to.
// (Example URLs in Attachment.url are reported by the validator's check of every url value.)
// Work is linear in the length of `data`; nothing is decoded or allocated for it.
// Thread safety: pure functions; `sink` is only written.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "gateway/core/base/issue.h"
#include "gateway/core/json/value.h"

namespace gw::validation {

// Number of bytes the base64 text decodes to (whitespace ignored); nullopt when not base64.
std::optional<std::size_t> Base64DecodedSize(std::string_view text);

// True when `url`'s host is a reserved example domain or one of its subdomains.
bool IsExampleUrl(std::string_view url);

void CheckAttachment(const json::Value& attachment, std::string_view location, IssueSink& sink);

}  // namespace gw::validation
