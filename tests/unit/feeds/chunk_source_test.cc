// MemoryChunkSource and the UTF-8 check the CSV reader applies to every field.
#define BOOST_TEST_MODULE feeds
#include <boost/test/unit_test.hpp>
#include <random>
#include <string>
#include <vector>

#include "gateway/core/base/utf8.h"
#include "gateway/core/feeds/memory_chunk_source.h"

namespace gw::feeds {
namespace {

std::vector<std::string> Chunks(MemoryChunkSource& source) {
  std::vector<std::string> out;
  for (;;) {
    auto next = source.Next();
    BOOST_TEST_REQUIRE(next.ok());
    if (next->empty()) break;
    out.emplace_back(*next);
  }
  BOOST_TEST(source.Next()->empty());  // the end stays the end
  return out;
}

BOOST_AUTO_TEST_CASE(memory_source_hands_out_fixed_chunks_or_cuts) {
  MemoryChunkSource fixed("abcdefg", 3);
  BOOST_TEST(Chunks(fixed) == (std::vector<std::string>{"abc", "def", "g"}),
             boost::test_tools::per_element());
  MemoryChunkSource cut("abcdefg", std::vector<std::size_t>{0, 2, 2, 1, 5, 99});
  BOOST_TEST(Chunks(cut) == (std::vector<std::string>{"ab", "cde", "fg"}),
             boost::test_tools::per_element());
  MemoryChunkSource empty("", 4);
  BOOST_TEST(Chunks(empty).empty());
}

BOOST_AUTO_TEST_CASE(utf8_check_agrees_with_the_strict_decoder) {
  for (const char* s :
       {"", "abc", "Muñoz", "Bayamón", "\xF0\x9F\x98\x80", "\xEF\xBB\xBF", "\xC0\xAF",
        "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xC3", "\x80", "\xC3\x28", "\xFF",
        "abcdefgh\xC3\xB1ijklmnop", "abcdefghijklmno\xC3"}) {
    BOOST_TEST(IsValidUtf8(s) == DecodeUtf8(s).has_value(), s);
  }
  std::mt19937 rng(42);
  const unsigned char interesting[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0,
                                       0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
  for (int n = 0; n < 200'000; ++n) {
    std::string s(rng() % 12, '\0');
    for (char& c : s) c = static_cast<char>(interesting[rng() % sizeof interesting]);
    BOOST_TEST_REQUIRE(IsValidUtf8(s) == DecodeUtf8(s).has_value());
  }
}

}  // namespace
}  // namespace gw::feeds

#include "gateway/core/feeds/feed_error.h"
#include "gateway/core/feeds/issue_codes.h"

namespace gw::feeds {
namespace {

BOOST_AUTO_TEST_CASE(feed_error_becomes_an_issue_located_by_feed_line_and_column) {
  FeedError e;
  e.code = codes::kCsvInvalidUtf8;
  e.line = 12;
  e.column = "last_name";
  Issue issue = ToIssue(e, "members.csv");
  BOOST_TEST(issue.code == "csv-invalid-utf8");
  BOOST_TEST(issue.location == "members.csv:12:last_name");
  BOOST_TEST((issue.severity == Severity::kError));
  e.column.clear();
  e.code = codes::kCsvHeaderDuplicateName;
  Issue fatal = ToIssue(e, "members.csv", /*feed_level=*/true);
  BOOST_TEST(fatal.location == "members.csv:12");
  BOOST_TEST((fatal.severity == Severity::kFatal));
}

}  // namespace
}  // namespace gw::feeds
