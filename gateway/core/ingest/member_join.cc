#include "gateway/core/ingest/member_join.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gateway/core/ingest/issue_codes.h"

namespace gw::ingest {
namespace {

Issue JoinIssue(const char* code, const char* location, const char* message) {
  return Issue{Severity::kError, code, location, message};
}

// The subscriber's issue, or nullopt when `subscriber` is a member whose row was accepted.
std::optional<Issue> SubscriberIssue(const MemberIndex& members, std::string_view subscriber) {
  std::optional<MemberInfo> info = members.Find(subscriber);
  if (!info) {
    return JoinIssue(codes::kUnknownSubscriber, "subscriber_id",
                     "no member of members.csv is the member's subscriber");
  }
  if (!info->accepted) {
    return JoinIssue(codes::kSubscriberRejected, "subscriber_id",
                     "the subscriber's own row in members.csv was rejected");
  }
  return std::nullopt;
}

// `record` with `key` added when the record has no such field and `value` is not empty.
void AddField(json::Value* record, std::string_view key, const std::string& value) {
  if (value.empty() || record->Find(key) != nullptr) return;
  std::vector<json::Member> joined(record->members().begin(), record->members().end());
  joined.push_back({std::string(key), json::Value::String(value)});
  *record = json::Value::Object(std::move(joined));
}

}  // namespace

std::optional<Issue> JoinMember(const MemberIndex& members, bool coverage, json::Value* record) {
  const json::Value* mid = record->Find("member_id");
  if (mid == nullptr || mid->is_null()) return std::nullopt;
  std::optional<MemberInfo> member =
      mid->is_string() ? members.Find(mid->string_value()) : std::nullopt;
  if (!member) {
    return JoinIssue(codes::kUnknownMember, "member_id",
                     "no member of members.csv has this member_id");
  }
  if (!member->accepted) {
    return JoinIssue(codes::kMemberRejected, "member_id",
                     "the member's own row in members.csv was rejected");
  }
  if (!coverage) return std::nullopt;
  const std::string member_id(mid->string_value());
  AddField(record, "subscriber_id", member->subscriber_id);
  AddField(record, "relationship", member->relationship);
  const json::Value* subscriber = record->Find("subscriber_id");
  if (subscriber == nullptr || !subscriber->is_string() || subscriber->string_value().empty() ||
      subscriber->string_value() == member_id) {
    return std::nullopt;
  }
  return SubscriberIssue(members, subscriber->string_value());
}

}  // namespace gw::ingest
