// Stable codes of the feed → FHIR pipeline's own findings (tests assert these, never message
// text). Reader codes (gateway/core/feeds/issue_codes.h), mapping codes
// (gateway/core/mapping/issue_codes.h) and validation codes pass through unchanged.
#pragma once

namespace gw::ingest::codes {

// Rejects: the record's member_id names no member of members.csv (or no members.csv was read),
// or names a member whose own row was rejected by the mapping or the validation.
inline constexpr char kUnknownMember[] = "ingest-unknown-member";
inline constexpr char kMemberRejected[] = "ingest-member-rejected";
// Rejects of eligibility.csv: the subscriber its Coverage references (the member's
// subscriber_id in members.csv) is no member of members.csv, or a member whose own row was
// rejected; location "subscriber_id".
inline constexpr char kUnknownSubscriber[] = "ingest-unknown-subscriber";
inline constexpr char kSubscriberRejected[] = "ingest-subscriber-rejected";
// Reject of members.csv: a later row with the member_id of an earlier row (member_id is
// unique); the earlier row is kept, and the issue is located at it: "members.csv:LINE:member_id".
inline constexpr char kDuplicateMember[] = "ingest-duplicate-member";
// Reject: a resource the mapping produced is invalid against its plan profile (the validator's
// own issues follow this one in the OperationOutcome).
inline constexpr char kInvalidResource[] = "ingest-invalid-resource";

// Warnings: a malformed OPTIONAL field was dropped and the record kept.
inline constexpr char kInvalidMbi[] = "ingest-invalid-mbi";
inline constexpr char kInvalidNpi[] = "ingest-invalid-npi";
inline constexpr char kInvalidPhone[] = "ingest-invalid-phone";
inline constexpr char kInvalidEmail[] = "ingest-invalid-email";

}  // namespace gw::ingest::codes
