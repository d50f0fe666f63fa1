// MemberIndex and the optional-field checks: pure, no corpora needed.
#include <boost/test/unit_test.hpp>

#include <optional>
#include <string>

#include "gateway/core/ingest/issue_codes.h"
#include "gateway/core/ingest/member_index.h"
#include "gateway/core/ingest/optional_fields.h"
#include "gateway/core/ingest/provider_index.h"

namespace gw::ingest {
namespace {

BOOST_AUTO_TEST_CASE(member_index_finds_after_freeze) {
  MemberIndex index;
  BOOST_TEST(index.Add("MMM00012345601", "MMM00012345601", "18", 2, true));
  BOOST_TEST(index.Add("MMM00012345602", "MMM00012345601", "01", 3, false));
  BOOST_TEST(index.Add("X-77", "X-70", "G8", 4, true));
  BOOST_TEST(index.Add("MMM0001", "MMM001", "19", 5, true));  // same number, other widths
  // Duplicate: refused, the first row wins.
  BOOST_TEST(!index.Add("MMM00012345601", "MMM00099999900", "19", 6, false));
  BOOST_TEST(!index.Find("MMM00012345601").has_value());  // not frozen yet
  index.Freeze();
  BOOST_TEST(index.size() == 4u);
  auto short_id = index.Find("MMM0001");
  BOOST_TEST_REQUIRE(short_id.has_value());
  BOOST_TEST(short_id->subscriber_id == "MMM001");
  BOOST_TEST(!index.Find("MMM01").has_value());
  auto a = index.Find("MMM00012345601");
  BOOST_TEST_REQUIRE(a.has_value());
  BOOST_TEST(a->subscriber_id == "MMM00012345601");
  BOOST_TEST(a->relationship == "18");
  BOOST_TEST(a->line == 2u);
  BOOST_TEST(a->accepted);
  auto b = index.Find("MMM00012345602");
  BOOST_TEST_REQUIRE(b.has_value());
  BOOST_TEST(!b->accepted);
  BOOST_TEST(b->relationship == "01");
  auto c = index.Find("X-77");
  BOOST_TEST_REQUIRE(c.has_value());
  BOOST_TEST(c->subscriber_id == "X-70");
  BOOST_TEST(c->line == 4u);
  BOOST_TEST(!index.Find("MMM00012345603").has_value());
  BOOST_TEST(!index.Find("X-7").has_value());
}

BOOST_AUTO_TEST_CASE(member_index_first_line_while_building_and_frozen) {
  MemberIndex index;
  BOOST_TEST(!index.FirstLine("MMM00012345601").has_value());
  // Enough members to grow the hash table several times; ids of both forms.
  for (std::uint32_t i = 0; i < 5000; ++i) {
    const std::string n = std::to_string(100000 + i);
    BOOST_TEST_REQUIRE(index.Add("MMM000" + n + "01", "MMM000" + n + "00", "19", i + 2, true));
    BOOST_TEST_REQUIRE(index.Add("ext-" + n, "", "", i + 10000, i % 2 == 0));
  }
  BOOST_TEST((index.FirstLine("MMM00010012301") == std::optional<std::uint32_t>(125)));
  BOOST_TEST((index.FirstLine("ext-100123") == std::optional<std::uint32_t>(10123)));
  BOOST_TEST(!index.FirstLine("MMM00010012300").has_value());  // a subscriber, not a member
  BOOST_TEST(!index.FirstLine("ext-99").has_value());
  BOOST_TEST(!index.Add("ext-100123", "", "", 99999, true));
  BOOST_TEST(!index.Add("MMM00010012301", "", "", 99999, true));
  index.Freeze();
  BOOST_TEST(index.size() == 10000u);
  BOOST_TEST((index.FirstLine("MMM00010012301") == std::optional<std::uint32_t>(125)));
  BOOST_TEST((index.FirstLine("ext-100123") == std::optional<std::uint32_t>(10123)));
  auto e = index.Find("ext-100124");
  BOOST_TEST_REQUIRE(e.has_value());
  BOOST_TEST(e->accepted);
  BOOST_TEST(e->subscriber_id.empty());
  BOOST_TEST(e->line == 10124u);
  // Adding after Freeze still refuses duplicates (then Freeze again to Find).
  BOOST_TEST(!index.Add("ext-100124", "", "", 1, false));
  BOOST_TEST(index.Add("ext-new", "ext-100124", "01", 20001, true));
  index.Freeze();
  BOOST_TEST(index.size() == 10001u);
  BOOST_TEST(index.Find("ext-new")->subscriber_id == "ext-100124");
  BOOST_TEST(index.Find("ext-100124")->line == 10124u);
}

BOOST_AUTO_TEST_CASE(provider_index_kinds) {
  ProviderIndex index;
  index.Add("1450099118", true);
  index.Add("1234567893", false);
  index.Add("not-an-npi", true);
  index.Freeze();
  BOOST_TEST(index.size() == 2u);
  BOOST_TEST(index.KindOf("1450099118") == "organization");
  BOOST_TEST(index.KindOf("1234567893") == "individual");
  BOOST_TEST(index.KindOf("1598762346").empty());
}

BOOST_AUTO_TEST_CASE(optional_field_checks) {
  BOOST_TEST(IsMbi("1EG4TE5MK73"));
  BOOST_TEST(!IsMbi("2FH5UF6NL84"));  // L at position 9
  BOOST_TEST(!IsMbi("0EG4TE5MK73"));
  BOOST_TEST(!IsMbi("1EG4TE5MK7"));
  BOOST_TEST(IsNpi("1234567893"));
  BOOST_TEST(IsNpi("1598762346"));
  BOOST_TEST(!IsNpi("1234567890"));
  BOOST_TEST(IsPhone10("7875550142"));
  BOOST_TEST(!IsPhone10("787555014"));
  BOOST_TEST(IsEmail("luis.munoz@example.org"));
  BOOST_TEST(!IsEmail("luis munoz@example.org"));
  BOOST_TEST(OptionalFieldCheck("members.csv", "medicare_mbi") == codes::kInvalidMbi);
  BOOST_TEST(OptionalFieldCheck("members.csv", "birth_date") == nullptr);
}

}  // namespace
}  // namespace gw::ingest
