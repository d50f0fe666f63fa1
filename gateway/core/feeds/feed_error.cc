#include "gateway/core/feeds/feed_error.h"

namespace gw::feeds {

Issue ToIssue(const FeedError& error, std::string_view feed_name, bool feed_level) {
  Issue issue;
  issue.severity = feed_level ? Severity::kFatal : Severity::kError;
  issue.code = std::string(error.code);
  issue.location = std::string(feed_name) + ":" + std::to_string(error.line);
  if (!error.column.empty()) issue.location += ":" + error.column;
  issue.message = error.detail;
  if (!error.cause.empty()) issue.message += " (" + error.cause + ")";
  return issue;
}

}  // namespace gw::feeds
