#include "gateway/core/ingest/feed_pipeline.h"

#include <utility>

#include "gateway/core/feeds/csv_reader.h"
#include "gateway/core/feeds/feed_error.h"
#include "gateway/core/feeds/ndjson_reader.h"
#include "gateway/core/ingest/issue_codes.h"
#include "gateway/core/ingest/member_join.h"
#include "gateway/core/ingest/optional_fields.h"
#include "gateway/core/mapping/issue_codes.h"

namespace gw::ingest {
namespace {

constexpr std::string_view kMembersFeed = "members";
constexpr std::string_view kEligibilityFeed = "eligibility";
constexpr std::string_view kProvidersFeed = "providers";
constexpr std::string_view kRelationshipMap = "x12-relationship";

std::string_view StringField(const json::Value& record, std::string_view name) {
  const json::Value* v = record.Find(name);
  return v != nullptr && v->is_string() ? v->string_value() : std::string_view();
}

// A later members.csv row with the member_id of the row at `first_line` (which is kept);
// located at that first row, as reader issues are ("FEED:LINE:COLUMN").
Issue DuplicateMemberIssue(std::string_view file, std::uint32_t first_line) {
  return Issue{Severity::kError, codes::kDuplicateMember,
               std::string(file) + ":" + std::to_string(first_line) + ":member_id",
               "member_id is unique: an earlier row (line " + std::to_string(first_line) +
                   ") has this member_id and is kept"};
}

Issue FromMapping(const mapping::MappingIssue& m) {
  Issue issue = m.issue;
  if (!m.field.empty()) issue.message += " (field " + m.field + ")";
  return issue;
}

}  // namespace

FeedPipeline::FeedPipeline(std::shared_ptr<const mapping::MappingEnvironment> env,
                           PipelineOptions options, IngestSink& sink)
    : env_(std::move(env)), options_(std::move(options)), sink_(sink) {
  members_.Freeze();
}

Status FeedPipeline::EmitFixed(std::string_view file, json::Value resource) {
  const json::Value* type = resource.Find("resourceType");
  if (type == nullptr || !type->is_string()) {
    return InvalidArgument(std::string(file) + ": not a FHIR resource");
  }
  mapping::MappedResource fixed{"fixed", std::string(type->string_value()), "",
                                std::move(resource)};
  std::vector<Issue> issues;
  if (!ValidateAll(std::span(&fixed, 1), &issues)) {
    return InvalidArgument(std::string(file) + ": invalid: " + issues.back().code + " at " +
                           issues.back().location);
  }
  GW_RETURN_IF_ERROR(sink_.Accept(file, 0, std::span(&fixed, 1)));
  ++summary_.written[fixed.type];
  return Status::Ok();
}

bool FeedPipeline::ValidateAll(std::span<const mapping::MappedResource> resources,
                               std::vector<Issue>* issues) const {
  if (options_.validator == nullptr) return true;
  bool ok = true;
  for (const mapping::MappedResource& r : resources) {
    IssueList found;
    if (options_.validator->Validate(r.resource, found)) continue;
    if (ok) {
      issues->push_back(Issue{Severity::kError, codes::kInvalidResource, r.type,
                              "a mapped resource is invalid against its profile"});
    }
    ok = false;
    for (const Issue& i : found.issues()) {
      if (i.severity == Severity::kError || i.severity == Severity::kFatal) issues->push_back(i);
    }
  }
  return ok;
}

json::Value FeedPipeline::CsvToJson(const mapping::MappingPlan& plan,
                                    const feeds::CsvRecord& record,
                                    std::vector<DroppedField>* dropped) const {
  std::vector<json::Member> members;
  members.reserve(record.size() + 2);
  for (std::size_t i = 0; i < record.size(); ++i) {
    const std::string_view value = record.field(i);
    if (value.empty()) continue;
    const std::string_view column = record.column_name(i);
    if (const char* code = OptionalFieldCheck(plan.file(), column);
        code != nullptr && !FieldPasses(code, value)) {
      dropped->push_back(DroppedField{plan.file(), record.line(), column, code});
      continue;
    }
    members.push_back({std::string(column), json::Value::String(std::string(value))});
  }
  return json::Value::Object(std::move(members));
}

json::Value FeedPipeline::AddProviderKinds(const json::Value& record) const {
  auto with_kind = [&](const json::Value& v) -> json::Value {
    const json::Value* npi = v.is_object() ? v.Find("npi") : nullptr;
    if (npi == nullptr || !npi->is_string() || v.Find("provider_kind") != nullptr) return v;
    const std::string_view kind = providers_.KindOf(npi->string_value());
    if (kind.empty()) return v;
    std::vector<json::Member> members(v.members().begin(), v.members().end());
    members.push_back({"provider_kind", json::Value::String(std::string(kind))});
    return json::Value::Object(std::move(members));
  };
  std::vector<json::Member> out;
  out.reserve(record.members().size());
  for (const json::Member& m : record.members()) {
    if (m.value.is_array()) {
      std::vector<json::Value> items;
      for (const json::Value& i : m.value.items()) items.push_back(with_kind(i));
      out.push_back({m.key, json::Value::Array(std::move(items))});
    } else {
      out.push_back({m.key, with_kind(m.value)});
    }
  }
  return json::Value::Object(std::move(out));
}

Status FeedPipeline::RejectRecord(FeedCounts& counts, RejectedRecord r) {
  ++counts.rejected;
  if (!r.issues.empty()) ++summary_.reject_codes[r.issues.front().code];
  return sink_.Reject(r);
}

Status FeedPipeline::HandleRecord(const mapping::MappingPlan& plan, FeedCounts& counts,
                                  std::uint32_t line, json::Value record,
                                  const std::vector<DroppedField>& dropped) {
  const bool is_members = plan.feed() == kMembersFeed;
  RejectedRecord reject{plan.file(), line, std::string(StringField(record, plan.key())), {}};

  if (!is_members) {
    if (std::optional<Issue> issue =
            JoinMember(members_, plan.feed() == kEligibilityFeed, &record)) {
      reject.issues.push_back(std::move(*issue));
      return RejectRecord(counts, std::move(reject));
    }
  } else if (!reject.key.empty()) {
    if (std::optional<std::uint32_t> first = members_.FirstLine(reject.key)) {
      reject.issues.push_back(DuplicateMemberIssue(plan.file(), *first));
      return RejectRecord(counts, std::move(reject));
    }
  }

  if (providers_.size() > 0 && plan.format() == "ndjson") record = AddProviderKinds(record);
  if (is_members) {
    const std::string_view rel = StringField(record, "relationship");
    if (!rel.empty() && env_->concept_maps.Find(kRelationshipMap, rel) == nullptr) {
      reject.issues.push_back(Issue{Severity::kError, mapping::codes::kUnknownCode,
                                    "relationship",
                                    "relationship code unknown to ConceptMap x12-relationship"});
    }
  }
  mapping::MapResult mapped = plan.Map(record);
  for (const mapping::MappingIssue& m : mapped.issues) reject.issues.push_back(FromMapping(m));
  if (reject.issues.empty()) ValidateAll(mapped.resources, &reject.issues);

  if (plan.feed() == kProvidersFeed && reject.issues.empty()) {
    providers_.Add(reject.key, StringField(record, "kind") == "organization");
  }
  if (is_members && !reject.key.empty()) {
    members_.Add(reject.key, StringField(record, "subscriber_id"),
                 StringField(record, "relationship"), line, reject.issues.empty());
  }
  if (!reject.issues.empty()) return RejectRecord(counts, std::move(reject));

  GW_RETURN_IF_ERROR(sink_.Accept(plan.file(), line, mapped.resources));
  ++counts.mapped;
  for (const mapping::MappedResource& r : mapped.resources) ++summary_.written[r.type];
  for (const DroppedField& d : dropped) {
    ++counts.warnings;
    ++summary_.dropped[std::string(d.file) + ":" + std::string(d.field) + ":" +
                       std::string(d.code)];
    GW_RETURN_IF_ERROR(sink_.Dropped(d));
  }
  return Status::Ok();
}

void FeedPipeline::Tick(std::uint64_t n) {
  if (options_.progress && options_.progress_every > 0 && n % options_.progress_every == 0) {
    options_.progress(summary_);
  }
}

// Reads every record of `reader`: a reader error rejects its record, a record goes to
// `on_record`; stops at the end of the feed or at the first failed Status.
template <typename Reader, typename OnRecord>
Status FeedPipeline::Drain(const mapping::MappingPlan& plan, Reader& reader, FeedCounts& counts,
                           OnRecord on_record) {
  for (;;) {
    auto step = reader.Next();
    if (!step.ok()) return step.status();
    if (*step == feeds::ReadStep::kEnd) return Status::Ok();
    ++counts.read;
    Status status;
    if (*step == feeds::ReadStep::kError) {
      RejectedRecord r{plan.file(), reader.error().line, "", {}};
      r.issues.push_back(feeds::ToIssue(reader.error(), plan.file()));
      status = RejectRecord(counts, std::move(r));
    } else {
      status = on_record();
    }
    if (!status.ok()) return status;
    Tick(counts.read);
  }
}

Status FeedPipeline::RunFeed(const mapping::MappingPlan& plan, feeds::ChunkSource& source) {
  FeedCounts& counts = summary_.feeds[plan.file()];
  const bool is_members = plan.feed() == kMembersFeed;
  Status status;
  if (plan.format() == "csv") {
    feeds::CsvReader reader(source, options_.limits);
    std::vector<DroppedField> dropped;
    status = Drain(plan, reader, counts, [&] {
      dropped.clear();
      json::Value record = CsvToJson(plan, reader.record(), &dropped);
      return HandleRecord(plan, counts, reader.record().line(), std::move(record), dropped);
    });
  } else {
    feeds::NdjsonReader reader(source, options_.limits);
    status = Drain(plan, reader, counts, [&] {
      return HandleRecord(plan, counts, reader.record().line, std::move(reader.record().value),
                          {});
    });
  }
  if (plan.feed() == kProvidersFeed) providers_.Freeze();
  if (is_members) members_.Freeze();
  if (options_.progress) options_.progress(summary_);
  return status;
}

}  // namespace gw::ingest
