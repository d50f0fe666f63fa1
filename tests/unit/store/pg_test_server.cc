#include "pg_test_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

extern char** environ;

namespace gw::store::testing {
namespace {

constexpr const char* kDefaultBin = "/usr/lib/postgresql/15/bin";
constexpr int kStartAttempts = 5;

struct RunAs {
  bool root = false;  // run the PostgreSQL binaries through runuser as `postgres`
  uid_t uid = 0;
  gid_t gid = 0;
};

// argv for running `args` as the server's user.
std::vector<std::string> AsServerUser(const RunAs& as, std::vector<std::string> args) {
  if (!as.root) return args;
  std::vector<std::string> out = {"runuser", "-u", "postgres", "--"};
  out.insert(out.end(), args.begin(), args.end());
  return out;
}

struct SpawnOptions {
  std::string cwd;
  std::string output;  // file for stdout and stderr ("" = /dev/null)
  int stdin_fd = -1;   // becomes the child's stdin (else /dev/null)
  bool new_session = false;
};

Result<pid_t> Spawn(const std::vector<std::string>& args, const SpawnOptions& o) {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attr);
  if (o.stdin_fd >= 0) {
    posix_spawn_file_actions_adddup2(&actions, o.stdin_fd, 0);
  } else {
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  }
  const std::string out = o.output.empty() ? "/dev/null" : o.output;
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  if (!o.cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, o.cwd.c_str());
  if (o.new_session) posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID);
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int rc = posix_spawnp(&pid, argv[0], &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) return IoError("cannot run " + args.front());
  return pid;
}

// Runs `args` to completion. Errors: kIo with the command name and the tail of its output.
Status Run(const std::vector<std::string>& args, const SpawnOptions& o) {
  Result<pid_t> pid = Spawn(args, o);
  if (!pid.ok()) return pid.status();
  int status = 0;
  while (waitpid(pid.value(), &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return Status::Ok();
  std::string tail;
  if (!o.output.empty()) {
    std::ifstream in(o.output);
    std::stringstream all;
    all << in.rdbuf();
    tail = all.str();
    if (tail.size() > 2000) tail = tail.substr(tail.size() - 2000);
  }
  return IoError("the command " + args.front() + " failed: " + tail);
}

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

bool Executable(const std::string& path) { return access(path.c_str(), X_OK) == 0; }

Status GiveTo(const RunAs& as, const std::string& path) {
  if (as.root && chown(path.c_str(), as.uid, as.gid) != 0) return IoError("chown " + path);
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<PgTestServer>> PgTestServer::Start() {
  const char* env_bin = std::getenv("GW_PG_BIN");
  const std::string bin = env_bin != nullptr && *env_bin != '\0' ? env_bin : kDefaultBin;
  if (!Executable(bin + "/initdb") || !Executable(bin + "/pg_ctl") ||
      !Executable(bin + "/postgres")) {
    return NotFound("PostgreSQL 15 binaries not found in " + bin);
  }
  RunAs as;
  as.root = geteuid() == 0;
  if (as.root) {
    const passwd* pw = getpwnam("postgres");
    if (pw == nullptr) return NotFound("no postgres user to run PostgreSQL as");
    as.uid = pw->pw_uid;
    as.gid = pw->pw_gid;
  }
  std::unique_ptr<PgTestServer> server(new PgTestServer());
  std::string tmpl = (std::filesystem::temp_directory_path() / "gw-pg-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) return IoError("cannot make a temporary folder");
  server->dir_ = tmpl;
  const std::string socket_dir = server->dir_ + "/socket";
  GW_RETURN_IF_ERROR(GiveTo(as, server->dir_));
  if (mkdir(socket_dir.c_str(), 0700) != 0) return IoError("cannot make the socket folder");
  GW_RETURN_IF_ERROR(GiveTo(as, socket_dir));
  // From here on the destructor (or the watcher, if this program dies) cleans up.
  GW_RETURN_IF_ERROR(server->StartWatcher(AsServerUser(
      as, {bin + "/pg_ctl", "stop", "-D", server->dir_ + "/data", "-m", "fast", "-w"})));
  SpawnOptions initdb;
  initdb.cwd = server->dir_;
  initdb.output = server->dir_ + "/initdb.log";
  GW_RETURN_IF_ERROR(
      Run(AsServerUser(as, {bin + "/initdb", "-D", server->dir_ + "/data", "-U", "gw", "-A",
                            "trust", "-E", "UTF8", "--locale=C", "--no-sync"}),
          initdb));
  Status started = IoError("no free port");
  for (int attempt = 0; attempt < kStartAttempts && !started.ok(); ++attempt) {
    started = server->StartOnFreePort(AsServerUser(as, {bin + "/pg_ctl"}));
  }
  if (!started.ok()) return started;
  return server;
}

Status PgTestServer::StartWatcher(const std::vector<std::string>& stop) {
  // Waits for the end of its stdin (this program closing the pipe, or dying), then stops the
  // server and removes the folder. In its own session, so that signals sent to this program's
  // process group do not end it first.
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return IoError("pipe");
  std::vector<std::string> watcher = {
      "sh", "-c", "cat >/dev/null 2>&1; \"$@\" >/dev/null 2>&1; rm -rf \"$0\"", dir_};
  watcher.insert(watcher.end(), stop.begin(), stop.end());
  SpawnOptions o;
  o.stdin_fd = fds[0];
  o.cwd = "/";
  o.new_session = true;
  Result<pid_t> w = Spawn(watcher, o);
  close(fds[0]);
  if (!w.ok()) {
    close(fds[1]);
    return w.status();
  }
  watcher_ = w.value();
  watcher_pipe_ = fds[1];
  return Status::Ok();
}

Status PgTestServer::StartOnFreePort(std::vector<std::string> pg_ctl) {
  const int port = FreePort();
  if (port == 0) return IoError("no free port");
  const std::string data = dir_ + "/data";
  {
    // Appended settings win over earlier ones (an earlier attempt's port).
    std::ofstream conf(data + "/postgresql.conf", std::ios::app);
    conf << "\nlisten_addresses = '127.0.0.1'\nport = " << port << "\nunix_socket_directories = '"
         << dir_ << "/socket'\n"
         << "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
         << "max_connections = 200\n";
    if (!conf) return IoError("cannot write postgresql.conf");
  }
  SpawnOptions o;
  o.cwd = dir_;
  o.output = dir_ + "/pg_ctl.log";
  const std::vector<std::string> start = {"start", "-D", data, "-l", dir_ + "/server.log",
                                          "-w",    "-t", "60"};
  pg_ctl.insert(pg_ctl.end(), start.begin(), start.end());
  GW_RETURN_IF_ERROR(Run(pg_ctl, o));
  port_ = port;
  return Status::Ok();
}

PgTestServer::~PgTestServer() {
  if (watcher_pipe_ >= 0) close(watcher_pipe_);
  if (watcher_ > 0) {
    int status = 0;
    while (waitpid(watcher_, &status, 0) < 0 && errno == EINTR) {
    }
  } else if (!dir_.empty()) {  // failed before the watcher started
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

std::string PgTestServer::Conninfo(std::string_view dbname) const {
  return "host=127.0.0.1 port=" + std::to_string(port_) +
         " user=gw connect_timeout=10 dbname=" + std::string(dbname);
}

Status PgTestServer::CreateDatabase(std::string_view dbname) const {
  PGconn* conn = PQconnectdb(Conninfo("postgres").c_str());
  Status out;
  if (PQstatus(conn) != CONNECTION_OK) {
    out = IoError(std::string("cannot connect to the test server: ") + PQerrorMessage(conn));
  } else {
    const std::string sql = "CREATE DATABASE \"" + std::string(dbname) + "\"";
    PGresult* r = PQexec(conn, sql.c_str());
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
      out = IoError(std::string("CREATE DATABASE failed: ") + PQerrorMessage(conn));
    }
    PQclear(r);
  }
  PQfinish(conn);
  return out;
}

}  // namespace gw::store::testing
