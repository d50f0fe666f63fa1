// SqliteResourceStore: the ResourceStore port on one SQLite file (WAL mode), the embedded
// default store.
//
// Open() creates or migrates the schema (sqlite_schema.h) and numbers the search parameters of
// the extractor's registry. Writes are serialised: one writer connection under a mutex and
// BEGIN IMMEDIATE (other processes on the same file wait up to the busy timeout); index
// entries are computed before the write lock is taken and written in the same transaction as
// the version. Reads and searches use a pool of reader connections, each in its own read
// transaction (WAL readers never block the writer). Reads of current versions may be answered
// from memory (SqliteStoreOptions::current_cache_bytes).
// Errors and semantics: see gateway/ports/resource_store.h. Page sizes above
// SqliteStoreOptions::max_page_size are clamped.
// Thread safety: all methods are safe to call concurrently. Lifetimes: the clock and the id
// generator must outlive the store; the store keeps the extractor alive.
#pragma once

#include <memory>
#include <string>

#include "gateway/core/search/index_extractor.h"
#include "gateway/ports/clock.h"
#include "gateway/ports/id_generator.h"
#include "gateway/ports/resource_store.h"

namespace gw::shell {

struct SqliteStoreOptions {
  std::string path;              // the database file (created when absent)
  int busy_timeout_ms = 5000;    // waiting for another process's write lock
  bool synchronous_full = true;  // fsync at every commit (durable); NORMAL otherwise
  std::size_t max_page_size = 1000;
  int writer_cache_kib = 65536;  // page cache of the writer connection
  int reader_cache_kib = 16384;  // page cache of each pooled reader connection
  // > 0: Read() keeps the current versions of resources it read in memory, up to this many bytes
  // (CurrentVersionCache), and answers them without a database transaction. That is right only
  // while this store is the only writer of the file, so every store locks PATH-lock: a caching
  // store exclusively, any other shared; Open() fails with kFailedPrecondition when the lock it
  // needs is held (a caching store is open elsewhere, or one cannot be opened while others are).
  std::size_t current_cache_bytes = 0;
};

class SqliteResourceStore final : public ports::ResourceStore {
 public:
  // Errors: kIo (cannot open or write the file), kFailedPrecondition (newer schema),
  // kInvalidArgument (no extractor).
  static Result<std::unique_ptr<SqliteResourceStore>> Open(
      const SqliteStoreOptions& options, std::shared_ptr<const search::IndexExtractor> extractor,
      const ports::Clock& clock, const ports::IdGenerator& ids);
  ~SqliteResourceStore() override;

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
  explicit SqliteResourceStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gw::shell
