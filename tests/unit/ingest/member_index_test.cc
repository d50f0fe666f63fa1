// MemberIndex and the optional-field checks: pure, no corpora needed.
#include <boost/test/unit_test.hpp>

#include "gateway/core/ingest/issue_codes.h"
#include "gateway/core/ingest/member_index.h"
#include "gateway/core/ingest/optional_fields.h"
#include "gateway/core/ingest/provider_index.h"

namespace gw::ingest {
namespace {

BOOST_AUTO_TEST_CASE(member_index_finds_after_freeze) {
  MemberIndex index;
  index.Add("MMM00012345601", "MMM00012345601", "18", true);
  index.Add("MMM00012345602", "MMM00012345601", "01", false);
  index.Add("X-77", "X-70", "G8", true);
  index.Add("MMM0001", "MMM001", "19", true);  // same number, other widths
  index.Add("MMM00012345601", "MMM00099999900", "19", false);  // duplicate: first wins
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
  BOOST_TEST(a->accepted);
  auto b = index.Find("MMM00012345602");
  BOOST_TEST_REQUIRE(b.has_value());
  BOOST_TEST(!b->accepted);
  BOOST_TEST(b->relationship == "01");
  auto c = index.Find("X-77");
  BOOST_TEST_REQUIRE(c.has_value());
  BOOST_TEST(c->subscriber_id == "X-70");
  BOOST_TEST(!index.Find("MMM00012345603").has_value());
  BOOST_TEST(!index.Find("X-7").has_value());
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
