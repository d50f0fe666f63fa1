// The PostgreSQL store's schema and its migrations. The tables live in the first schema of the
// connection's search_path (give the gateway its own database, or a schema chosen with
// "options=-csearch_path=..." in the connection string).
//
// Version 1 (the SQLite layout, see sqlite_schema.h, with these differences):
//   every text column is COLLATE "C" (byte order, as SQLite compares);
//   resource.rid and param.pid are identity columns, version.seq comes from the sequence
//   version_seq (global, increasing: history order);
//   resource.created_xid (xid8) is the transaction that created the resource (or brought it
//   back after a delete); search cursors pin a pg_snapshot and keep the resources whose
//   created_xid is visible in it (sql_search.h).
// MigratePostgresSchema() runs in one transaction under a transaction-scoped advisory lock, so
// several gateway instances starting at once migrate once: it creates the schema in an empty
// database, upgrades an older one step by step, and refuses a newer one.
// Errors: kFailedPrecondition (schema newer than this build), kIo (database).
// Thread safety: uses the caller's connection only.
#pragma once

#include <cstdint>

#include "gateway/core/base/status.h"
#include "gateway/shell/store/postgres_db.h"

namespace gw::shell::pg {

inline constexpr int kPostgresSchemaVersion = 1;

// Advisory lock keys (the bigint form): the schema migration's, and the bulk lock every write
// transaction takes (shared; exclusive for very large ones). The store's other keys are
// hashes (postgres_store_write.cc).
inline constexpr std::int64_t kSchemaLockKey = 0x67775F736368656DLL;  // "gw_schem"
inline constexpr std::int64_t kBulkLockKey = 0x67775F62756C6B30LL;    // "gw_bulk0"

Status MigratePostgresSchema(PgConnection& db);

}  // namespace gw::shell::pg
