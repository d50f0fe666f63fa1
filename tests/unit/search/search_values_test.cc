// Pure helpers of search indexing: string normalisation, decimal sort keys, instant ranges,
// union splitting and reference parsing.
#define BOOST_TEST_MODULE search_values_test
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <random>

#include "gateway/core/fhirpath/ucum_canonical.h"
#include "gateway/core/search/decimal_key.h"
#include "gateway/core/search/expression_split.h"
#include "gateway/core/search/instant.h"
#include "gateway/core/search/reference_text.h"
#include "gateway/core/search/string_normalize.h"

namespace gw::search {
namespace {

BOOST_AUTO_TEST_CASE(normalize_folds_case_and_accents) {
  BOOST_TEST(NormalizeString("Élodie") == "elodie");
  BOOST_TEST(NormalizeString("MÜLLER-Lüdenscheidt") == "muller-ludenscheidt");
  BOOST_TEST(NormalizeString("Straße") == "strasse");
  BOOST_TEST(NormalizeString("Ærøskøbing") == "aeroskobing");
  BOOST_TEST(NormalizeString("Łódź Œuvre") == "lodz oeuvre");
  BOOST_TEST(NormalizeString("e\xCC\x81") == "e");  // e + combining acute
  BOOST_TEST(NormalizeString("ΑΘΗΝΑ") == "αθηνα");
  BOOST_TEST(NormalizeString("ИВАН") == "иван");
  BOOST_TEST(NormalizeString("a × b") == "a × b");
  BOOST_TEST(NormalizeString("\xFF"
                             "A") ==
             "\xFF"
             "a");  // invalid UTF-8 byte kept
  BOOST_TEST(NormalizeString("") == "");
}

BOOST_AUTO_TEST_CASE(decimal_keys_order_like_numbers) {
  std::vector<std::string> texts = {"-1000", "-12.5", "-12.05", "-1",   "-0.5",
                                    "-0.05", "0",     "0.001",  "0.5",  "0.50001",
                                    "1",     "1.5",   "2",      "9.99", "10",
                                    "12.05", "12.5",  "100",    "1e3",  "123456789012345678901234"};
  std::vector<std::string> keys;
  for (const std::string& t : texts) keys.push_back(*DecimalSortKey(t));
  for (std::size_t i = 1; i < keys.size(); ++i) {
    BOOST_TEST((keys[i - 1] < keys[i]), texts[i - 1] << " < " << texts[i]);
  }
  BOOST_TEST(*DecimalSortKey("1.5") == *DecimalSortKey("1.50"));
  BOOST_TEST(*DecimalSortKey("-1.5") == *DecimalSortKey("-15e-1"));
  BOOST_TEST(*DecimalSortKey("0.0") == *DecimalSortKey("0"));
  BOOST_TEST(!DecimalSortKey("abc").has_value());
}

BOOST_AUTO_TEST_CASE(decimal_keys_random_order) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<long> mant(-1'000'000, 1'000'000);
  std::uniform_int_distribution<int> scale(0, 6);
  for (int i = 0; i < 2000; ++i) {
    auto a = fhirpath::Decimal::FromParts(mant(rng), scale(rng));
    auto b = fhirpath::Decimal::FromParts(mant(rng), scale(rng));
    int c = a.Compare(b);
    std::string ka = DecimalSortKey(a), kb = DecimalSortKey(b);
    BOOST_TEST(((c < 0) == (ka < kb) && (c == 0) == (ka == kb)), a.ToString()
                                                                     << " vs " << b.ToString());
  }
}

BOOST_AUTO_TEST_CASE(instant_ranges_cover_partial_dates) {
  auto y = RangeOfText("2014");
  BOOST_TEST_REQUIRE(y.has_value());
  BOOST_TEST(FormatInstant(y->low_ms) == "2014-01-01T00:00:00.000Z");
  BOOST_TEST(FormatInstant(y->high_ms) == "2014-12-31T23:59:59.999Z");
  auto m = RangeOfText("2016-02");
  BOOST_TEST(FormatInstant(m->high_ms) == "2016-02-29T23:59:59.999Z");
  auto d = RangeOfText("1970-01-01");
  BOOST_TEST(d->low_ms == 0);
  BOOST_TEST(d->high_ms == 86'400'000 - 1);
  auto tz = RangeOfText("2014-01-05T10:30:15+01:00");
  BOOST_TEST(FormatInstant(tz->low_ms) == "2014-01-05T09:30:15.000Z");
  BOOST_TEST(FormatInstant(tz->high_ms) == "2014-01-05T09:30:15.999Z");
  auto ms = RangeOfText("2014-01-05T10:30:15.123Z");
  BOOST_TEST(ms->low_ms == ms->high_ms);
  BOOST_TEST(FormatInstant(ms->low_ms) == "2014-01-05T10:30:15.123Z");
  BOOST_TEST(FormatInstant(-1) == "1969-12-31T23:59:59.999Z");
  BOOST_TEST(FormatInstant(RangeOfText("0001")->low_ms - 5) == "0001-01-01T00:00:00.000Z");
  BOOST_TEST(FormatInstant(RangeOfText("9999")->high_ms + 5) == "9999-12-31T23:59:59.999Z");
  auto old = RangeOfText("1850-07-04");
  BOOST_TEST(FormatInstant(old->low_ms) == "1850-07-04T00:00:00.000Z");
  BOOST_TEST(!RangeOfText("2014-13").has_value());
  BOOST_TEST(!RangeOfText("2014-02-30").has_value());
  BOOST_TEST(!RangeOfText("yesterday").has_value());
}

BOOST_AUTO_TEST_CASE(union_split_respects_nesting_and_strings) {
  auto parts = SplitTopLevelUnion(
      "A.code | (B.code as CodeableConcept) | C.where(system='a|b').value |D.x[0]");
  BOOST_TEST_REQUIRE(parts.size() == 4u);
  BOOST_TEST(parts[1] == "(B.code as CodeableConcept)");
  BOOST_TEST(parts[2] == "C.where(system='a|b').value");
  BOOST_TEST(parts[3] == "D.x[0]");
  BOOST_TEST(LeadingIdentifier("(Observation.value as Quantity)") == "Observation");
  BOOST_TEST(LeadingIdentifier("%resource.id") == "");
  auto is_type = [](std::string_view n) {
    return n == "Patient" || n == "Practitioner" || n == "Resource";
  };
  auto ancestor = [](std::string_view n) { return n == "Resource"; };
  BOOST_TEST(RestrictToType("Patient.name | Practitioner.name", "Patient", is_type, ancestor) ==
             "Patient.name");
  BOOST_TEST(RestrictToType("Resource.meta.tag", "Patient", is_type, ancestor) ==
             "Resource.meta.tag");
  BOOST_TEST(RestrictToType("Practitioner.name", "Patient", is_type, ancestor) == "");
  BOOST_TEST(RestrictToType("name.given | Patient.x", "Patient", is_type, ancestor) ==
             "name.given | Patient.x");
}

BOOST_AUTO_TEST_CASE(casts_become_type_filters) {
  BOOST_TEST(CastsAsFilters("(Observation.value as Quantity)") ==
             "Observation.value.ofType(Quantity)");
  BOOST_TEST(CastsAsFilters("(Observation.value as CodeableConcept).text") ==
             "Observation.value.ofType(CodeableConcept).text");
  BOOST_TEST(CastsAsFilters("Condition.onset.as(Age)") == "Condition.onset.ofType(Age)");
  BOOST_TEST(CastsAsFilters("Patient.deceased as dateTime") == "Patient.deceased.ofType(dateTime)");
  BOOST_TEST(CastsAsFilters("(A.b | A.c).where(x = 'y as z')") ==
             "(A.b | A.c).where(x = 'y as z')");
  BOOST_TEST(CastsAsFilters("Patient.name") == "Patient.name");
}

BOOST_AUTO_TEST_CASE(references_parse_by_shape) {
  auto is_type = [](std::string_view n) { return n == "Patient" || n == "Observation"; };
  auto local = ParseReference("Patient/123", is_type);
  BOOST_TEST((local.kind == ParsedReference::Kind::kLocal));
  BOOST_TEST(local.type == "Patient");
  BOOST_TEST(local.id == "123");
  auto hist = ParseReference("Patient/123/_history/4", is_type);
  BOOST_TEST((hist.kind == ParsedReference::Kind::kLocal));
  BOOST_TEST(hist.version == "4");
  auto abs = ParseReference("https://x.org/fhir/Observation/a.b-c", is_type);
  BOOST_TEST((abs.kind == ParsedReference::Kind::kAbsolute));
  BOOST_TEST(abs.base == "https://x.org/fhir");
  BOOST_TEST(abs.id == "a.b-c");
  BOOST_TEST((ParseReference("#p1", is_type).kind == ParsedReference::Kind::kContained));
  BOOST_TEST((ParseReference("urn:uuid:1234", is_type).kind == ParsedReference::Kind::kUrn));
  BOOST_TEST((ParseReference("Unknown/1", is_type).kind == ParsedReference::Kind::kOther));
  BOOST_TEST((ParseReference("Patient/a b", is_type).kind == ParsedReference::Kind::kOther));
  BOOST_TEST((ParseReference("", is_type).kind == ParsedReference::Kind::kOther));
}

BOOST_AUTO_TEST_CASE(ucum_base_units) {
  auto mgdl = fhirpath::ToUcumBaseUnits(*fhirpath::Decimal::Parse("5"), "mg/dL");
  BOOST_TEST_REQUIRE(mgdl.has_value());
  BOOST_TEST(mgdl->unit == "g/m3");
  BOOST_TEST(mgdl->value.Compare(*fhirpath::Decimal::Parse("50")) == 0);
  auto gl = fhirpath::ToUcumBaseUnits(*fhirpath::Decimal::Parse("0.05"), "g/L");
  BOOST_TEST(gl->unit == mgdl->unit);
  BOOST_TEST(gl->value.Compare(mgdl->value) == 0);
  auto cel = fhirpath::ToUcumBaseUnits(*fhirpath::Decimal::Parse("37"), "Cel");
  BOOST_TEST_REQUIRE(cel.has_value());
  BOOST_TEST(cel->unit == "K");
  BOOST_TEST(cel->value.ToString() == "310.15");
  BOOST_TEST(!fhirpath::ToUcumBaseUnits(*fhirpath::Decimal::Parse("1"), "furlongs").has_value());
}

}  // namespace
}  // namespace gw::search
