// GenerateFeeds: deterministic synthetic feeds of the plan in the formats of
// ../shared/internal-feeds/FORMATS.md, for mapping tests and benchmarks.
//
// Writes providers.csv, members.csv, eligibility.csv, care_management.ndjson,
// prior_auth.ndjson and the malformed.json manifest to a FeedSink, record by record. The output
// is a pure function of SynthOptions: the same options give byte-identical feeds on any
// platform (own PRNG, own range reduction, no floating-point formatting, no clock: "today" is
// kSynthToday). Memory does not depend on `members`.
//
// What is generated:
//   - exactly `members` members in families (subscriber 18 suffix 00, spouse 01, children 19,
//     wards 15, others G8; member_id = "MMM" + 9-digit stem + 2-digit suffix), about 5%
//     living stateside;
//   - 1-3 eligibility spans per member; Medicare lines carry an MBI, MEDICAID/DSNP a Medicaid
//     number; pcp_npi/ipa_code come from the provider directory;
//   - a care-management case for about 10% and a prior-authorization case for about 15% of
//     members; every NPI anywhere is a row of providers.csv.
//   - with malformed_rate > 0, a record is spoiled with that probability (members, eligibility,
//     care management, prior auth; providers stay clean). Kinds (stable codes):
//       bad-date        a date that is not a calendar date or not in the feed's form
//       unknown-code    a code outside the enumeration (sex X, relationship 99, ...)
//       unknown-member  an extra record whose member_id belongs to no member
//       bad-utf8        a name whose bytes are not UTF-8 (Latin-1 letters; members.csv)
//       missing-column  a CSV row with one column left out
//     Every spoiled record is one entry of malformed.json:
//       {"seed":S,"members":N,"malformed_rate":"R","problems":[
//        {"file":"members.csv","line":L,"kind":"bad-date","key":"MMM..."}, ...]}
//     with one problem per line; `line` is the 1-based physical line (header = line 1; no
//     generated record spans lines), `key` the record's own key (member_id, span_id, case_id,
//     case_number). All other records are valid per FORMATS.md; in particular the spans and
//     cases of a member whose members.csv row is spoiled are NOT listed (their member_id is
//     in members.csv). unknown-member records are extra lines (the member's own records stay)
//     with member stems from 900000000 and keys from their own ranges (EL-90000001...,
//     CM-2026-900001..., UM-26-9000001...), so clean records keep the same keys and content
//     at any rate (defects are drawn from a separate random stream).
//   Conventions the formats leave open: a cancelled prior-auth case has a decision with
//   auth_number null and no lines; a cancelled eligibility span (status C) has
//   termination_date equal to effective_date (2027-01-01); denied lines have
//   approved_quantity 0 and null validity dates.
// Errors: kInvalidArgument for bad options (members 0, rate outside [0, 1]); kIo when the
// sink refuses a write. Thread safety: reentrant; the sink is used from the calling thread.
#pragma once

#include <cstdint>
#include <string>

#include "gateway/core/base/status.h"
#include "gateway/core/synth/feed_sink.h"

namespace gw::synth {

struct SynthOptions {
  std::uint64_t members = 1000;
  std::uint64_t seed = 1;
  double malformed_rate = 0.001;
  // The rate as the user wrote it, echoed into malformed.json (no float formatting).
  std::string malformed_rate_text = "0.001";
};

struct SynthSummary {
  std::uint64_t members = 0;
  std::uint64_t families = 0;
  std::uint64_t eligibility_spans = 0;
  std::uint64_t providers = 0;
  std::uint64_t care_cases = 0;
  std::uint64_t prior_auth_cases = 0;
  std::uint64_t malformed = 0;
};

// "Today" of the synthetic world: 2026-11-30 (days since 1970-01-01).
std::int64_t SynthToday();

Result<SynthSummary> GenerateFeeds(const SynthOptions& options, FeedSink& sink);

}  // namespace gw::synth
