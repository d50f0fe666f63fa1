// Decimal: exact base-10 values with FHIR precision (scale as written).
#define BOOST_TEST_MODULE fhirpath_decimal
#include "gateway/core/fhirpath/decimal.h"

#include <boost/test/unit_test.hpp>
#include <optional>
#include <ostream>
#include <string>

namespace gw::fhirpath {
std::ostream& operator<<(std::ostream& os, const Decimal& d) { return os << d.ToString(); }
}  // namespace gw::fhirpath

using gw::fhirpath::Decimal;

namespace {

Decimal D(const char* s) {
  std::optional<Decimal> d = Decimal::Parse(s);
  BOOST_REQUIRE_MESSAGE(d.has_value(), "parse " << s);
  return *d;
}

std::string S(const std::optional<Decimal>& d) { return d ? d->ToString() : "<empty>"; }

}  // namespace

BOOST_AUTO_TEST_SUITE(Parsing)

BOOST_AUTO_TEST_CASE(KeepsScaleAsWritten) {
  BOOST_TEST(D("1.50").ToString() == "1.50");
  BOOST_TEST(D("1.50").scale() == 2);
  BOOST_TEST(D("0.0").ToString() == "0.0");
  BOOST_TEST(D("-0.001").ToString() == "-0.001");
  BOOST_TEST(D("100").ToString() == "100");
  BOOST_TEST(D("-5.5").ToString() == "-5.5");
  BOOST_TEST(D("007").ToString() == "7");
  BOOST_TEST(D("+3").ToString() == "3");
}

BOOST_AUTO_TEST_CASE(AppliesExponentsExactly) {
  BOOST_TEST(D("1e2").ToString() == "100");
  BOOST_TEST(D("1e2").scale() == 0);
  BOOST_TEST(D("1.5e-3").ToString() == "0.0015");
  BOOST_TEST(D("1.5e-3").scale() == 4);
  BOOST_TEST(D("1E+2").ToString() == "100");
  BOOST_TEST(D("12.34e1").ToString() == "123.4");
  BOOST_TEST(D("-2.5E0").ToString() == "-2.5");
  BOOST_TEST(D("1.000000000000000000000000000000").ToString() == "1.0000000000000000000000000000");
}

BOOST_AUTO_TEST_CASE(RejectsMalformed) {
  for (const char* bad :
       {"",      "-",   "+",   "1.",    ".5",
        "1e",    "1e+", "abc", "1.2.3", "--1",
        "1 ",    " 1",  "1,5", "0x10",  "1e1000",
        "1e-40", "NaN", "inf", "1.5e",  "12345678901234567890123456789012345678901"}) {
    BOOST_TEST(!Decimal::Parse(bad).has_value(), "accepted " << bad);
  }
}

BOOST_AUTO_TEST_CASE(BoundsMantissa) {
  BOOST_TEST(Decimal::Parse("170141183460469231731687303715884105727").has_value());
  BOOST_TEST(!Decimal::Parse("170141183460469231731687303715884105728").has_value());
  BOOST_TEST(!Decimal::Parse("1e39").has_value());
  BOOST_TEST(Decimal::Parse("1e37").has_value());
}

BOOST_AUTO_TEST_CASE(FromDoubleUsesShortestDigits) {
  BOOST_TEST(S(Decimal::FromDouble(0.1)) == "0.1");
  BOOST_TEST(S(Decimal::FromDouble(-2.5)) == "-2.5");
  BOOST_TEST(S(Decimal::FromDouble(1e20)) == "100000000000000000000");
  BOOST_TEST(!Decimal::FromDouble(1.0 / 0.0).has_value());
  BOOST_TEST(S(Decimal::FromDouble(1e-30)) == "0");
  BOOST_TEST(S(Decimal::FromDouble(1.5e-27)) == "0.0000000000000000000000000015");
  BOOST_TEST(!Decimal::FromDouble(1e300).has_value());
  BOOST_TEST(D("2.25").ToDouble() == 2.25);
}

BOOST_AUTO_TEST_CASE(ToInt64OnlyForWholeValues) {
  BOOST_TEST(D("2.00").ToInt64().value() == 2);
  BOOST_TEST(D("-7").ToInt64().value() == -7);
  BOOST_TEST(!D("2.5").ToInt64().has_value());
  BOOST_TEST(!D("1e30").ToInt64().has_value());
  BOOST_TEST(Decimal::FromInt(-42).ToString() == "-42");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(Arithmetic)

BOOST_AUTO_TEST_CASE(AddSubMulKeepScale) {
  BOOST_TEST(S(D("1.2").Add(D("1.8"))) == "3.0");
  BOOST_TEST(S(D("1.8").Sub(D("1.2"))) == "0.6");
  BOOST_TEST(S(D("1.2").Mul(D("1.8"))) == "2.16");
  BOOST_TEST(S(D("1.50").Add(D("1"))) == "2.50");
  BOOST_TEST(S(D("-1").Sub(D("0.25"))) == "-1.25");
}

BOOST_AUTO_TEST_CASE(DivisionGivesEightDigitsTrimmed) {
  BOOST_TEST(S(D("1").Div(D("2"))) == "0.5");
  BOOST_TEST(S(D("4.0").Div(D("2.0"))) == "2");
  BOOST_TEST(S(D("1.2").Div(D("1.8"))) == "0.66666667");
  BOOST_TEST(S(D("-2").Div(D("3"))) == "-0.66666667");
  BOOST_TEST(S(D("1").Div(D("3"))) == "0.33333333");
  BOOST_TEST(S(D("10").Div(D("4"))) == "2.5");
  BOOST_TEST(S(D("1").Div(D("0.0001"))) == "10000");
  BOOST_TEST(S(D("0.000000001").Div(D("1"))) == "0");
  BOOST_TEST(S(D("0.000000005").Div(D("1"))) == "0.00000001");
  BOOST_TEST(!D("1").Div(D("0")).has_value());
  BOOST_TEST(!D("1").Div(D("0.00")).has_value());
  BOOST_TEST(S(Decimal::DivideToScale(D("2"), D("3"), 2)) == "0.67");
  BOOST_TEST(S(Decimal::DivideToScale(D("4"), D("2"), 3)) == "2.000");
}

BOOST_AUTO_TEST_CASE(DivAndModTruncate) {
  BOOST_TEST(S(D("5").IntDiv(D("2"))) == "2");
  BOOST_TEST(S(D("2.2").IntDiv(D("1.8"))) == "1");
  BOOST_TEST(S(D("-5").IntDiv(D("2"))) == "-2");
  BOOST_TEST(!D("5").IntDiv(D("0")).has_value());
  BOOST_TEST(S(D("5").Mod(D("2"))) == "1");
  BOOST_TEST(S(D("2.2").Mod(D("1.8"))) == "0.4");
  BOOST_TEST(S(D("-5").Mod(D("2"))) == "-1");
  BOOST_TEST(S(D("5.5").Mod(D("-2"))) == "1.5");
  BOOST_TEST(!D("5").Mod(D("0")).has_value());
}

BOOST_AUTO_TEST_CASE(OverflowIsEmpty) {
  Decimal big = D("100000000000000000000000000000000000000");  // 1e38
  BOOST_TEST(!big.Mul(D("10")).has_value());
  BOOST_TEST(!big.Add(big).has_value());
  BOOST_TEST(!big.Negate().Sub(big).has_value());
  BOOST_TEST(!big.Add(D("0.5")).has_value());  // aligning scales overflows
  BOOST_TEST(S(D("1.000").Mul(D("2.0000000000000000000000000"))) ==
             "2.0000000000000000000000000000");
}

BOOST_AUTO_TEST_CASE(RoundHalfAwayFromZero) {
  BOOST_TEST(S(D("3.14159").Round(3)) == "3.142");
  BOOST_TEST(S(D("2.5").Round(0)) == "3");
  BOOST_TEST(S(D("-2.5").Round(0)) == "-3");
  BOOST_TEST(S(D("-2.45").Round(1)) == "-2.5");
  BOOST_TEST(S(D("1").Round(0)) == "1");
  BOOST_TEST(S(D("1.2").Round(4)) == "1.2");
  BOOST_TEST(S(D("0.66666667").Round(2)) == "0.67");
  BOOST_TEST(!D("1.5").Round(-1).has_value());
}

BOOST_AUTO_TEST_CASE(TruncateFloorCeiling) {
  BOOST_TEST(D("1.00000001").Truncate().ToString() == "1");
  BOOST_TEST(D("-1.56").Truncate().ToString() == "-1");
  BOOST_TEST(D("101").Truncate().ToString() == "101");
  BOOST_TEST(D("-1.5").Floor().ToString() == "-2");
  BOOST_TEST(D("1.5").Floor().ToString() == "1");
  BOOST_TEST(D("-1.0").Floor().ToString() == "-1");
  BOOST_TEST(D("-1.5").Ceiling().ToString() == "-1");
  BOOST_TEST(D("1.2").Ceiling().ToString() == "2");
  BOOST_TEST(D("2.0").Ceiling().ToString() == "2");
  BOOST_TEST(D("-5.5").Abs().ToString() == "5.5");
  BOOST_TEST(D("5.5").Negate().ToString() == "-5.5");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(ComparisonAndPrecision)

BOOST_AUTO_TEST_CASE(CompareIgnoresScale) {
  BOOST_TEST(D("1.10") == D("1.1"));
  BOOST_TEST(D("0.0") == D("0"));
  BOOST_TEST(D("1.0") < D("1.2"));
  BOOST_TEST(!(D("1.0") < D("1.0")));
  BOOST_TEST(D("-1") < D("0.5"));
  BOOST_TEST(D("-1.5") < D("-1.25"));
  BOOST_TEST(
      D("100000000000000000000000000000000000000").Compare(D("0.0000000000000000000000000001")) >
      0);
  BOOST_TEST(D("-0.0000000000000000000000000001").Compare(D("0")) < 0);
}

BOOST_AUTO_TEST_CASE(EquivalenceRoundsToLowerPrecision) {
  Decimal third = D("1.2").Div(D("1.8")).value();
  BOOST_TEST(third.EquivalentTo(D("0.67")));
  BOOST_TEST(!third.EquivalentTo(D("0.6")));
  BOOST_TEST(D("1.10").EquivalentTo(D("1.1")));
  BOOST_TEST(D("0.0").EquivalentTo(D("0")));
  BOOST_TEST(!D("1.1").EquivalentTo(D("1.2")));
  BOOST_TEST(D("4").EquivalentTo(D("4.040")));
}

BOOST_AUTO_TEST_CASE(NormalizedAndWithScale) {
  BOOST_TEST(D("1.500").Normalized().ToString() == "1.5");
  BOOST_TEST(D("2.0").Normalized().ToString() == "2");
  BOOST_TEST(D("0.000").Normalized().ToString() == "0");
  BOOST_TEST(D("100").Normalized().ToString() == "100");
  BOOST_TEST(S(D("1.5").WithScale(3)) == "1.500");
  BOOST_TEST(S(D("1.50").WithScale(1)) == "1.5");
  BOOST_TEST(!D("1.55").WithScale(1).has_value());
  BOOST_TEST(!D("1").WithScale(29).has_value());
  BOOST_TEST(D("1.58700").precision() == 5);
  BOOST_TEST(Decimal::FromParts(12345, 2).ToString() == "123.45");
  BOOST_TEST(Decimal().ToString() == "0");
  BOOST_TEST(Decimal().is_zero());
}

// FHIRPath test suite, groups LowBoundary / HighBoundary.
BOOST_AUTO_TEST_CASE(Boundaries) {
  struct Case {
    const char* value;
    std::optional<int> digits;
    const char* low;
    const char* high;
  };
  const Case cases[] = {
      {"1.587", std::nullopt, "1.58650000", "1.58750000"},
      {"1.587", 6, "1.586500", "1.587500"},
      {"1.587", 2, "1.58", "1.59"},
      {"1.587", 0, "1", "2"},
      {"1.587", 8, "1.58650000", "1.58750000"},
      {"1.587", -1, "<empty>", "<empty>"},
      {"1.587", 32, "<empty>", "<empty>"},
      {"1.587", 39, "<empty>", "<empty>"},
      {"-1.587", std::nullopt, "-1.58750000", "-1.58650000"},
      {"-1.587", 6, "-1.587500", "-1.586500"},
      {"-1.587", 2, "-1.59", "-1.58"},
      {"-1.587", 0, "-2", "-1"},
      {"1", std::nullopt, "0.50000000", "1.50000000"},
      {"1", 0, "0", "2"},
      {"1", 5, "0.50000", "1.50000"},
      {"12.587", 2, "12.58", "12.59"},
      {"12.500", 4, "12.4995", "12.5005"},
      {"120", 2, "119.50", "120.50"},
      {"-120", 2, "-120.50", "-119.50"},
      {"0.0034", 1, "0.0", "0.0"},
      {"-0.0034", 1, "0.0", "0.0"},  // "-0.0" in the suite: there is no negative zero
  };
  for (const Case& c : cases) {
    BOOST_TEST(S(D(c.value).LowBoundary(c.digits)) == c.low, c.value << " low");
    BOOST_TEST(S(D(c.value).HighBoundary(c.digits)) == c.high, c.value << " high");
  }
}

BOOST_AUTO_TEST_SUITE_END()
