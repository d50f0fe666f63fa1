#include "gateway/shell/store/postgres_schema.h"

#include <cstdlib>
#include <string>

namespace gw::shell::pg {
namespace {

constexpr const char* kSchemaV1 = R"sql(
CREATE SEQUENCE version_seq;
CREATE TABLE resource (
  rid BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  res_type TEXT COLLATE "C" NOT NULL,
  res_id TEXT COLLATE "C" NOT NULL,
  version BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  created_xid XID8 NOT NULL,
  last_updated BIGINT NOT NULL,
  deleted SMALLINT NOT NULL);
CREATE UNIQUE INDEX resource_key ON resource(res_type, res_id);
CREATE INDEX resource_type ON resource(res_type, rid);
CREATE TABLE version (
  seq BIGINT PRIMARY KEY,
  rid BIGINT NOT NULL,
  version BIGINT NOT NULL,
  last_updated BIGINT NOT NULL,
  deleted SMALLINT NOT NULL,
  json TEXT);
CREATE UNIQUE INDEX version_key ON version(rid, version);
CREATE TABLE param (
  pid BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  res_type TEXT COLLATE "C" NOT NULL,
  code TEXT COLLATE "C" NOT NULL,
  UNIQUE (res_type, code));
CREATE TABLE idx_token (
  rid BIGINT NOT NULL, pid BIGINT NOT NULL, n INTEGER NOT NULL,
  system TEXT COLLATE "C" NOT NULL, code TEXT COLLATE "C" NOT NULL,
  text TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (rid, pid, n));
CREATE INDEX idx_token_code ON idx_token(pid, code, rid);
CREATE TABLE idx_string (
  rid BIGINT NOT NULL, pid BIGINT NOT NULL, n INTEGER NOT NULL,
  norm TEXT COLLATE "C" NOT NULL, exact TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (rid, pid, n));
CREATE INDEX idx_string_norm ON idx_string(pid, norm, rid);
CREATE TABLE idx_reference (
  rid BIGINT NOT NULL, pid BIGINT NOT NULL, n INTEGER NOT NULL,
  target_type TEXT COLLATE "C" NOT NULL, target_id TEXT COLLATE "C" NOT NULL,
  version TEXT COLLATE "C" NOT NULL, url TEXT COLLATE "C" NOT NULL,
  ident_system TEXT COLLATE "C" NOT NULL, ident_value TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (rid, pid, n));
CREATE INDEX idx_reference_target ON idx_reference(pid, target_id, rid);
CREATE INDEX idx_reference_url ON idx_reference(pid, url, rid) WHERE url <> '';
CREATE TABLE idx_date (
  rid BIGINT NOT NULL, pid BIGINT NOT NULL, n INTEGER NOT NULL,
  low BIGINT NOT NULL, high BIGINT NOT NULL, precision INTEGER NOT NULL,
  PRIMARY KEY (rid, pid, n));
CREATE INDEX idx_date_range ON idx_date(pid, low, high);
CREATE TABLE idx_number (
  rid BIGINT NOT NULL, pid BIGINT NOT NULL, n INTEGER NOT NULL,
  key TEXT COLLATE "C" NOT NULL, value TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (rid, pid, n));
CREATE INDEX idx_number_key ON idx_number(pid, key);
CREATE TABLE idx_quantity (
  rid BIGINT NOT NULL, pid BIGINT NOT NULL, n INTEGER NOT NULL,
  key TEXT COLLATE "C" NOT NULL, value TEXT COLLATE "C" NOT NULL,
  system TEXT COLLATE "C" NOT NULL, code TEXT COLLATE "C" NOT NULL,
  unit TEXT COLLATE "C" NOT NULL, canon_unit TEXT COLLATE "C" NOT NULL,
  canon_key TEXT COLLATE "C" NOT NULL, canon_value TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (rid, pid, n));
CREATE INDEX idx_quantity_key ON idx_quantity(pid, key);
CREATE INDEX idx_quantity_canon ON idx_quantity(pid, canon_unit, canon_key) WHERE canon_unit <> '';
CREATE TABLE idx_uri (
  rid BIGINT NOT NULL, pid BIGINT NOT NULL, n INTEGER NOT NULL,
  uri TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (rid, pid, n));
CREATE INDEX idx_uri_value ON idx_uri(pid, uri, rid);
)sql";

Result<int> CurrentVersion(PgConnection& db) {
  GW_RETURN_IF_ERROR(
      db.Exec("CREATE TABLE IF NOT EXISTS gw_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"));
  Result<PgResult> r = db.Query("SELECT value FROM gw_meta WHERE key = 'schema_version'", {},
                                /*cache=*/false);
  if (!r.ok()) return r.status();
  return r->rows() > 0 ? std::atoi(std::string(r->Text(0, 0)).c_str()) : 0;
}

Status Migrate(PgConnection& db) {
  GW_RETURN_IF_ERROR(
      db.Exec("SELECT pg_advisory_xact_lock(" + std::to_string(kSchemaLockKey) + ")"));
  Result<int> version = CurrentVersion(db);
  if (!version.ok()) return version.status();
  if (version.value() > kPostgresSchemaVersion) {
    return Status(StatusCode::kFailedPrecondition,
                  "the database schema (version " + std::to_string(version.value()) +
                      ") is newer than this build supports (" +
                      std::to_string(kPostgresSchemaVersion) + ")");
  }
  if (version.value() < 1) GW_RETURN_IF_ERROR(db.Exec(kSchemaV1));
  // Later versions: if (version < 2) apply the step from 1 to 2; ...
  if (version.value() < kPostgresSchemaVersion) {
    GW_RETURN_IF_ERROR(db.Exec("INSERT INTO gw_meta (key, value) VALUES ('schema_version', '" +
                               std::to_string(kPostgresSchemaVersion) +
                               "') ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"));
  }
  return Status::Ok();
}

}  // namespace

Status MigratePostgresSchema(PgConnection& db) {
  GW_RETURN_IF_ERROR(db.Exec("BEGIN ISOLATION LEVEL READ COMMITTED"));
  Status s = Migrate(db);
  if (!s.ok()) {
    (void)db.Exec("ROLLBACK");
    return s;
  }
  return db.Exec("COMMIT");
}

}  // namespace gw::shell::pg
