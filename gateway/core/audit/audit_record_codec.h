// The journal form of an AuditRecord: a compact JSON object, written when a request is answered
// and read back when the record is turned into an AuditEvent resource (audit_event.h).
//
// EncodeAuditRecord() writes every field that is set, with short keys, and a format version
// ("f": 1). DecodeAuditRecord() reads what EncodeAuditRecord() wrote and fails with
// kInvalidArgument on anything else (malformed JSON, an unknown version, interaction or level,
// a field of the wrong kind). Encode(Decode(x)) == x for every encoded x.
// The text is PHI (query, patient ids): it belongs in the protected journal, never in logs.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "gateway/core/audit/audit_event.h"
#include "gateway/core/base/status.h"

namespace gw::audit {

std::string EncodeAuditRecord(const AuditRecord& record);
Result<AuditRecord> DecodeAuditRecord(std::string_view text);

}  // namespace gw::audit
