// PostgresResourceStore: the ResourceStore port on PostgreSQL 15 (libpq), for deployments where
// several gateway instances share one database.
//
// Open() creates or migrates the schema (postgres_schema.h; several instances may open at
// once) and numbers the search parameters of the extractor's registry. Every write call is one
// READ COMMITTED transaction on a pooled connection that first takes transaction-scoped
// advisory locks, in ascending key order, on a hash of each (resource type, id) it writes and
// of each conditional create's criteria; so writes of one resource (versions, If-Match) and
// conditional creates with the same criteria are serialised across connections and processes,
// and each sees what the previous one committed. Index rows are written in the same transaction
// as the version; deadlocks and serialisation failures are retried a few times. Reads run on
// pooled connections; a search runs in a REPEATABLE READ snapshot and its cursor pins that
// snapshot (postgres_cursor.h).
// Errors and semantics: see gateway/ports/resource_store.h. Database failures are kIo with a
// short fixed message ("database error", "database unavailable"): never SQL text, values or
// the connection string. A search value the database refuses (e.g. not UTF-8) is
// kInvalidArgument. Page sizes above PostgresStoreOptions::max_page_size are clamped.
// Thread safety: all methods are safe to call concurrently. Lifetimes: the clock and the id
// generator must outlive the store; the store keeps the extractor alive.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "gateway/core/search/index_extractor.h"
#include "gateway/ports/clock.h"
#include "gateway/ports/id_generator.h"
#include "gateway/ports/resource_store.h"

namespace gw::shell {

struct PostgresStoreOptions {
  // A libpq connection string or URI ("host=... port=... dbname=... user=..."). The tables live
  // in the first schema of the connection's search_path.
  std::string conninfo;
  int pool_size = 8;  // connections at most; each call holds one while it runs
  std::size_t max_page_size = 1000;
};

class PostgresResourceStore final : public ports::ResourceStore {
 public:
  // Errors: kIo (cannot connect or write the schema), kFailedPrecondition (newer schema, a
  // database encoding other than UTF8), kInvalidArgument (no extractor, pool_size < 1).
  static Result<std::unique_ptr<PostgresResourceStore>> Open(
      const PostgresStoreOptions& options, std::shared_ptr<const search::IndexExtractor> extractor,
      const ports::Clock& clock, const ports::IdGenerator& ids);
  ~PostgresResourceStore() override;

  Result<ports::WriteResult> Create(const ports::CreateRequest& request) override;
  Result<ports::WriteResult> Update(const ports::UpdateRequest& request) override;
  Result<ports::WriteResult> Delete(const ports::DeleteRequest& request) override;
  Result<ports::TransactionResult> Transaction(std::span<const ports::WriteOp> ops) override;
  Result<ports::ResourceVersion> Read(std::string_view resource_type, std::string_view id) override;
  Result<ports::ResourceVersion> VRead(std::string_view resource_type, std::string_view id,
                                       std::int64_t version_id) override;
  Result<ports::HistoryPage> History(const ports::HistoryQuery& query) override;
  Result<ports::SearchPage> Search(const search::SearchQuery& query) override;

  struct Impl;

 private:
  explicit PostgresResourceStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gw::shell
