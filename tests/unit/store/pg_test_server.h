// PgTestServer: a private PostgreSQL 15 server for tests, started from Debian's binaries
// (/usr/lib/postgresql/15/bin, or the folder in $GW_PG_BIN) in a fresh temporary folder: its
// own data folder (initdb, UTF8, C locale, trust authentication), listen_addresses=127.0.0.1
// on a free port, a private unix socket folder, fsync off. initdb and pg_ctl refuse to run as
// root, so under root they run as the `postgres` user (runuser) and the folder is given to it.
//
// The server is stopped (pg_ctl stop -m fast on its data folder) and the folder removed when
// the PgTestServer is destroyed, and also when the test program dies without destroying it:
// a small watcher process started with the server waits for the program's end (a pipe closing)
// and then stops it.
// Errors of Start(): kNotFound (the binaries or the postgres user are missing: the caller
// reports the test skipped), kIo (the server did not start).
// Thread safety: CreateDatabase() and Conninfo() may be called from any thread.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/base/status.h"

namespace gw::store::testing {

class PgTestServer {
 public:
  static Result<std::unique_ptr<PgTestServer>> Start();
  ~PgTestServer();
  PgTestServer(const PgTestServer&) = delete;
  PgTestServer& operator=(const PgTestServer&) = delete;

  // A libpq connection string for database `dbname` on this server (TCP over loopback).
  std::string Conninfo(std::string_view dbname) const;
  // Creates an empty database. Errors: kIo.
  Status CreateDatabase(std::string_view dbname) const;

 private:
  PgTestServer() = default;
  // Starts the process that stops the server with `stop` once this program ends.
  Status StartWatcher(const std::vector<std::string>& stop);
  // Configures a free port and starts the server (`pg_ctl`: the command to run pg_ctl).
  Status StartOnFreePort(std::vector<std::string> pg_ctl);

  std::string dir_;  // the temporary folder (data/, socket/, log)
  int port_ = 0;
  int watcher_pipe_ = -1;  // write end: closing it makes the watcher stop the server
  pid_t watcher_ = -1;
};

}  // namespace gw::store::testing
