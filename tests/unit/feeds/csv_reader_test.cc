// CsvReader: RFC 4180 rules, line numbers, per-record errors and resynchronisation, limits,
// chunk-boundary independence and bounded memory.
#include "gateway/core/feeds/csv_reader.h"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "gateway/core/feeds/issue_codes.h"
#include "gateway/core/feeds/memory_chunk_source.h"
#include "gateway/core/feeds/ndjson_reader.h"
#include "gateway/core/json/write.h"
#include "tests/unit/feeds/feed_test_util.h"

namespace gw::feeds {
namespace {

using testing::DrainCsv;
using Lines = std::vector<std::string>;

Lines ReadAll(std::string_view text, FeedLimits limits = {}, std::size_t chunk = 64u << 10) {
  MemoryChunkSource source(text, chunk);
  CsvReader reader(source, limits);
  return DrainCsv(reader);
}

BOOST_AUTO_TEST_CASE(csv_reads_header_and_records_with_line_numbers) {
  Lines got = ReadAll("id,name,city\n1,Ana,Ponce\n2,Luis,San Juan\n");
  BOOST_TEST(got == (Lines{"R2|1|Ana|Ponce", "R3|2|Luis|San Juan", "END"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(csv_quoted_fields_hold_commas_quotes_and_line_breaks) {
  std::string text =
      "id,name,note\n"
      "1,\"Vélez, José\",\"he said \"\"hola\"\"\"\n"
      "2,\"two\nlines\",\"three\r\nline\nnote\"\n"
      "3,\"\",x\n";
  Lines got = ReadAll(text);
  BOOST_TEST(got == (Lines{"R2|1|Vélez, José|he said \"hola\"",
                           "R3|2|two\nlines|three\r\nline\nnote", "R7|3||x", "END"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(csv_accepts_crlf_lf_and_a_last_line_without_line_break) {
  BOOST_TEST(ReadAll("a,b\r\n1,2\r\n3,4") == (Lines{"R2|1|2", "R3|3|4", "END"}),
             boost::test_tools::per_element());
  BOOST_TEST(ReadAll("a,b\n1,2\r\n\"3\",\"4\"\r\n") == (Lines{"R2|1|2", "R3|3|4", "END"}),
             boost::test_tools::per_element());
  // A CR right before the end of input ends the record.
  BOOST_TEST(ReadAll("a,b\n1,2\r") == (Lines{"R2|1|2", "END"}), boost::test_tools::per_element());
  // A lone CR inside a line is data.
  BOOST_TEST(ReadAll("a,b\n1\r2,3\n") == (Lines{"R2|1\r2|3", "END"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(csv_skips_a_byte_order_mark_only_at_the_start) {
  BOOST_TEST(ReadAll("\xEF\xBB\xBFid,x\n1,2\n") == (Lines{"R2|1|2", "END"}),
             boost::test_tools::per_element());
  MemoryChunkSource source("\xEF\xBB\xBFid,x\n1,2\n");
  CsvReader reader(source);
  BOOST_TEST_REQUIRE(reader.Next().ok());
  BOOST_TEST(reader.header()->names[0] == "id");
  // Anywhere else it is data (valid UTF-8: U+FEFF).
  BOOST_TEST(ReadAll("id,x\n\xEF\xBB\xBF"
                     "1,2\n") == (Lines{"R2|\xEF\xBB\xBF"
                                        "1|2",
                                        "END"}),
             boost::test_tools::per_element());
  // The first bytes of a mark that is not one are data.
  BOOST_TEST(
      ReadAll("\xEF\xBBid,x\n1,2\n") == (Lines{"STATUS|INVALID_ARGUMENT|csv-header-malformed"}),
      boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(csv_keeps_spanish_letters) {
  MemoryChunkSource source("apellido,municipio\nMuñoz,Bayamón\nVélez,Peñuelas\n");
  CsvReader reader(source);
  BOOST_TEST_REQUIRE(*reader.Next() == ReadStep::kRecord);
  BOOST_TEST(reader.record().Get("apellido") == "Muñoz");
  BOOST_TEST(reader.record().Get("municipio") == "Bayamón");
  BOOST_TEST(reader.record().Get("nope") == "");
  BOOST_TEST_REQUIRE(*reader.Next() == ReadStep::kRecord);
  BOOST_TEST(reader.record().Get("municipio") == "Peñuelas");
}

BOOST_AUTO_TEST_CASE(csv_reports_invalid_utf8_with_its_column_and_goes_on) {
  std::string text = "id,name,city\n1,Mu\xC3,Ponce\n2,\"B\xFFy\",x\n3,ok,\xED\xA0\x80\n4,a,b\n";
  BOOST_TEST(ReadAll(text) == (Lines{"E2|csv-invalid-utf8|name", "E3|csv-invalid-utf8|name",
                                     "E4|csv-invalid-utf8|city", "R5|4|a|b", "END"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(csv_reports_wrong_field_counts) {
  std::string text = "id,name,city\n1,a\n2,a,b,c\n3,a,b\n\n4,a,b,\n5,a,b\n";
  BOOST_TEST(ReadAll(text) == (Lines{"E2|csv-field-count|city", "E3|csv-field-count|", "R4|3|a|b",
                                     "E6|csv-field-count|", "R7|5|a|b", "END"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(csv_reports_quote_errors_and_resynchronises) {
  std::string text =
      "id,name\n"
      "1,ab\"c\n"    // quote inside an unquoted field
      "2,\"ab\"c\n"  // text after the closing quote
      "3,\"ok\"\n"
      "4,\"x\"y,\"multi\nline\"\n"  // the error record still ends where the quoting says
      "5,fine\n";
  BOOST_TEST(ReadAll(text) == (Lines{"E2|csv-quote-in-unquoted-field|name",
                                     "E3|csv-text-after-closing-quote|name", "R4|3|ok",
                                     "E5|csv-text-after-closing-quote|name", "R7|5|fine", "END"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(csv_reports_a_truncated_last_line) {
  BOOST_TEST(ReadAll("id,name\n1,a\n2,\"Bayam") ==
                 (Lines{"R2|1|a", "E3|csv-unterminated-quote|name", "END"}),
             boost::test_tools::per_element());
  BOOST_TEST(ReadAll("id,name,city\n1,a,b\n2,Bay") ==
                 (Lines{"R2|1|a|b", "E3|csv-field-count|city", "END"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(csv_skips_empty_lines_but_counts_them) {
  BOOST_TEST(ReadAll("\n\r\nid,x\n\n1,2\r\n\r\n3,4\n\n") == (Lines{"R5|1|2", "R7|3|4", "END"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(csv_header_problems_stop_the_feed) {
  auto status_of = [](std::string_view text) { return ReadAll(text); };
  BOOST_TEST(status_of("") == (Lines{"STATUS|INVALID_ARGUMENT|csv-no-header"}),
             boost::test_tools::per_element());
  BOOST_TEST(status_of("\n\r\n\n") == (Lines{"STATUS|INVALID_ARGUMENT|csv-no-header"}),
             boost::test_tools::per_element());
  BOOST_TEST(status_of("a,,c\n1,2,3\n") == (Lines{"STATUS|INVALID_ARGUMENT|csv-header-empty-name"}),
             boost::test_tools::per_element());
  BOOST_TEST(
      status_of("a,b,a\n1,2,3\n") == (Lines{"STATUS|INVALID_ARGUMENT|csv-header-duplicate-name"}),
      boost::test_tools::per_element());
  BOOST_TEST(status_of("a,\"b\n") == (Lines{"STATUS|INVALID_ARGUMENT|csv-header-malformed"}),
             boost::test_tools::per_element());
  // The status is sticky and names the column.
  MemoryChunkSource source("id,name,id\n1,2,3\n");
  CsvReader reader(source);
  auto first = reader.Next();
  BOOST_TEST(first.status().code() == StatusCode::kInvalidArgument);
  BOOST_TEST(reader.error().column == "id");
  BOOST_TEST(reader.error().line == 1u);
  BOOST_TEST(reader.Next().status().code() == StatusCode::kInvalidArgument);
  // A header alone is a feed with no records.
  BOOST_TEST(ReadAll("id,name") == (Lines{"END"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(csv_enforces_the_limits_per_record) {
  FeedLimits limits;
  limits.max_field_bytes = 8;
  limits.max_record_bytes = 20;
  limits.max_fields = 4;
  std::string text =
      "a,b,c\n"
      "123456789,x,y\n"               // field over 8 bytes
      "\"123\n5678\",x,y\n"           // exactly 8 bytes with its line break
      "12345678,12345678,12345678\n"  // record over 20 bytes
      "1,2,3\n";
  BOOST_TEST(ReadAll(text, limits) == (Lines{"E2|csv-field-too-large|a", "R3|123\n5678|x|y",
                                             "E5|csv-record-too-large|c", "R6|1|2|3", "END"}),
             boost::test_tools::per_element());
  BOOST_TEST(ReadAll("a,b,c,d,e\n1,2,3,4,5\n", limits) ==
                 (Lines{"STATUS|INVALID_ARGUMENT|csv-header-too-many-columns"}),
             boost::test_tools::per_element());
  BOOST_TEST(ReadAll("a,b,c,d\n1,2,3,4\n", limits) == (Lines{"R2|1|2|3|4", "END"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(csv_record_to_json_omits_empty_fields) {
  MemoryChunkSource source("member_id,middle_name,last_name\nMMM1,,Muñoz\n");
  CsvReader reader(source);
  BOOST_TEST_REQUIRE(*reader.Next() == ReadStep::kRecord);
  json::Value v = reader.record().ToJson();
  BOOST_TEST(json::Write(v) == "{\"member_id\":\"MMM1\",\"last_name\":\"Muñoz\"}");
  BOOST_TEST(v.line() == 2u);
  // A copy outlives the reader's next record.
  CsvRecord kept = reader.record();
  BOOST_TEST(*reader.Next() == ReadStep::kEnd);
  BOOST_TEST(kept.field(2) == "Muñoz");
  BOOST_TEST(kept.column_name(0) == "member_id");
}

BOOST_AUTO_TEST_CASE(csv_source_failure_is_a_sticky_status) {
  testing::FailingSource source("a,b\n1,2\n3,");
  CsvReader reader(source);
  BOOST_TEST(*reader.Next() == ReadStep::kRecord);
  BOOST_TEST(reader.Next().status().code() == StatusCode::kIo);
  BOOST_TEST(reader.Next().status().code() == StatusCode::kIo);
}

// Everything above, in one input, read with chunk boundaries at every position.
const char kTricky[] =
    "\xEF\xBB\xBFid,name,note\r\n"
    "1,\"Muñoz, Luis\",\"a \"\"b\"\"\r\nc\"\r\n"
    "\r\n"
    "2,Bayamón,\r\n"
    "3,Mu\xC3,x\n"
    "4,ab\"c,x\n"
    "5,\"ab\"c,x\n"
    "6,short\n"
    "7,a,b,c\n"
    "8,\"\",\"\"\"\"\r"
    "\n9,lone\rcr,\"x\"\n"
    "10,\"unterminated";

BOOST_AUTO_TEST_CASE(csv_results_do_not_depend_on_chunk_boundaries) {
  const std::string_view text(kTricky, sizeof kTricky - 1);
  const Lines expected = ReadAll(text);
  BOOST_TEST(expected == (Lines{"R2|1|Muñoz, Luis|a \"b\"\r\nc", "R5|2|Bayamón|",
                                "E6|csv-invalid-utf8|name", "E7|csv-quote-in-unquoted-field|name",
                                "E8|csv-text-after-closing-quote|name", "E9|csv-field-count|note",
                                "E10|csv-field-count|", "R11|8||\"", "R12|9|lone\rcr|x",
                                "E13|csv-unterminated-quote|name", "END"}),
             boost::test_tools::per_element());
  BOOST_TEST(ReadAll(text, {}, 1) == expected, boost::test_tools::per_element());
  for (std::size_t cut = 0; cut <= text.size(); ++cut) {
    MemoryChunkSource source(text, std::vector<std::size_t>{cut});
    CsvReader reader(source);
    BOOST_TEST_REQUIRE(testing::DrainCsv(reader) == expected, "cut at " << cut);
  }
  for (std::size_t a = 0; a <= text.size(); ++a) {
    for (std::size_t b = a + 1; b <= text.size(); b += 3) {
      MemoryChunkSource source(text, std::vector<std::size_t>{a, b});
      CsvReader reader(source);
      BOOST_TEST_REQUIRE(testing::DrainCsv(reader) == expected, "cuts at " << a << ", " << b);
    }
  }
}

std::string MemberRow(std::size_t i) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "MMM%011zu,%s,\"Muñoz, Ana\",Bayamón,%s,PR,00959\n", i,
                i % 3 == 0 ? "F" : "M", i % 1000 == 7 ? "\"Calle 5\nApt 2\"" : "Calle 5");
  return buf;
}

BOOST_AUTO_TEST_CASE(csv_streams_a_long_feed_in_bounded_memory) {
  constexpr std::size_t kRows = 200'000;
  testing::GeneratorSource source(kRows + 1, [](std::size_t i) {
    return i == 0 ? std::string("member_id,sex,name,municipio,address,state,zip\n")
                  : MemberRow(i - 1);
  });
  CsvReader reader(source);
  std::size_t records = 0;
  std::uint32_t last_line = 0;
  const auto start = std::chrono::steady_clock::now();
  for (;;) {
    auto step = reader.Next();
    BOOST_TEST_REQUIRE(step.ok());
    if (*step == ReadStep::kEnd) break;
    BOOST_TEST_REQUIRE((*step == ReadStep::kRecord));
    ++records;
    last_line = reader.record().line();
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST_MESSAGE("csv: " << records / seconds << " records/s");
  BOOST_TEST(records == kRows);
  // One line each, plus one more for every record whose address spans two lines.
  BOOST_TEST(last_line == 1 + kRows + kRows / 1000);
  BOOST_TEST(reader.buffered_high_water() < 256u);
}

BOOST_AUTO_TEST_CASE(csv_huge_field_is_skipped_without_buffering_it) {
  // A 20 MiB quoted field arrives in 64 KiB chunks; the reader keeps at most the field limit.
  constexpr std::size_t kChunks = 320;
  testing::GeneratorSource source(kChunks + 3, [](std::size_t i) {
    if (i == 0) return std::string("id,blob\n1,\"");
    if (i <= kChunks) return std::string(64u << 10, i % 2 ? 'x' : '\n');
    if (i == kChunks + 1) return std::string("\"\n");
    return std::string("2,small\n");
  });
  CsvReader reader(source);
  Lines got = testing::DrainCsv(reader);
  const std::size_t line_breaks = (kChunks / 2) * (64u << 10);
  BOOST_TEST(got == (Lines{"E2|csv-field-too-large|blob",
                           "R" + std::to_string(3 + line_breaks) + "|2|small", "END"}),
             boost::test_tools::per_element());
  // The field limit, plus the one byte of the record's first field.
  BOOST_TEST(reader.buffered_high_water() <= FeedLimits{}.max_field_bytes + 1);
}

}  // namespace
}  // namespace gw::feeds

namespace gw::feeds {
namespace {

// Throughput of the reader alone over simple rows held in memory (reported, not asserted: the
// machine is shared).
BOOST_AUTO_TEST_CASE(csv_throughput_of_simple_rows) {
  constexpr std::size_t kRows = 500'000;
  std::string text = "member_id,sex,zip,plan,status\n";
  text.reserve(kRows * 40);
  for (std::size_t i = 0; i < kRows; ++i) {
    text += "MMM" + std::to_string(10'000'000 + i) + ",F,00959,MAPD,A\n";
  }
  MemoryChunkSource source(text);
  CsvReader reader(source);
  std::size_t records = 0;
  std::size_t bytes = 0;
  const auto start = std::chrono::steady_clock::now();
  for (auto step = reader.Next(); step.ok() && *step == ReadStep::kRecord; step = reader.Next()) {
    ++records;
    bytes += reader.record().field(0).size();
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST(records == kRows);
  BOOST_TEST(bytes == kRows * 11);
  BOOST_TEST_MESSAGE("csv simple rows: " << static_cast<long>(records / seconds) << " records/s, "
                                         << static_cast<long>(text.size() / seconds / 1e6)
                                         << " MB/s");
}

BOOST_AUTO_TEST_CASE(ndjson_throughput_of_simple_lines) {
  constexpr std::size_t kLines = 200'000;
  std::string text;
  for (std::size_t i = 0; i < kLines; ++i) {
    text += "{\"case_id\":\"CM-" + std::to_string(i) + "\",\"status\":\"active\",\"n\":1}\n";
  }
  MemoryChunkSource source(text);
  NdjsonReader reader(source);
  std::size_t records = 0;
  const auto start = std::chrono::steady_clock::now();
  for (auto step = reader.Next(); step.ok() && *step == ReadStep::kRecord; step = reader.Next()) {
    ++records;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST(records == kLines);
  BOOST_TEST_MESSAGE("ndjson simple lines: " << static_cast<long>(records / seconds)
                                             << " records/s");
}

}  // namespace
}  // namespace gw::feeds
