#include "gateway/shell/dev/dev_environment.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <utility>

#include "gateway/core/auth/scopes.h"
#include "gateway/core/json/parse.h"
#include "gateway/core/json/write.h"
#include "gateway/shell/crypto/jwt_signer.h"
#include "gateway/shell/dev/dev_certificates.h"
#include "gateway/shell/fs/file.h"

namespace gw::shell::dev {
namespace {

constexpr std::size_t kMaxFileBytes = 1u << 20;
constexpr mode_t kPrivateMode = 0600;
constexpr mode_t kPublicMode = 0644;

struct Pair {
  const std::string& cert;
  const std::string& key;
};

Status At(const std::string& path, const Status& s) {
  return Status(s.code(), path + ": " + s.message());
}

std::string Errno() { return std::strerror(errno); }

Result<std::string> AbsoluteDir(const std::string& dir) {
  if (dir.empty()) return InvalidArgument("the development data folder is empty");
  std::error_code ec;
  std::filesystem::path p = std::filesystem::absolute(dir, ec);
  if (ec) return IoError(dir + ": cannot resolve the folder: " + ec.message());
  p = p.lexically_normal();
  if (!p.has_filename() && p.has_parent_path() && p != p.root_path()) p = p.parent_path();
  return p.string();
}

Status MakeDir(const std::string& dir) {
  std::error_code ec;
  if (std::filesystem::exists(dir, ec)) {
    if (!std::filesystem::is_directory(dir, ec)) return IoError(dir + ": not a folder");
    return Status::Ok();
  }
  std::filesystem::path parent = std::filesystem::path(dir).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) return IoError(parent.string() + ": cannot make the folder: " + ec.message());
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return IoError(dir + ": cannot make the folder: " + Errno());
  }
  if (::chmod(dir.c_str(), 0700) != 0) return IoError(dir + ": cannot set mode 0700: " + Errno());
  return Status::Ok();
}

// An exclusive advisory lock on DIR/.lock for the lifetime of the object.
class DirLock {
 public:
  static Result<DirLock> Take(const std::string& dir) {
    std::string path = dir + "/.lock";
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, kPrivateMode);
    if (fd < 0) return IoError(path + ": cannot open: " + Errno());
    while (::flock(fd, LOCK_EX) != 0) {
      if (errno == EINTR) continue;
      std::string reason = Errno();
      ::close(fd);
      return IoError(path + ": cannot lock: " + reason);
    }
    return DirLock(fd);
  }
  DirLock(DirLock&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
  DirLock& operator=(DirLock&&) = delete;
  ~DirLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
  }

 private:
  explicit DirLock(int fd) : fd_(fd) {}
  int fd_;
};

// Writes `data` to a temporary file next to `path` with `mode`, then renames it over `path`.
Status WriteAtomically(const std::string& path, std::string_view data, mode_t mode) {
  std::string tmp = path + ".tmp-XXXXXX";
  int fd = ::mkstemp(tmp.data());  // created 0600, so secrets are never readable by others
  if (fd < 0) return IoError(path + ": cannot create a temporary file: " + Errno());
  auto fail = [&](const std::string& what) {
    std::string reason = Errno();
    ::close(fd);
    ::unlink(tmp.c_str());
    return IoError(path + ": cannot " + what + ": " + reason);
  };
  if (::fchmod(fd, mode) != 0) return fail("set the mode");
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail("write");
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return fail("write");
  if (::close(fd) != 0) {
    std::string reason = Errno();
    ::unlink(tmp.c_str());
    return IoError(path + ": cannot write: " + reason);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string reason = Errno();
    ::unlink(tmp.c_str());
    return IoError(path + ": cannot rename the temporary file: " + reason);
  }
  return Status::Ok();
}

// Reads a file that holds a secret: it must be a regular file nobody else can read.
Result<std::string> ReadPrivate(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return IoError(path + ": cannot read: " + Errno());
  if (!S_ISREG(st.st_mode)) return InvalidArgument(path + ": not a regular file");
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return InvalidArgument(path + ": mode " + mode +
                           " lets others read a private key; run chmod 600 on it");
  }
  return ReadFile(path, kMaxFileBytes);
}

struct Loaded {
  X509Ptr cert;
  PKeyPtr key;
};

// Reads both halves of a pair and checks that they parse and belong together.
Result<Loaded> LoadPair(const Pair& p) {
  auto key_pem = ReadPrivate(p.key);
  if (!key_pem.ok()) return key_pem.status();
  auto key = ParsePrivateKeyPem(*key_pem);
  if (!key.ok()) return At(p.key, key.status());
  auto cert_pem = ReadFile(p.cert, kMaxFileBytes);
  if (!cert_pem.ok()) return cert_pem.status();
  auto cert = ParseCertificatePem(*cert_pem);
  if (!cert.ok()) return At(p.cert, cert.status());
  Status match = CheckKeyMatches(cert->get(), key->get());
  if (!match.ok()) return InvalidArgument(p.key + ": the key does not match " + p.cert);
  return Loaded{std::move(cert).value(), std::move(key).value()};
}

// Key first, then the certificate: a crash between the two leaves a pair that is refused with
// a clear message rather than a certificate without its key.
Status SavePair(const Pair& p, X509* cert, EVP_PKEY* key, std::vector<std::string>* created) {
  auto key_pem = PrivateKeyPem(key);
  if (!key_pem.ok()) return At(p.key, key_pem.status());
  auto cert_pem = CertificatePem(cert);
  if (!cert_pem.ok()) return At(p.cert, cert_pem.status());
  GW_RETURN_IF_ERROR(WriteAtomically(p.key, *key_pem, kPrivateMode));
  GW_RETURN_IF_ERROR(WriteAtomically(p.cert, *cert_pem, kPublicMode));
  created->push_back(p.cert);
  created->push_back(p.key);
  return Status::Ok();
}

// OK when both halves exist or both are absent.
Status CheckPairComplete(const Pair& p) {
  bool cert = PathExists(p.cert);
  bool key = PathExists(p.key);
  if (cert == key) return Status::Ok();
  const std::string& missing = cert ? p.key : p.cert;
  const std::string& present = cert ? p.cert : p.key;
  return InvalidArgument(missing + ": missing while " + present +
                         " exists; remove both (or the whole folder) to make new ones");
}

Result<Loaded> EnsureCa(const DevMaterial& m, std::vector<std::string>* created) {
  Pair ca{m.ca_cert_file, m.ca_key_file};
  GW_RETURN_IF_ERROR(CheckPairComplete(ca));
  if (PathExists(ca.cert)) {
    auto loaded = LoadPair(ca);
    if (!loaded.ok()) return loaded.status();
    Status valid = CheckCaCertificate(loaded->cert.get());
    if (!valid.ok()) return At(ca.cert, valid);
    return loaded;
  }
  // Certificates issued by a CA that is gone can never verify again: refuse, do not mask it.
  for (const std::string* f : {&m.server_cert_file, &m.server_key_file, &m.partner_cert_file,
                               &m.partner_key_file}) {
    if (PathExists(*f)) {
      return InvalidArgument(ca.cert + ": missing while " + *f +
                             " exists; remove the folder's certificates and keys to make new ones");
    }
  }
  auto key = NewP256Key();
  if (!key.ok()) return At(ca.key, key.status());
  auto cert = MakeCaCertificate(key->get(), kDevCaCommonName, kDevCertificateDays);
  if (!cert.ok()) return At(ca.cert, cert.status());
  GW_RETURN_IF_ERROR(SavePair(ca, cert->get(), key->get(), created));
  return Loaded{std::move(cert).value(), std::move(key).value()};
}

Status EnsureLeaf(const Pair& p, const LeafSpec& spec, const Loaded& ca,
                  std::vector<std::string>* created) {
  GW_RETURN_IF_ERROR(CheckPairComplete(p));
  if (PathExists(p.cert)) {
    auto loaded = LoadPair(p);
    if (!loaded.ok()) return loaded.status();
    Status issued = CheckIssuedBy(loaded->cert.get(), ca.cert.get(), spec.use);
    if (!issued.ok()) return At(p.cert, issued);
    Status names = CheckSubjectAltNames(loaded->cert.get(), spec.subject_alt_names);
    if (!names.ok()) return At(p.cert, names);
    return Status::Ok();
  }
  auto key = NewP256Key();
  if (!key.ok()) return At(p.key, key.status());
  auto cert = MakeLeafCertificate(spec, key->get(), ca.cert.get(), ca.key.get(),
                                  kDevCertificateDays);
  if (!cert.ok()) return At(p.cert, cert.status());
  return SavePair(p, cert->get(), key->get(), created);
}

Result<Es384JwtSigner> EnsureClientKey(const std::string& path,
                                       std::vector<std::string>* created) {
  if (!PathExists(path)) {
    auto made = Es384JwtSigner::Generate();
    if (!made.ok()) return At(path, made.status());
    std::string text = json::Write(made->PrivateJwk(), {.pretty = true}) + "\n";
    GW_RETURN_IF_ERROR(WriteAtomically(path, text, kPrivateMode));
    created->push_back(path);
    return made;
  }
  auto text = ReadPrivate(path);
  if (!text.ok()) return text.status();
  json::ParseLimits limits;
  limits.max_depth = 8;
  auto jwk = json::Parse(*text, limits);
  if (!jwk.ok()) return InvalidArgument(path + ": not a JSON JWK: " + jwk.status().message());
  auto signer = Es384JwtSigner::FromJwk(*jwk);
  if (!signer.ok()) return At(path, signer.status());
  return signer;
}

DevMaterial Paths(const std::string& dir) {
  DevMaterial m;
  m.dir = dir;
  m.ca_cert_file = dir + "/ca.crt";
  m.ca_key_file = dir + "/ca.key";
  m.server_cert_file = dir + "/server.crt";
  m.server_key_file = dir + "/server.key";
  m.partner_cert_file = dir + "/partner.crt";
  m.partner_key_file = dir + "/partner.key";
  m.client_jwk_file = dir + "/dev-client.jwk.json";
  m.dev_json_file = dir + "/dev.json";
  m.client_id = std::string(kDevClientId);
  m.partner_identity = std::string(kDevPartnerIdentity);
  return m;
}

// A word the POSIX shell reads back unchanged.
std::string ShellQuote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string Join(std::string_view base, std::string_view path) {
  if (!base.empty() && base.back() == '/') base.remove_suffix(1);
  return std::string(base) + std::string(path);
}

std::string HowLine(const DevMaterial& m, const DevEndpoints& e) {
  std::string ca = ShellQuote(m.ca_cert_file);
  return "partner listener (mutual TLS): curl --cacert " + ca + " --cert " +
         ShellQuote(m.partner_cert_file) + " --key " + ShellQuote(m.partner_key_file) + " " +
         ShellQuote(Join(e.partner_base_url, "/metadata")) +
         " ; public listener: POST token_url (grant_type=client_credentials, "
         "client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer, scope, "
         "client_assertion = a JWT signed ES384 with client_jwk_file: iss=sub=client_id, "
         "aud=token_url, exp at most 5 minutes ahead, a new jti), then curl --cacert " +
         ca + " -H 'Authorization: Bearer ACCESS_TOKEN' " +
         ShellQuote(Join(e.public_base_url, "/metadata"));
}

}  // namespace

Result<DevMaterial> EnsureDevMaterial(const std::string& dir) {
  auto abs = AbsoluteDir(dir);
  if (!abs.ok()) return abs.status();
  GW_RETURN_IF_ERROR(MakeDir(*abs));
  auto lock = DirLock::Take(*abs);
  if (!lock.ok()) return lock.status();
  DevMaterial m = Paths(*abs);
  auto ca = EnsureCa(m, &m.created);
  if (!ca.ok()) return ca.status();
  LeafSpec server{LeafUse::kTlsServer, "localhost", std::string(kDevServerNames)};
  GW_RETURN_IF_ERROR(EnsureLeaf({m.server_cert_file, m.server_key_file}, server, *ca, &m.created));
  LeafSpec partner{LeafUse::kTlsClient, std::string(kDevPartnerCommonName),
                   "URI:" + std::string(kDevPartnerIdentity)};
  GW_RETURN_IF_ERROR(
      EnsureLeaf({m.partner_cert_file, m.partner_key_file}, partner, *ca, &m.created));
  auto client = EnsureClientKey(m.client_jwk_file, &m.created);
  if (!client.ok()) return client.status();
  m.kid = client->kid();
  m.client_jwks = json::Value::Object({{"keys", json::Value::Array({client->PublicJwk()})}});
  return m;
}

std::string DevJson(const DevMaterial& m, const DevEndpoints& e) {
  auto s = [](std::string_view v) { return json::Value::String(std::string(v)); };
  std::vector<json::Member> members = {
      {"fhir_base_url", s(e.public_base_url)},
      {"partner_base_url", s(e.partner_base_url)},
      {"token_url", s(e.token_url)},
      {"ca_file", s(m.ca_cert_file)},
      {"client_certificate_file", s(m.partner_cert_file)},
      {"client_key_file", s(m.partner_key_file)},
      {"partner_identity", s(m.partner_identity)},
      {"client_id", s(m.client_id)},
      {"client_jwk_file", s(m.client_jwk_file)},
      {"kid", s(m.kid)},
      {"scope", s(kDevScope)},
      {"scope_v2", s(kDevScopeV2)},
      {"how", s(HowLine(m, e))},
  };
  return json::Write(json::Value::Object(std::move(members)), {.pretty = true}) + "\n";
}

Status WriteDevJson(const DevMaterial& m, const DevEndpoints& e) {
  return WriteAtomically(m.dev_json_file, DevJson(m, e), kPrivateMode);
}

auth::RegisteredClient DevClient(const DevMaterial& m) {
  auth::RegisteredClient c;
  c.client_id = m.client_id;
  c.jwks = m.client_jwks;
  auto scopes = auth::ParseScopes(kDevScope);
  if (scopes.ok()) c.allowed = scopes->scopes;  // a constant that parses; see the tests
  return c;
}

config::ServerConfig DevServerConfig(const DevMaterial& m, std::uint16_t public_port,
                                     std::uint16_t partner_port) {
  config::ServerConfig c;
  c.data_dir = m.dir;
  config::ListenerConfig pub;
  pub.name = "public";
  pub.address = "127.0.0.1";
  pub.port = public_port;
  pub.tls.cert_file = m.server_cert_file;
  pub.tls.key_file = m.server_key_file;
  pub.tls.client_certificates = config::ClientCertMode::kNone;
  config::ListenerConfig partner = pub;
  partner.name = "partner";
  partner.port = partner_port;
  partner.tls.ca_file = m.ca_cert_file;
  partner.tls.client_certificates = config::ClientCertMode::kRequired;
  c.listeners = {pub, partner};
  return c;
}

}  // namespace gw::shell::dev
