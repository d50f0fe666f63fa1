// Quantity: FHIRPath quantities with calendar keywords and UCUM conversion.
#define BOOST_TEST_MODULE fhirpath_quantity
#include "gateway/core/fhirpath/quantity.h"

#include <boost/test/unit_test.hpp>
#include <optional>
#include <string>

using gw::fhirpath::CalendarKeywordToUcum;
using gw::fhirpath::Decimal;
using gw::fhirpath::Quantity;

namespace {

Quantity Q(const char* text) {
  std::optional<Quantity> q = Quantity::Parse(text);
  BOOST_REQUIRE_MESSAGE(q.has_value(), "parse " << text);
  return *q;
}

std::string S(const std::optional<Quantity>& q) { return q ? q->ToString() : "<empty>"; }

std::string Eq(const char* a, const char* b) {
  std::optional<bool> e = Quantity::Equal(Q(a), Q(b));
  if (!e) return "unknown";
  return *e ? "true" : "false";
}

std::string Cmp(const char* a, const char* b) {
  std::optional<int> c = Quantity::Compare(Q(a), Q(b));
  if (!c) return "unknown";
  return *c < 0 ? "<" : *c > 0 ? ">" : "=";
}

bool Equiv(const char* a, const char* b) { return Quantity::Equivalent(Q(a), Q(b)); }

std::string Conv(const char* q, const char* unit) { return S(Q(q).ConvertTo(unit)); }

}  // namespace

BOOST_AUTO_TEST_SUITE(ParsingAndText)

BOOST_AUTO_TEST_CASE(ParsesLiteralForms) {
  Quantity q = Q("4.5 'mg'");
  BOOST_TEST(q.value.ToString() == "4.5");
  BOOST_TEST(q.unit == "mg");
  BOOST_TEST(Q("5 days").unit == "days");
  BOOST_TEST(Q("1 year").unit == "year");
  BOOST_TEST(Q("10").unit == "1");
  BOOST_TEST(Q("1.0").value.ToString() == "1.0");
  BOOST_TEST(Q("-5.5 'mg'").value.ToString() == "-5.5");
  BOOST_TEST(Q("1 '{beats}/min'").unit == "{beats}/min");
  BOOST_TEST(Q("1 '[arb'U]'").unit == "[arb'U]");
  BOOST_TEST(Q(" 2 'm' ").unit == "m");
}

BOOST_AUTO_TEST_CASE(RejectsNonQuantities) {
  for (const char* bad : {"", "1 wk", "1.a", "abc", "1 'mg", "1 mg'", "1 ''", "1. 'mg'", "'mg'",
                          "1 'm g'", "1 'm/(s'", "1 days days", "1e3 'mg'"}) {
    BOOST_TEST(!Quantity::Parse(bad).has_value(), "accepted " << bad);
  }
  std::string long_unit = "1 '" + std::string(300, 'm') + "'";
  BOOST_TEST(!Quantity::Parse(long_unit).has_value());
}

BOOST_AUTO_TEST_CASE(ToStringQuotesUcumOnly) {
  BOOST_TEST(Q("1 'wk'").ToString() == "1 'wk'");
  BOOST_TEST(Q("1 week").ToString() == "1 week");
  BOOST_TEST(Q("1").ToString() == "1 '1'");
  BOOST_TEST(Q("4.50 'mg'").ToString() == "4.50 'mg'");
  BOOST_TEST(Q("5 days").IsCalendarUnit());
  BOOST_TEST(!Q("5 'd'").IsCalendarUnit());
}

BOOST_AUTO_TEST_CASE(CalendarKeywordsMapToUcum) {
  BOOST_TEST(CalendarKeywordToUcum("day") == "d");
  BOOST_TEST(CalendarKeywordToUcum("weeks") == "wk");
  BOOST_TEST(CalendarKeywordToUcum("year") == "a");
  BOOST_TEST(CalendarKeywordToUcum("months") == "mo");
  BOOST_TEST(CalendarKeywordToUcum("milliseconds") == "ms");
  BOOST_TEST(CalendarKeywordToUcum("mg") == "mg");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(Comparison)

// FHIRPath test suite, group testQuantity and related equality tests.
BOOST_AUTO_TEST_CASE(FromSuite) {
  BOOST_TEST(Eq("4.0000 'g'", "4000.0 'mg'") == "true");
  BOOST_TEST(Equiv("4 'g'", "4000 'mg'"));
  BOOST_TEST(Eq("4 'g'", "4040 'mg'") == "false");
  BOOST_TEST(Equiv("4 'g'", "4040 'mg'"));
  BOOST_TEST(Equiv("4040 'mg'", "4 'g'"));
  BOOST_TEST(Eq("7 days", "1 week") == "true");
  BOOST_TEST(Eq("7 days", "1 'wk'") == "true");
  BOOST_TEST(Cmp("6 days", "1 week") == "<");
  BOOST_TEST(Cmp("8 days", "1 week") == ">");
  BOOST_TEST(Eq("1 day", "1 'd'") == "true");
  BOOST_TEST(Eq("1 'wk'", "1 week") == "true");
  BOOST_TEST(Eq("1 'mo'", "1 month") == "unknown");
  BOOST_TEST(Eq("1 'a'", "1 year") == "unknown");
  BOOST_TEST(Equiv("1.0", "1 '1'"));
  BOOST_TEST(Eq("1", "1 '1'") == "true");
  BOOST_TEST(Eq("185 '[lb_av]'", "185 '[lb_av]'") == "true");
  BOOST_TEST(Eq("185 '[lb_av]'", "185 'kg'") == "false");
  BOOST_TEST(Cmp("185 '[lb_av]'", "200 '[lb_av]'") == "<");
  BOOST_TEST(Cmp("185 '[lb_av]'", "100 '[lb_av]'") == ">");
  BOOST_TEST(!Equiv("185 '[lb_av]'", "185 'kg'"));
  BOOST_TEST(Eq("-5.5 'mg'", "-5.5 'mg'") == "true");
}

BOOST_AUTO_TEST_CASE(CalendarDurations) {
  BOOST_TEST(Eq("1 year", "12 months") == "true");
  BOOST_TEST(Eq("2 years", "1 year") == "false");
  BOOST_TEST(Eq("1 year", "365 days") == "unknown");
  BOOST_TEST(Eq("1 month", "30 days") == "unknown");
  BOOST_TEST(Eq("1 hour", "60 'min'") == "true");
  BOOST_TEST(Eq("1 second", "1000 milliseconds") == "true");
  BOOST_TEST(Eq("1 'a'", "12 'mo'") == "true");
  BOOST_TEST(Equiv("1 year", "1 'a'"));
  BOOST_TEST(Equiv("1 month", "1 'mo'"));
  BOOST_TEST(Equiv("1 year", "12 months"));
  BOOST_TEST(!Equiv("1 year", "1 'mo'"));
  BOOST_TEST(Equiv("1 'a'", "365.25 'd'"));
}

BOOST_AUTO_TEST_CASE(UnitsAcrossSystems) {
  BOOST_TEST(Eq("1 '[in_i]'", "2.54 'cm'") == "true");
  BOOST_TEST(Eq("1 '[ft_i]'", "12 '[in_i]'") == "true");
  BOOST_TEST(Eq("1 '[lb_av]'", "453.59237 'g'") == "true");
  BOOST_TEST(Eq("16 '[oz_av]'", "1 '[lb_av]'") == "true");
  BOOST_TEST(Eq("1 'L'", "1000 'mL'") == "true");
  BOOST_TEST(Eq("1 'l'", "10 'dL'") == "true");
  BOOST_TEST(Eq("1 'm2'", "10000 'cm2'") == "true");
  BOOST_TEST(Eq("1 'mL'", "1 'cm3'") == "true");
  BOOST_TEST(Eq("100 'mg/dL'", "1 'g/L'") == "true");
  BOOST_TEST(Eq("1 'mmol/L'", "1 'umol/mL'") == "true");
  BOOST_TEST(Eq("1 'mmol/L'", "1 'mg/dL'") == "unknown");
  BOOST_TEST(Eq("1 '[iU]'", "1 'IU'") == "true");
  BOOST_TEST(Eq("1 '[iU]'", "1 'mg'") == "unknown");
  BOOST_TEST(Eq("1 'kg/m2'", "1 'kg.m-2'") == "true");
  BOOST_TEST(Eq("1000 'g/m2'", "1 'kg/m2'") == "true");
  BOOST_TEST(Eq("50 '%'", "0.5 '1'") == "true");
  BOOST_TEST(Eq("60 '/min'", "1 '/s'") == "true");
  BOOST_TEST(Eq("60 '{beats}/min'", "60 '/min'") == "true");
  BOOST_TEST(Eq("1 '10*3/uL'", "1 '10*9/L'") == "true");
  BOOST_TEST(Eq("1 'kPa'", "1000 'Pa'") == "true");
  BOOST_TEST(Cmp("120 'mm[Hg]'", "16 'kPa'") == "<");  // 15.99864 kPa
  BOOST_TEST(Cmp("120 'mm[Hg]'", "15.9 'kPa'") == ">");
  BOOST_TEST(Eq("760 'mm[Hg]'", "101.325 'kPa'") == "false");  // 101.3247 kPa
  BOOST_TEST(Equiv("760 'mm[Hg]'", "101.325 'kPa'"));
  BOOST_TEST(Eq("1 'kg'", "1 'm'") == "unknown");
  BOOST_TEST(Eq("1 'xyz'", "1 'xyz'") == "true");
  BOOST_TEST(Eq("1 'xyz'", "1 'abc'") == "unknown");
  BOOST_TEST(Eq("1 'cm'", "1 '[s]'") == "unknown");
  BOOST_TEST(Eq("1 'cm'", "1 's'") == "unknown");
  BOOST_TEST(Cmp("1 'cm'", "1 '[in_i]'") == "<");
}

BOOST_AUTO_TEST_CASE(Temperatures) {
  BOOST_TEST(Eq("37 'Cel'", "310.15 'K'") == "true");
  BOOST_TEST(Eq("98.6 '[degF]'", "37 'Cel'") == "true");
  BOOST_TEST(Eq("32 '[degF]'", "0 'Cel'") == "true");
  BOOST_TEST(Cmp("100 '[degF]'", "37 'Cel'") == ">");
  BOOST_TEST(Eq("1 'Cel/h'", "1 'K/h'") == "unknown");  // interval units only alone
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(Conversion)

BOOST_AUTO_TEST_CASE(ConvertsExactlyWhenPossible) {
  BOOST_TEST(Conv("4040 'mg'", "g") == "4.040 'g'");
  BOOST_TEST(Conv("4 'g'", "mg") == "4000 'mg'");
  BOOST_TEST(Conv("1 '[lb_av]'", "kg") == "0.45359237 'kg'");
  BOOST_TEST(Conv("2 '[in_i]'", "cm") == "5.08 'cm'");
  BOOST_TEST(Conv("1 'a'", "d") == "365.25 'd'");
  BOOST_TEST(Conv("1 'mo'", "d") == "30.4375 'd'");
  BOOST_TEST(Conv("1 week", "days") == "7 days");
  BOOST_TEST(Conv("3 days", "h") == "72 'h'");
  BOOST_TEST(Conv("2 years", "months") == "24 months");
  BOOST_TEST(Conv("6 months", "year") == "0.5 year");
  BOOST_TEST(Conv("1 year", "a") == "<empty>");
  BOOST_TEST(Conv("1 'mg'", "mL") == "<empty>");
  BOOST_TEST(Conv("5 'xyz'", "xyz") == "5 'xyz'");
  BOOST_TEST(Conv("37 'Cel'", "[degF]") == "98.6 '[degF]'");
  BOOST_TEST(Conv("0 'Cel'", "K") == "273.15 'K'");
  BOOST_TEST(Conv("1 '[tsp_us]'", "[tbs_us]") == "0.3333333333333333 '[tbs_us]'");
  BOOST_TEST(Conv("50 '%'", "1") == "0.50 '1'");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(Arithmetic)

// FHIRPath test suite: testQuantity9..11 and testAbs3-style values.
BOOST_AUTO_TEST_CASE(MultiplyDivideFromSuite) {
  std::optional<Quantity> area = Quantity::Multiply(Q("2.0 'cm'"), Q("2.0 'm'"));
  BOOST_REQUIRE(area.has_value());
  BOOST_TEST(area->unit == "cm.m");
  BOOST_TEST(Quantity::Equal(*area, Q("0.040 'm2'")).value());
  std::optional<Quantity> ratio = Quantity::Divide(Q("4.0 'g'"), Q("2.0 'm'"));
  BOOST_TEST(S(ratio) == "2 'g/m'");
  BOOST_TEST(Quantity::Equal(*ratio, Q("2 'g/m'")).value());
  std::optional<Quantity> one = Quantity::Divide(Q("1.0 'm'"), Q("1.0 'm'"));
  BOOST_TEST(S(one) == "1 '1'");
  BOOST_TEST(Quantity::Equal(*one, Q("1 '1'")).value());
}

BOOST_AUTO_TEST_CASE(UnitAlgebra) {
  BOOST_TEST(S(Quantity::Multiply(Q("2 'cm'"), Q("3 'cm'"))) == "6 'cm2'");
  BOOST_TEST(S(Quantity::Multiply(Q("1.1 'mm'"), Q("1 'mm'"))) == "1.1 'mm2'");
  BOOST_TEST(S(Quantity::Divide(Q("10 'g'"), Q("2 'L'"))) == "5 'g/L'");
  BOOST_TEST(S(Quantity::Divide(Q("70 'kg'"), Q("4 'm2'"))) == "17.5 'kg/m2'");
  BOOST_TEST(S(Quantity::Divide(Q("6 'm'"), Q("2 's'"))) == "3 'm/s'");
  BOOST_TEST(S(Quantity::Divide(Q("6 'm/s'"), Q("2 's'"))) == "3 'm/s2'");
  BOOST_TEST(S(Quantity::Divide(Q("6 '1'"), Q("2 's'"))) == "3 '/s'");
  BOOST_TEST(S(Quantity::Divide(Q("6"), Q("2"))) == "3 '1'");
  BOOST_TEST(S(Quantity::Multiply(Q("2 'm/s'"), Q("3 's'"))) == "6 'm'");
  BOOST_TEST(S(Quantity::Multiply(Q("2 'kg'"), Q("3"))) == "6 'kg'");
  BOOST_TEST(S(Quantity::Multiply(Q("2"), Q("3 days"))) == "6 days");
  BOOST_TEST(S(Quantity::Multiply(Q("2 '10*3/uL'"), Q("3 '10*3'"))) == "6 '10*6/uL'");
  BOOST_TEST(S(Quantity::Divide(Q("1 'm'"), Q("0 's'"))) == "<empty>");
  BOOST_TEST(S(Quantity::Divide(Q("1 '{beats}/min'"), Q("2 'min'"))) == "0.5 '/min2'");
}

BOOST_AUTO_TEST_CASE(AddSubtractConvertToLeftUnit) {
  BOOST_TEST(S(Quantity::Add(Q("1 'g'"), Q("500 'mg'"))) == "1.500 'g'");
  BOOST_TEST(S(Quantity::Add(Q("500 'mg'"), Q("1 'g'"))) == "1500 'mg'");
  BOOST_TEST(S(Quantity::Subtract(Q("1 'L'"), Q("250 'mL'"))) == "0.750 'L'");
  BOOST_TEST(S(Quantity::Add(Q("1 week"), Q("7 days"))) == "2 week");  // left unit kept
  BOOST_TEST(S(Quantity::Add(Q("1 day"), Q("1 week"))) == "8 day");
  BOOST_TEST(S(Quantity::Add(Q("1 year"), Q("6 months"))) == "1.5 year");
  BOOST_TEST(S(Quantity::Add(Q("1 'g'"), Q("1 'm'"))) == "<empty>");
  BOOST_TEST(S(Quantity::Add(Q("1"), Q("2"))) == "3 '1'");
  BOOST_TEST(S(Quantity::Add(Q("1 year"), Q("1 'a'"))) == "<empty>");
}

BOOST_AUTO_TEST_SUITE_END()
