// StoreIngestSink: the IngestSink of `fhir-gateway load` — writes the accepted resources into a
// ResourceStore as transaction batches (about `batch_records` records per transaction; a
// record's resources are never split between two transactions).
// Idempotent: before writing, each resource is compared with its current stored version
// ignoring meta.versionId and meta.lastUpdated (member order too); an equal one is skipped, so
// loading the same feeds again creates no version, and a changed row creates exactly one new
// version of each resource it changes. Ids are the mapping's (update with create).
// Rejected records are counted (and passed on to `rejects`, when given, e.g. an
// NdjsonOutputSink). Errors: the store's Status, or kInternal when a transaction was not
// committed. Call Flush() at the end. Thread safety: one thread.
#pragma once

#include <cstdint>
#include <vector>

#include "gateway/core/ingest/ingest_sink.h"
#include "gateway/ports/resource_store.h"

namespace gw::app {

struct StoreLoadCounts {
  std::uint64_t created = 0;
  std::uint64_t updated = 0;
  std::uint64_t unchanged = 0;
  std::uint64_t transactions = 0;
};

class StoreIngestSink final : public ingest::IngestSink {
 public:
  explicit StoreIngestSink(ports::ResourceStore& store, ingest::IngestSink* rejects = nullptr,
                           std::size_t batch_records = 200)
      : store_(store), rejects_(rejects), batch_records_(batch_records) {}

  Status Accept(std::string_view file, std::uint32_t line,
                std::span<const mapping::MappedResource> resources) override;
  Status Reject(const ingest::RejectedRecord& record) override;
  Status Dropped(const ingest::DroppedField& field) override;
  Status Flush();
  const StoreLoadCounts& counts() const { return counts_; }

 private:
  ports::ResourceStore& store_;
  ingest::IngestSink* rejects_;
  std::size_t batch_records_;
  std::size_t pending_records_ = 0;
  std::vector<mapping::MappedResource> pending_;
  StoreLoadCounts counts_;
};

// True when the stored version's text holds the same resource as `resource`, ignoring
// meta.versionId, meta.lastUpdated and the order of object members.
bool SameResource(std::string_view stored_json, const json::Value& resource);

}  // namespace gw::app
