// The plan's five sample feeds, read from disk through the shell's chunked file reader: no
// errors and the expected record counts, whatever the chunk size.
#include <boost/test/unit_test.hpp>
#include <functional>
#include <iostream>
#include <string>

#include "gateway/core/feeds/csv_reader.h"
#include "gateway/core/feeds/ndjson_reader.h"
#include "gateway/shell/fs/file.h"
#include "gateway/shell/fs/file_chunk_source.h"
#include "tests/unit/feeds/feed_test_util.h"

namespace gw::feeds {
namespace {

const std::string kDir = GW_SHARED_DIR "/internal-feeds/sample";

struct Counts {
  std::size_t records = 0;
  std::size_t errors = 0;
};

template <typename Reader>
Counts Count(const std::string& file, std::size_t chunk_bytes,
             const std::function<void(Reader&)>& on_record = {}) {
  auto source = shell::FileChunkSource::Open(kDir + "/" + file, chunk_bytes);
  BOOST_TEST_REQUIRE(source.ok(), source.status().ToString());
  Reader reader(**source);
  Counts counts;
  for (;;) {
    auto step = reader.Next();
    BOOST_TEST_REQUIRE(step.ok(), file << ": " << step.status().ToString());
    if (*step == ReadStep::kEnd) return counts;
    if (*step == ReadStep::kError) {
      ++counts.errors;
      BOOST_TEST_MESSAGE(file << ": " << reader.error().code << " at line " << reader.error().line);
    } else {
      ++counts.records;
      if (on_record) on_record(reader);
    }
  }
}

BOOST_AUTO_TEST_CASE(sample_feeds_read_without_errors) {
  if (!shell::IsDirectory(kDir)) {
    std::cout << "GW_SKIPPED: " << kDir << " not found" << std::endl;
    return;
  }
  for (std::size_t chunk : {std::size_t{1}, std::size_t{7}, std::size_t{64u << 10}}) {
    BOOST_TEST_CONTEXT("chunk " << chunk) {
      bool saw_munoz = false;
      Counts members = Count<CsvReader>("members.csv", chunk, [&](CsvReader& r) {
        if (r.record().Get("last_name") == "Muñoz") {
          saw_munoz = true;
          BOOST_TEST(r.record().Get("municipio") == "Peñuelas");
          BOOST_TEST(r.record().Get("address_line1") == "Carr. 2, Km 14.3");
          BOOST_TEST(r.record().line() == 4u);
        }
      });
      BOOST_TEST(members.records == 5u);
      BOOST_TEST(members.errors == 0u);
      BOOST_TEST(saw_munoz);
      bool saw_group = false;
      Counts eligibility = Count<CsvReader>("eligibility.csv", chunk, [&](CsvReader& r) {
        if (r.record().Get("group_name") == "Hospital Metro, Inc.") saw_group = true;
      });
      BOOST_TEST(eligibility.records == 6u);
      BOOST_TEST(eligibility.errors == 0u);
      BOOST_TEST(saw_group);
      Counts providers = Count<CsvReader>("providers.csv", chunk);
      BOOST_TEST(providers.records == 6u);
      BOOST_TEST(providers.errors == 0u);
      Counts care = Count<NdjsonReader>("care_management.ndjson", chunk, [](NdjsonReader& r) {
        BOOST_TEST(r.record().value.Find("case_id") != nullptr);
      });
      BOOST_TEST(care.records == 3u);
      BOOST_TEST(care.errors == 0u);
      Counts auth = Count<NdjsonReader>("prior_auth.ndjson", chunk, [](NdjsonReader& r) {
        BOOST_TEST(r.record().value.Find("case_number") != nullptr);
      });
      BOOST_TEST(auth.records == 4u);
      BOOST_TEST(auth.errors == 0u);
    }
  }
}

BOOST_AUTO_TEST_CASE(file_chunk_source_reports_missing_files_and_directories) {
  auto missing = shell::FileChunkSource::Open("/nonexistent/feed.csv");
  BOOST_TEST(missing.status().code() == StatusCode::kNotFound);
  auto dir = shell::FileChunkSource::Open("/tmp");
  BOOST_TEST(dir.status().code() == StatusCode::kIo);
}

}  // namespace
}  // namespace gw::feeds
