// SHA-1 against the FIPS 180 example vectors, and version-5 UUIDs under the RFC 4122 DNS
// namespace.
#include <boost/test/unit_test.hpp>

#include <string>

#include "gateway/core/base/sha1.h"

namespace {

std::string Hex(std::string_view s) {
  gw::Sha1Bytes d = gw::Sha1Digest(s);
  return gw::HexLower(d.data(), d.size());
}

}  // namespace

BOOST_AUTO_TEST_CASE(sha1_matches_the_standard_vectors) {
  BOOST_TEST(Hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d");
  BOOST_TEST(Hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  BOOST_TEST(Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
             "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  BOOST_TEST(Hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
                 "klmnopqrlmnopqrsmnopqrstnopqrstu") ==
             "a49b2446a02c645bf419f995b67091253a04a259");
  BOOST_TEST(Hex(std::string(1000000, 'a')) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

BOOST_AUTO_TEST_CASE(sha1_incremental_updates_equal_one_shot) {
  std::string text(1000, 'x');
  for (std::size_t i = 0; i < text.size(); ++i) text[i] = static_cast<char>('a' + i % 26);
  for (std::size_t step : {1u, 3u, 63u, 64u, 65u, 200u}) {
    gw::Sha1 s;
    for (std::size_t i = 0; i < text.size(); i += step) {
      s.Update(std::string_view(text).substr(i, step));
    }
    gw::Sha1Bytes d = s.Finish();
    BOOST_TEST(gw::HexLower(d.data(), d.size()) == Hex(text), "step " << step);
  }
}

BOOST_AUTO_TEST_CASE(name_uuid_v5_under_the_dns_namespace) {
  auto dns = gw::ParseUuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
  BOOST_TEST_REQUIRE(dns.has_value());
  BOOST_TEST(gw::UuidText(*dns) == "6ba7b810-9dad-11d1-80b4-00c04fd430c8");
  BOOST_TEST(gw::NameUuidV5(*dns, "www.widgets.com") == "21f7f8de-8051-5b89-8680-0195ef798b6a");
  BOOST_TEST(gw::NameUuidV5(*dns, "python.org") == "886313e1-3b8a-5372-9b90-0c9aee199e5d");
}

BOOST_AUTO_TEST_CASE(uuid_text_is_checked) {
  BOOST_TEST(gw::ParseUuid("6BA7B810-9DAD-11D1-80B4-00C04FD430C8").has_value());
  for (const char* bad : {"", "6ba7b810-9dad-11d1-80b4-00c04fd430c", "6ba7b810x9dad-11d1-80b4-00c04fd430c8",
                          "6ba7b810-9dad-11d1-80b4-00c04fd430cg"}) {
    BOOST_TEST(!gw::ParseUuid(bad).has_value(), bad);
  }
}
