// FeedPipeline: the feed → FHIR pipeline for one run, in the core (no files: the caller hands
// each feed in as a ChunkSource, and an IngestSink receives the results).
//
// For each record of a feed (streamed by CsvReader/NdjsonReader, one record in memory):
//   1. a record the reader skipped is rejected with the reader's issue (csv-invalid-utf8,
//      ndjson-truncated-line ...), located "FEED:LINE[:COLUMN]";
//   2. CSV fields: a malformed OPTIONAL field (optional_fields.h) is dropped from the record
//      and reported as a DroppedField warning; the record goes on;
//   3. a record with a member_id (other than members.csv) is joined with the MemberIndex
//      (member_join.h): a member that does not exist → ingest-unknown-member, a member whose
//      row was rejected → ingest-member-rejected (location "member_id"); eligibility records
//      get the member's subscriber_id and relationship added (Coverage.subscriber,
//      subscriberId, relationship), and are rejected when that subscriber does not exist or
//      its row was rejected (ingest-unknown-subscriber / ingest-subscriber-rejected);
//   3a. members.csv: a row whose member_id an earlier row already had is rejected,
//      ingest-duplicate-member located "members.csv:FIRST_LINE:member_id"; the first row is
//      the member;
//   3b. every object of the record (top level, or an item of a top-level array) that holds an
//      "npi" gets "provider_kind" ("individual"/"organization") from providers.csv, when
//      known, so mappings can reference a Practitioner or an Organization;
//   4. members.csv: the relationship code must be known to the x12-relationship ConceptMap
//      (mapping-unknown-code, location "relationship"), as Coverage depends on it;
//   5. MappingPlan::Map (mapping issues, location the template path, the field in the message);
//   6. every resource is validated (base R4 + its meta.profile: the plan profile, which derives
//      from US Core / PAS); any error rejects the whole record: ingest-invalid-resource then
//      the validator's errors;
//   7. accepted records go to IngestSink::Accept (all their resources at once).
// A record is either accepted whole or rejected whole; counts balance (read = mapped +
// rejected) per feed. RunFeed() of members.csv builds the MemberIndex and freezes it at the
// end, so members.csv must run before the feeds that join on it (a run without members.csv
// rejects those records as unknown members); providers.csv likewise runs before the feeds
// that name NPIs.
// Errors: a non-OK Status from the source, a feed-level reader problem (bad header) or the
// sink; the summary keeps the counts so far.
// Memory: one record at a time plus the MemberIndex (member_index.h).
// Thread safety: one thread; the environment, plans and validator must outlive the pipeline.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/base/status.h"
#include "gateway/core/feeds/chunk_source.h"
#include "gateway/core/feeds/csv_record.h"
#include "gateway/core/feeds/feed_limits.h"
#include "gateway/core/ingest/ingest_sink.h"
#include "gateway/core/ingest/ingest_summary.h"
#include "gateway/core/ingest/member_index.h"
#include "gateway/core/ingest/provider_index.h"
#include "gateway/core/json/value.h"
#include "gateway/core/mapping/mapping_plan.h"
#include "gateway/core/validation/validator.h"

namespace gw::ingest {

struct PipelineOptions {
  const validation::Validator* validator = nullptr;  // null: no profile validation
  feeds::FeedLimits limits;
  // Called after every `progress_every` records of a feed (and at its end) with the summary.
  std::function<void(const IngestSummary&)> progress;
  std::uint64_t progress_every = 10000;
};

class FeedPipeline {
 public:
  FeedPipeline(std::shared_ptr<const mapping::MappingEnvironment> env, PipelineOptions options,
               IngestSink& sink);

  // Emits a fixed resource (the plan Organization) once, validated like mapped ones; its
  // errors are returned as kInvalidArgument (a broken fixed file is a deployment problem).
  Status EmitFixed(std::string_view file, json::Value resource);

  // Streams one feed through the pipeline; plan.file() names it in the summary and rejects.
  Status RunFeed(const mapping::MappingPlan& plan, feeds::ChunkSource& source);

  const IngestSummary& summary() const { return summary_; }
  const MemberIndex& members() const { return members_; }

 private:
  Status HandleRecord(const mapping::MappingPlan& plan, FeedCounts& counts, std::uint32_t line,
                      json::Value record, const std::vector<DroppedField>& dropped);
  Status RejectRecord(FeedCounts& counts, RejectedRecord r);
  template <typename Reader, typename OnRecord>
  Status Drain(const mapping::MappingPlan& plan, Reader& reader, FeedCounts& counts,
               OnRecord on_record);
  bool ValidateAll(std::span<const mapping::MappedResource> resources,
                   std::vector<Issue>* issues) const;
  json::Value CsvToJson(const mapping::MappingPlan& plan, const feeds::CsvRecord& record,
                        std::vector<DroppedField>* dropped) const;
  void Tick(std::uint64_t n);

  std::shared_ptr<const mapping::MappingEnvironment> env_;
  PipelineOptions options_;
  IngestSink& sink_;
  IngestSummary summary_;
  json::Value AddProviderKinds(const json::Value& record) const;

  MemberIndex members_;
  ProviderIndex providers_;
};

}  // namespace gw::ingest
