// The SQLite store's schema and its migrations.
//
// Version 1:
//   gw_meta(key, value)            "schema_version"
//   resource(rid, res_type, res_id, version, seq, created_seq, last_updated, deleted)
//                                  one row per logical resource; seq = its current version's
//   version(seq, rid, version, last_updated, deleted, json)
//                                  every version; seq is global and increasing (history order)
//   param(pid, res_type, code)     numbers (resource type, search parameter) pairs
//   idx_token / idx_string / idx_reference / idx_date / idx_number / idx_quantity / idx_uri
//                                  (rid, pid, n, ...) WITHOUT ROWID: the current version's index
//                                  rows (see gateway/core/search/index_entries.h)
// MigrateSchema() runs in one write transaction: it creates the schema in an empty database,
// upgrades an older one step by step, and refuses a newer one.
// Errors: kFailedPrecondition (schema newer than this build), kIo (SQLite).
#pragma once

#include "gateway/core/base/status.h"
#include "gateway/shell/store/sqlite_db.h"

namespace gw::shell {

inline constexpr int kSqliteSchemaVersion = 1;

Status MigrateSchema(SqliteConnection& db);

}  // namespace gw::shell
