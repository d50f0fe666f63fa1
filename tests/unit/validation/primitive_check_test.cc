#define BOOST_TEST_MODULE validation_primitive_test
#include <boost/test/unit_test.hpp>

#include "gateway/core/json/parse.h"
#include "gateway/core/validation/attachment_check.h"
#include "gateway/core/validation/coding_system_check.h"
#include "gateway/core/validation/html_text_check.h"
#include "gateway/core/validation/primitive_check.h"

namespace gw::validation {
namespace {

PrimitiveProblem Check(std::string_view type, std::string_view json_text) {
  auto v = json::Parse(json_text);
  BOOST_TEST_REQUIRE(v.ok());
  return CheckPrimitive(type, v.value());
}

BOOST_AUTO_TEST_CASE(dates) {
  BOOST_TEST(IsValidDate("2024"));
  BOOST_TEST(IsValidDate("2024-02"));
  BOOST_TEST(IsValidDate("2024-02-29"));
  BOOST_TEST(!IsValidDate("2023-02-29"));
  BOOST_TEST(!IsValidDate("0000"));
  BOOST_TEST(!IsValidDate("2024-13"));
  BOOST_TEST(!IsValidDate("2024-1-01"));
  BOOST_TEST(!IsValidDate("2024-01-01T10:00:00Z"));
}

BOOST_AUTO_TEST_CASE(date_times_and_instants) {
  BOOST_TEST(IsValidDateTime("2015-02-07T13:28:17-05:00"));
  BOOST_TEST(IsValidDateTime("2015-02-07T13:28:17.239+02:00"));
  BOOST_TEST(IsValidDateTime("2017-01-01T00:00:00Z"));
  BOOST_TEST(IsValidDateTime("2015"));
  BOOST_TEST(!IsValidDateTime("2015-02-07T13:28:17"));  // time needs a zone
  BOOST_TEST(!IsValidDateTime("2015-02-07T13:28Z"));
  BOOST_TEST(!IsValidDateTime("2015-02T13:28:17Z"));
  BOOST_TEST(!IsValidDateTime("2015-02-07T24:00:00Z"));
  BOOST_TEST(IsValidDateTime("2015-02-07T13:28:17+14:00"));
  BOOST_TEST(!IsValidDateTime("2015-02-07T13:28:17+14:30"));
  BOOST_TEST(IsValidInstant("2015-02-07T13:28:17.239+02:00"));
  BOOST_TEST(!IsValidInstant("2015-02-07"));
  BOOST_TEST(IsValidTime("23:59:60.5"));
  BOOST_TEST(!IsValidTime("23:59"));
}

BOOST_AUTO_TEST_CASE(numbers) {
  BOOST_TEST((Check("integer", "12") == PrimitiveProblem::kOk));
  BOOST_TEST((Check("integer", "1.0") == PrimitiveProblem::kBadFormat));
  BOOST_TEST((Check("integer", "2147483648") == PrimitiveProblem::kOutOfRange));
  BOOST_TEST((Check("integer", "-2147483648") == PrimitiveProblem::kOk));
  BOOST_TEST((Check("positiveInt", "0") == PrimitiveProblem::kOutOfRange));
  BOOST_TEST((Check("unsignedInt", "0") == PrimitiveProblem::kOk));
  BOOST_TEST((Check("unsignedInt", "-1") == PrimitiveProblem::kOutOfRange));
  BOOST_TEST((Check("decimal", "1.50") == PrimitiveProblem::kOk));
  BOOST_TEST((Check("decimal", "\"1.5\"") == PrimitiveProblem::kWrongJsonKind));
  BOOST_TEST((Check("boolean", "\"true\"") == PrimitiveProblem::kWrongJsonKind));
}

BOOST_AUTO_TEST_CASE(strings_and_tokens) {
  BOOST_TEST((Check("string", "\"\"") == PrimitiveProblem::kEmpty));
  BOOST_TEST((Check("code", "\"a b\"") == PrimitiveProblem::kOk));
  BOOST_TEST((Check("code", "\" a\"") == PrimitiveProblem::kBadFormat));
  BOOST_TEST((Check("code", "\"a  b\"") == PrimitiveProblem::kBadFormat));
  BOOST_TEST(IsValidId("a-b.C9"));
  BOOST_TEST(!IsValidId("a_b"));
  BOOST_TEST(!IsValidId(std::string(65, 'a')));
  BOOST_TEST(IsValidOid("urn:oid:1.2.3.0"));
  BOOST_TEST(!IsValidOid("urn:oid:1.02"));
  BOOST_TEST(!IsValidOid("urn:oid:3.1"));
  BOOST_TEST(IsValidUuid("urn:uuid:a5b1c2d3-0000-4000-8000-0123456789ab"));
  BOOST_TEST(!IsValidUuid("urn:uuid:A5B1C2D3-0000-4000-8000-0123456789ab"));
  BOOST_TEST(IsValidBase64("aGVsbG8="));
  BOOST_TEST(IsValidBase64("aGVs bG8="));
  BOOST_TEST(!IsValidBase64("aGVsbG8"));
  BOOST_TEST(!IsValidUri("a b"));
}

BOOST_AUTO_TEST_CASE(data_type_rule_helpers) {
  BOOST_TEST(HasUriScheme("http://loinc.org"));
  BOOST_TEST(HasUriScheme("urn:oid:1.2.3"));
  BOOST_TEST(!HasUriScheme("Location1"));
  BOOST_TEST(!HasUriScheme("#local"));
  BOOST_TEST(Base64DecodedSize("aGVscCBpJ20gYSBidWc=").value() == 14u);
  BOOST_TEST(Base64DecodedSize("aGVs\ncA==").value() == 4u);
  BOOST_TEST(!Base64DecodedSize("a*b=").has_value());
  BOOST_TEST(IsExampleUrl("http://repository.example.org/fhir/x"));
  BOOST_TEST(IsExampleUrl("https://EXAMPLE.com"));
  BOOST_TEST(!IsExampleUrl("http://counterexample.org/x"));
  BOOST_TEST(FindHtmlTag("Standard <script>x</script>") == 9u);
  BOOST_TEST(FindHtmlTag("<resource type>\\<id>") == 0u);
  BOOST_TEST(FindHtmlTag("a < b and <http://x.org>") == std::string_view::npos);
  BOOST_TEST(FindHtmlTag("1<2") == std::string_view::npos);
}

}  // namespace
}  // namespace gw::validation
