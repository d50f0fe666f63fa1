// The SQLite store's cache of current versions: the generation rule that keeps a version read
// before a write from outliving it, the byte bound, and the file lock that makes the caching
// store its file's only writer.
#include "gateway/shell/store/current_version_cache.h"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <string>

#include "gateway/shell/store/sqlite_store.h"
#include "gateway/shell/sys/random_id_generator.h"
#include "gateway/shell/sys/system_clock.h"
#include "search_fixture.h"

namespace gw::shell {
namespace {

ports::ResourceVersion Version(const std::string& id, std::int64_t v, std::size_t text_bytes = 10) {
  ports::ResourceVersion r;
  r.resource_type = "Patient";
  r.id = id;
  r.version_id = v;
  r.json = std::string(text_bytes, 'x');
  return r;
}

BOOST_AUTO_TEST_CASE(cache_keeps_a_version_only_when_no_write_came_between) {
  CurrentVersionCache cache(1 << 20);
  std::uint64_t before = cache.Generation();
  cache.Forget("Patient", "other");  // any write, even of another resource
  cache.Offer(before, Version("a", 1));
  BOOST_TEST(!cache.Find("Patient", "a").has_value());
  cache.Offer(cache.Generation(), Version("a", 1));
  auto hit = cache.Find("Patient", "a");
  BOOST_TEST_REQUIRE(hit.has_value());
  BOOST_TEST(hit->version_id == 1);
  BOOST_TEST(!cache.Find("Observation", "a").has_value());  // the type is part of the key
  cache.Forget("Patient", "a");
  BOOST_TEST(!cache.Find("Patient", "a").has_value());
  cache.Offer(cache.Generation(), Version("a", 2));
  cache.Offer(cache.Generation(), Version("b", 1));
  cache.ForgetAll();
  BOOST_TEST(cache.size() == 0u);
  BOOST_TEST(cache.bytes() == 0u);
}

BOOST_AUTO_TEST_CASE(cache_stays_within_its_bytes_dropping_the_least_recently_used) {
  CurrentVersionCache cache(8192);
  for (int i = 0; i < 20; ++i) {
    cache.Offer(cache.Generation(), Version("p" + std::to_string(i), 1, 1000));
    BOOST_TEST(cache.Find("Patient", "p0").has_value() == true);  // kept in use
  }
  BOOST_TEST(cache.bytes() <= 8192u);
  BOOST_TEST(cache.Find("Patient", "p0").has_value());
  BOOST_TEST(cache.Find("Patient", "p19").has_value());
  BOOST_TEST(!cache.Find("Patient", "p1").has_value());
  cache.Offer(cache.Generation(), Version("big", 1, 4000));  // over a quarter: not kept
  BOOST_TEST(!cache.Find("Patient", "big").has_value());
  cache.Offer(cache.Generation(), Version("p19", 2, 1000));  // replaces, not duplicates
  BOOST_TEST(cache.Find("Patient", "p19")->version_id == 2);
}

struct Folder {
  Folder() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "gw-cache-XXXXXX").string();
    path = mkdtemp(tmpl.data()) != nullptr ? tmpl : std::string();
  }
  ~Folder() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string path;
};

BOOST_AUTO_TEST_CASE(a_caching_store_keeps_its_file_to_itself) {
  auto registry = search::testing::BaseRegistry();
  if (registry == nullptr) {
    std::cout << "GW_SKIPPED: R4 definitions absent\n";
    return;
  }
  auto extractor = std::make_shared<search::IndexExtractor>(registry);
  SystemClock clock;
  RandomIdGenerator ids;
  Folder dir;
  auto open = [&](std::size_t cache_bytes) {
    SqliteStoreOptions o;
    o.path = dir.path + "/store.db";
    o.synchronous_full = false;
    o.current_cache_bytes = cache_bytes;
    return SqliteResourceStore::Open(o, extractor, clock, ids);
  };
  {
    auto a = open(0);
    auto b = open(0);  // stores that do not cache share the file
    BOOST_TEST_REQUIRE(a.ok());
    BOOST_TEST_REQUIRE(b.ok());
    auto cached = open(1 << 20);
    BOOST_TEST_REQUIRE(!cached.ok());
    BOOST_TEST((cached.status().code() == StatusCode::kFailedPrecondition));
  }
  auto cached = open(1 << 20);
  BOOST_TEST_REQUIRE(cached.ok(), cached.status().message());
  auto other = open(0);  // e.g. `load` while the server runs: refused, not silently stale
  BOOST_TEST_REQUIRE(!other.ok());
  BOOST_TEST((other.status().code() == StatusCode::kFailedPrecondition));
  BOOST_TEST(!open(1 << 20).ok());
  cached->reset();
  BOOST_TEST(open(0).ok());  // released with the store
}

}  // namespace
}  // namespace gw::shell
