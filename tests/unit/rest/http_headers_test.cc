#include "gateway/core/rest/http_headers.h"

#include <boost/test/unit_test.hpp>

namespace gw::rest {
namespace {

BOOST_AUTO_TEST_CASE(http_dates_are_imf_fixdates_in_gmt) {
  BOOST_TEST(HttpDate(0) == "Thu, 01 Jan 1970 00:00:00 GMT");
  BOOST_TEST(HttpDate(1'700'000'000'999) == "Tue, 14 Nov 2023 22:13:20 GMT");
  BOOST_TEST(HttpDate(951'782'400'000) == "Tue, 29 Feb 2000 00:00:00 GMT");
  BOOST_TEST(HttpDate(-1) == "Wed, 31 Dec 1969 23:59:59 GMT");
}

BOOST_AUTO_TEST_CASE(etags_are_weak_and_parse_back) {
  BOOST_TEST(EtagOf(3) == "W/\"3\"");
  BOOST_TEST(ParseEtagVersion("W/\"3\"").value() == 3);
  BOOST_TEST(ParseEtagVersion("\"12\"").value() == 12);
  BOOST_TEST(!ParseEtagVersion("W/\"abc\"").has_value());
}

}  // namespace
}  // namespace gw::rest
