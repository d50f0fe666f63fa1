// The SQLite backend of the store test suite: a fresh database file in a temporary folder per
// test. Built twice: as is, and with GW_STORE_TEST_CACHE_BYTES defined, where every store keeps
// current versions in memory (SqliteStoreOptions::current_cache_bytes) and the whole suite runs
// through that cache.
#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "gateway/shell/store/sqlite_store.h"
#include "store_backend.h"

namespace gw::store::testing {
namespace {

class SqliteBackend final : public StoreBackend {
 public:
  SqliteBackend() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "gw-store-test-XXXXXX").string();
    dir_ = mkdtemp(tmpl.data()) != nullptr ? tmpl : std::string();
  }
  ~SqliteBackend() override {
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }
#ifdef GW_STORE_TEST_CACHE_BYTES
  std::string Name() const override { return "sqlite-cached"; }
#else
  std::string Name() const override { return "sqlite"; }
#endif

  Result<std::unique_ptr<ports::ResourceStore>> OpenFresh(
      std::shared_ptr<const search::IndexExtractor> extractor, const ports::Clock& clock,
      const ports::IdGenerator& ids) override {
    if (dir_.empty()) return IoError("no temporary folder");
    path_ = dir_ + "/store-" + std::to_string(++counter_) + ".db";
    return Reopen(std::move(extractor), clock, ids);
  }

  Result<std::unique_ptr<ports::ResourceStore>> Reopen(
      std::shared_ptr<const search::IndexExtractor> extractor, const ports::Clock& clock,
      const ports::IdGenerator& ids) override {
    shell::SqliteStoreOptions options;
    options.path = path_;
    options.synchronous_full = false;  // tests need no durability across power loss
#ifdef GW_STORE_TEST_CACHE_BYTES
    options.current_cache_bytes = GW_STORE_TEST_CACHE_BYTES;
#endif
    auto s = shell::SqliteResourceStore::Open(options, std::move(extractor), clock, ids);
    if (!s.ok()) return s.status();
    return std::unique_ptr<ports::ResourceStore>(std::move(s).value());
  }

 private:
  std::string dir_;
  std::string path_;
  int counter_ = 0;
};

}  // namespace

StoreBackend& Backend() {
  static SqliteBackend backend;
  return backend;
}

}  // namespace gw::store::testing
