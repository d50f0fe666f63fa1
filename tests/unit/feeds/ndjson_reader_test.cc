// NdjsonReader: one object per line, line numbers, per-line errors, limits, chunk-boundary
// independence and bounded memory.
#include "gateway/core/feeds/ndjson_reader.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "gateway/core/feeds/issue_codes.h"
#include "gateway/core/feeds/memory_chunk_source.h"
#include "tests/unit/feeds/feed_test_util.h"

namespace gw::feeds {
namespace {

using Lines = std::vector<std::string>;

Lines ReadAll(std::string_view text, FeedLimits limits = {}, std::size_t chunk = 64u << 10,
              json::ParseLimits json_limits = {}) {
  MemoryChunkSource source(text, chunk);
  NdjsonReader reader(source, limits, json_limits);
  return testing::DrainNdjson(reader);
}

BOOST_AUTO_TEST_CASE(ndjson_reads_objects_with_line_numbers_and_skips_blank_lines) {
  BOOST_TEST(ReadAll("{\"a\":1}\n\n  \t\r\n{\"b\":\"Bayamón\"}\r\n{\"c\":1.50}") ==
                 (Lines{"R1|{\"a\":1}", "R4|{\"b\":\"Bayamón\"}", "R5|{\"c\":1.50}", "END"}),
             boost::test_tools::per_element());
  BOOST_TEST(ReadAll("") == (Lines{"END"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(ndjson_reports_bad_lines_and_goes_on) {
  std::string text =
      "{\"a\":1}\n"
      "{\"a\":\n"            // not JSON
      "[1,2]\n"              // not an object
      "{\"a\":1,\"a\":2}\n"  // duplicate key: the parser's rule
      "\"Mu\xC3\"\n"         // broken UTF-8
      "{\"ok\":true}\n";
  BOOST_TEST(ReadAll(text) ==
                 (Lines{"R1|{\"a\":1}", "E2|ndjson-not-json|/a", "E3|ndjson-not-object|",
                        "E4|ndjson-not-json|/a", "E5|ndjson-not-json|", "R6|{\"ok\":true}", "END"}),
             boost::test_tools::per_element());
  MemoryChunkSource source("{\"a\":\n{\"a\":1,\"a\":2}\n");
  NdjsonReader reader(source);
  BOOST_TEST(*reader.Next() == ReadStep::kError);
  BOOST_TEST(reader.error().cause == "json-syntax");
  BOOST_TEST(reader.error().line == 1u);
  BOOST_TEST(*reader.Next() == ReadStep::kError);
  BOOST_TEST(reader.error().cause == "json-duplicate-key");
}

BOOST_AUTO_TEST_CASE(ndjson_applies_the_json_limits) {
  json::ParseLimits json_limits;
  json_limits.max_depth = 3;
  MemoryChunkSource source("{\"a\":{\"b\":{\"c\":{}}}}\n{\"a\":{}}\n");
  NdjsonReader reader(source, {}, json_limits);
  BOOST_TEST(*reader.Next() == ReadStep::kError);
  BOOST_TEST(reader.error().code == codes::kNdjsonNotJson);
  BOOST_TEST(reader.error().cause == "json-too-deep");
  BOOST_TEST(*reader.Next() == ReadStep::kRecord);
}

BOOST_AUTO_TEST_CASE(ndjson_reports_a_truncated_last_line) {
  BOOST_TEST(ReadAll("{\"a\":1}\n{\"case\":\"UM-26") ==
                 (Lines{"R1|{\"a\":1}", "E2|ndjson-truncated-line|/case", "END"}),
             boost::test_tools::per_element());
  // A complete last line without a line break is fine.
  BOOST_TEST(ReadAll("{\"a\":1}\n{\"b\":2}") == (Lines{"R1|{\"a\":1}", "R2|{\"b\":2}", "END"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(ndjson_skips_long_lines_without_buffering_them) {
  FeedLimits limits;
  limits.max_record_bytes = 16;
  std::string text =
      "{\"a\":\"0123456789\"}\n{\"a\":\"012345678\"}\n{\"b\":2}\n{\"a\":\"0123456789\"}";
  for (std::size_t chunk : {1, 3, 7, 64}) {
    MemoryChunkSource source(text, chunk);
    NdjsonReader reader(source, limits);
    BOOST_TEST(testing::DrainNdjson(reader) ==
                   (Lines{"E1|ndjson-line-too-long|", "E2|ndjson-line-too-long|", "R3|{\"b\":2}",
                          "E4|ndjson-line-too-long|", "END"}),
               boost::test_tools::per_element());
    BOOST_TEST(reader.buffered_high_water() <= 16u);
  }
  // 50 MiB on one line, 64 KiB at a time.
  testing::GeneratorSource source(802, [](std::size_t i) {
    if (i == 0) return std::string("{\"a\":\"");
    if (i <= 800) return std::string(64u << 10, 'x');
    return std::string("\"}\n{\"b\":1}\n");
  });
  NdjsonReader reader(source);
  BOOST_TEST(
      testing::DrainNdjson(reader) == (Lines{"E1|ndjson-line-too-long|", "R2|{\"b\":1}", "END"}),
      boost::test_tools::per_element());
  BOOST_TEST(reader.buffered_high_water() <= FeedLimits{}.max_record_bytes);
}

BOOST_AUTO_TEST_CASE(ndjson_source_failure_is_a_sticky_status) {
  testing::FailingSource source("{\"a\":1}\n{\"b\"");
  NdjsonReader reader(source);
  BOOST_TEST(*reader.Next() == ReadStep::kRecord);
  BOOST_TEST(reader.Next().status().code() == StatusCode::kIo);
  BOOST_TEST(reader.Next().status().code() == StatusCode::kIo);
}

BOOST_AUTO_TEST_CASE(ndjson_results_do_not_depend_on_chunk_boundaries) {
  const std::string text =
      "{\"name\":\"Dr. José Vélez\",\"n\":1.50}\r\n"
      "\n"
      "{\"a\":\n"
      "[1]\n"
      "{\"too\":\"long long long long long long long\"}\n"
      "   \n"
      "{\"x\":{\"y\":[null,true]}}\n"
      "{\"trunc\":";
  FeedLimits limits;
  limits.max_record_bytes = 40;
  const Lines expected = ReadAll(text, limits);
  BOOST_TEST(expected == (Lines{"R1|{\"name\":\"Dr. José Vélez\",\"n\":1.50}",
                                "E3|ndjson-not-json|/a", "E4|ndjson-not-object|",
                                "E5|ndjson-line-too-long|", "R7|{\"x\":{\"y\":[null,true]}}",
                                "E8|ndjson-truncated-line|/trunc", "END"}),
             boost::test_tools::per_element());
  for (std::size_t a = 0; a <= text.size(); ++a) {
    for (std::size_t b = a; b <= text.size(); b += 2) {
      MemoryChunkSource source(text, std::vector<std::size_t>{a, b});
      NdjsonReader reader(source, limits);
      BOOST_TEST_REQUIRE(testing::DrainNdjson(reader) == expected, "cuts at " << a << ", " << b);
    }
  }
}

BOOST_AUTO_TEST_CASE(ndjson_streams_a_long_feed_in_bounded_memory) {
  constexpr std::size_t kLines = 200'000;
  // Chunks of 1000 bytes that cut lines anywhere.
  std::string pending;
  std::size_t next_line = 0;
  testing::GeneratorSource source(1'000'000, [&](std::size_t) {
    while (pending.size() < 1000 && next_line < kLines) {
      pending += "{\"case_id\":\"CM-" + std::to_string(next_line++) +
                 "\",\"status\":\"active\",\"name\":\"Luz Marrero\"}\n";
    }
    std::string chunk = pending.substr(0, 1000);
    pending.erase(0, chunk.size());
    return chunk;
  });
  NdjsonReader reader(source);
  std::size_t records = 0;
  for (;;) {
    auto step = reader.Next();
    BOOST_TEST_REQUIRE(step.ok());
    if (*step == ReadStep::kEnd) break;
    BOOST_TEST_REQUIRE((*step == ReadStep::kRecord));
    BOOST_TEST_REQUIRE(reader.record().line == records + 1);
    ++records;
  }
  BOOST_TEST(records == kLines);
  BOOST_TEST(reader.buffered_high_water() < 128u);
}

}  // namespace
}  // namespace gw::feeds
