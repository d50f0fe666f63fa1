// JoinMember: step 3 of the FeedPipeline — a record of a feed other than members.csv joined
// with the MemberIndex of members.csv on its member_id, so that every Patient reference the
// mapping makes from it resolves to a Patient that was written:
//   - a record without member_id (absent or null) is left as it is;
//   - a member_id of no member of members.csv → ingest-unknown-member; of a member whose own
//     row was rejected → ingest-member-rejected (location "member_id");
//   - with `coverage` (eligibility.csv, mapped to Coverage): the member's subscriber_id and
//     relationship are added to the record (unless it has its own), and the subscriber that
//     Coverage.subscriber then references must itself be a member whose row was accepted:
//     otherwise ingest-unknown-subscriber / ingest-subscriber-rejected (location
//     "subscriber_id"). A subscriber (subscriber_id = member_id) is checked once, as member.
// Returns the issue that rejects the record (severity error, code from issue_codes.h; the
// message names no id), or nullopt when the record may be mapped. `members` must be frozen.
// Pure; thread-safe for distinct records.
#pragma once

#include <optional>

#include "gateway/core/base/issue.h"
#include "gateway/core/ingest/member_index.h"
#include "gateway/core/json/value.h"

namespace gw::ingest {

std::optional<Issue> JoinMember(const MemberIndex& members, bool coverage, json::Value* record);

}  // namespace gw::ingest
