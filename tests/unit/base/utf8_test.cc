// UTF-8 encoding and strict decoding.
#include <boost/test/unit_test.hpp>

#include <string>

#include "gateway/core/base/utf8.h"

BOOST_AUTO_TEST_CASE(utf8_round_trips_every_length) {
  for (char32_t cp : {U'A', U'\u00e9', U'\u4e3f', U'\U0001F600', U'\U0010FFFF'}) {
    std::string s;
    gw::AppendUtf8(cp, &s);
    auto back = gw::DecodeUtf8(s);
    BOOST_TEST_REQUIRE(back.has_value());
    BOOST_TEST((*back == std::u32string(1, cp)));
  }
  std::string none;
  gw::AppendUtf8(0x110000, &none);
  BOOST_TEST(none.empty());
}

BOOST_AUTO_TEST_CASE(utf8_decoding_refuses_ill_formed_text) {
  for (const char* bad : {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xC3",
                          "\x80", "\xC3\x28", "\xFF"}) {
    BOOST_TEST(!gw::DecodeUtf8(bad).has_value(), bad);
  }
  BOOST_TEST(gw::DecodeUtf8("").has_value());
}
