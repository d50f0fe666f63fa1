#include "gateway/shell/store/sqlite_schema.h"

#include <string>

namespace gw::shell {
namespace {

constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE resource (
  rid INTEGER PRIMARY KEY,
  res_type TEXT NOT NULL,
  res_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  created_seq INTEGER NOT NULL,
  last_updated INTEGER NOT NULL,
  deleted INTEGER NOT NULL);
CREATE UNIQUE INDEX resource_key ON resource(res_type, res_id);
CREATE INDEX resource_type ON resource(res_type, rid);
CREATE TABLE version (
  seq INTEGER PRIMARY KEY,
  rid INTEGER NOT NULL,
  version INTEGER NOT NULL,
  last_updated INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  json TEXT);
CREATE UNIQUE INDEX version_key ON version(rid, version);
CREATE TABLE param (
  pid INTEGER PRIMARY KEY,
  res_type TEXT NOT NULL,
  code TEXT NOT NULL,
  UNIQUE (res_type, code));
CREATE TABLE idx_token (
  rid INTEGER NOT NULL, pid INTEGER NOT NULL, n INTEGER NOT NULL,
  system TEXT NOT NULL, code TEXT NOT NULL, text TEXT NOT NULL,
  PRIMARY KEY (rid, pid, n)) WITHOUT ROWID;
CREATE INDEX idx_token_code ON idx_token(pid, code);
CREATE TABLE idx_string (
  rid INTEGER NOT NULL, pid INTEGER NOT NULL, n INTEGER NOT NULL,
  norm TEXT NOT NULL, exact TEXT NOT NULL,
  PRIMARY KEY (rid, pid, n)) WITHOUT ROWID;
CREATE INDEX idx_string_norm ON idx_string(pid, norm);
CREATE TABLE idx_reference (
  rid INTEGER NOT NULL, pid INTEGER NOT NULL, n INTEGER NOT NULL,
  target_type TEXT NOT NULL, target_id TEXT NOT NULL, version TEXT NOT NULL,
  url TEXT NOT NULL, ident_system TEXT NOT NULL, ident_value TEXT NOT NULL,
  PRIMARY KEY (rid, pid, n)) WITHOUT ROWID;
CREATE INDEX idx_reference_target ON idx_reference(pid, target_id);
CREATE INDEX idx_reference_url ON idx_reference(pid, url) WHERE url <> '';
CREATE TABLE idx_date (
  rid INTEGER NOT NULL, pid INTEGER NOT NULL, n INTEGER NOT NULL,
  low INTEGER NOT NULL, high INTEGER NOT NULL, precision INTEGER NOT NULL,
  PRIMARY KEY (rid, pid, n)) WITHOUT ROWID;
CREATE INDEX idx_date_range ON idx_date(pid, low, high);
CREATE TABLE idx_number (
  rid INTEGER NOT NULL, pid INTEGER NOT NULL, n INTEGER NOT NULL,
  key TEXT NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY (rid, pid, n)) WITHOUT ROWID;
CREATE INDEX idx_number_key ON idx_number(pid, key);
CREATE TABLE idx_quantity (
  rid INTEGER NOT NULL, pid INTEGER NOT NULL, n INTEGER NOT NULL,
  key TEXT NOT NULL, value TEXT NOT NULL, system TEXT NOT NULL, code TEXT NOT NULL,
  unit TEXT NOT NULL, canon_unit TEXT NOT NULL, canon_key TEXT NOT NULL,
  canon_value TEXT NOT NULL,
  PRIMARY KEY (rid, pid, n)) WITHOUT ROWID;
CREATE INDEX idx_quantity_key ON idx_quantity(pid, key);
CREATE INDEX idx_quantity_canon ON idx_quantity(pid, canon_unit, canon_key) WHERE canon_unit <> '';
CREATE TABLE idx_uri (
  rid INTEGER NOT NULL, pid INTEGER NOT NULL, n INTEGER NOT NULL,
  uri TEXT NOT NULL,
  PRIMARY KEY (rid, pid, n)) WITHOUT ROWID;
CREATE INDEX idx_uri_value ON idx_uri(pid, uri);
)sql";

Result<int> CurrentVersion(SqliteConnection& db) {
  GW_RETURN_IF_ERROR(
      db.Exec("CREATE TABLE IF NOT EXISTS gw_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) "
              "WITHOUT ROWID"));
  Result<StatementRef> st = db.Prepare("SELECT value FROM gw_meta WHERE key = 'schema_version'");
  if (!st.ok()) return st.status();
  Result<bool> row = st.value()->Step();
  if (!row.ok()) return row.status();
  return row.value() ? std::atoi(std::string(st.value()->Text(0)).c_str()) : 0;
}

Status Migrate(SqliteConnection& db) {
  Result<int> version = CurrentVersion(db);
  if (!version.ok()) return version.status();
  if (version.value() > kSqliteSchemaVersion) {
    return Status(StatusCode::kFailedPrecondition, "the database schema (version " +
                                                       std::to_string(version.value()) +
                                                       ") is newer than this build supports (" +
                                                       std::to_string(kSqliteSchemaVersion) + ")");
  }
  if (version.value() < 1) GW_RETURN_IF_ERROR(db.Exec(kSchemaV1));
  // Later versions: if (version < 2) apply the step from 1 to 2; ...
  if (version.value() < kSqliteSchemaVersion) {
    GW_RETURN_IF_ERROR(
        db.Exec("INSERT OR REPLACE INTO gw_meta (key, value) VALUES ('schema_version', '" +
                std::to_string(kSqliteSchemaVersion) + "')"));
  }
  return Status::Ok();
}

}  // namespace

Status MigrateSchema(SqliteConnection& db) {
  GW_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  Status s = Migrate(db);
  if (!s.ok()) {
    (void)db.Exec("ROLLBACK");
    return s;
  }
  return db.Exec("COMMIT");
}

}  // namespace gw::shell
