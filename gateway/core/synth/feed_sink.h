// FeedSink: where the synthetic feed generator writes, record by record.
//
// The generator calls Append() with complete lines (each ending in LF, several lines possible
// per call only for the header of a feed) and never keeps what it wrote, so memory does not
// depend on the number of members. A sink that fails (disk full) returns false; the generator
// then stops and reports kIo.
// Thread safety: the generator calls one sink from one thread.
#pragma once

#include <string_view>

namespace gw::synth {

enum class Feed {
  kMembers,         // members.csv
  kEligibility,     // eligibility.csv
  kProviders,       // providers.csv
  kCareManagement,  // care_management.ndjson
  kPriorAuth,       // prior_auth.ndjson
  kMalformed,       // malformed.json: the manifest of injected problems
};
inline constexpr int kFeedCount = 6;

// The file name of each feed inside the output folder ("members.csv", ...).
std::string_view FeedFileName(Feed feed);

class FeedSink {
 public:
  virtual ~FeedSink() = default;
  virtual bool Append(Feed feed, std::string_view text) = 0;
};

}  // namespace gw::synth
