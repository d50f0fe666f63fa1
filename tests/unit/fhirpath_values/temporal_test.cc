// Temporal: FHIRPath Date, DateTime and Time with partial precision and zones.
#define BOOST_TEST_MODULE fhirpath_temporal
#include "gateway/core/fhirpath/temporal.h"

#include <boost/test/unit_test.hpp>
#include <optional>
#include <string>

using gw::fhirpath::CalendarUnit;
using gw::fhirpath::Decimal;
using gw::fhirpath::ParseCalendarUnit;
using gw::fhirpath::Precision;
using gw::fhirpath::Temporal;
using gw::fhirpath::TemporalKind;

namespace {

// Parses a FHIRPath literal body the way the engine does: "T..." is a Time; a 'T' or a zone
// makes a DateTime; otherwise a Date.
Temporal L(const std::string& s) {
  std::optional<Temporal> t;
  if (s[0] == 'T') {
    t = Temporal::ParseTime(s.substr(1));
  } else if (s.find('T') != std::string::npos) {
    t = Temporal::ParseDateTime(s);
  } else {
    t = Temporal::ParseDate(s);
  }
  BOOST_REQUIRE_MESSAGE(t.has_value(), "parse " << s);
  return *t;
}

std::string S(const std::optional<Temporal>& t) { return t ? t->ToString() : "<empty>"; }

std::string Cmp(const std::string& a, const std::string& b) {
  std::optional<int> c = Temporal::Compare(L(a), L(b));
  if (!c) return "unknown";
  return *c < 0 ? "<" : *c > 0 ? ">" : "=";
}

std::string Eq(const std::string& a, const std::string& b) {
  std::optional<bool> e = Temporal::Equal(L(a), L(b));
  if (!e) return "unknown";
  return *e ? "true" : "false";
}

Decimal N(const char* s) { return Decimal::Parse(s).value(); }

std::string Plus(const std::string& t, const char* amount, const char* unit) {
  std::optional<CalendarUnit> u = ParseCalendarUnit(unit);
  if (!u) return "<bad unit>";
  return S(L(t).Add(N(amount), *u));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(Parsing)

BOOST_AUTO_TEST_CASE(DatesAtEachPrecision) {
  Temporal y = L("2014");
  BOOST_TEST((y.kind == TemporalKind::kDate));
  BOOST_TEST((y.precision == Precision::kYear));
  BOOST_TEST((L("2014-01").precision == Precision::kMonth));
  Temporal d = L("2014-01-05");
  BOOST_TEST((d.precision == Precision::kDay));
  BOOST_TEST(d.day == 5);
  BOOST_TEST(d.ToString() == "2014-01-05");
}

BOOST_AUTO_TEST_CASE(DateTimes) {
  Temporal t = L("2014-01-05T10:30:15.123+01:00");
  BOOST_TEST((t.kind == TemporalKind::kDateTime));
  BOOST_TEST((t.precision == Precision::kMillisecond));
  BOOST_TEST(t.millisecond == 123);
  BOOST_TEST(t.tz_offset_minutes.value() == 60);
  BOOST_TEST(t.ToString() == "2014-01-05T10:30:15.123+01:00");
  BOOST_TEST(L("2014-01-05T10:30:15Z").tz_offset_minutes.value() == 0);
  BOOST_TEST(L("2014-01-05T10:30:15Z").ToString() == "2014-01-05T10:30:15Z");
  BOOST_TEST(L("2014-01-05T10").ToString() == "2014-01-05T10");
  BOOST_TEST(L("2014-01-05T10:30").ToString() == "2014-01-05T10:30");
  BOOST_TEST(L("2017-11-05T01:30:00.0-04:00").ToString() == "2017-11-05T01:30:00.000-04:00");
  BOOST_TEST(L("2014-01-05T10:30:15.1234").millisecond == 123);
  // "@2015T": a DateTime at year precision.
  Temporal yt = L("2015T");
  BOOST_TEST((yt.kind == TemporalKind::kDateTime));
  BOOST_TEST((yt.precision == Precision::kYear));
  BOOST_TEST(yt.ToString() == "2015");
  BOOST_TEST((L("2015-02-04T").precision == Precision::kDay));
  // Date-only forms read as DateTime.
  std::optional<Temporal> dt = Temporal::ParseDateTime("2015-02");
  BOOST_TEST((dt->kind == TemporalKind::kDateTime));
  BOOST_TEST((dt->precision == Precision::kMonth));
}

BOOST_AUTO_TEST_CASE(Times) {
  Temporal t = L("T10:30:15.5");
  BOOST_TEST((t.kind == TemporalKind::kTime));
  BOOST_TEST(t.millisecond == 500);
  BOOST_TEST(t.ToString() == "10:30:15.500");
  BOOST_TEST(Temporal::ParseTime("14").has_value());
  BOOST_TEST(Temporal::ParseTime("14:34").has_value());
  BOOST_TEST(!Temporal::ParseTime("14:34:28Z").has_value());
  BOOST_TEST(!Temporal::ParseTime("14:34:28+10:00").has_value());
}

BOOST_AUTO_TEST_CASE(ParseAnyByShape) {
  BOOST_TEST((Temporal::ParseAny("T10:30")->kind == TemporalKind::kTime));
  BOOST_TEST((Temporal::ParseAny("10:30")->kind == TemporalKind::kTime));
  BOOST_TEST((Temporal::ParseAny("2014-01-05T10:30")->kind == TemporalKind::kDateTime));
  BOOST_TEST((Temporal::ParseAny("2014-01-05")->kind == TemporalKind::kDate));
  BOOST_TEST(!Temporal::ParseAny("").has_value());
}

BOOST_AUTO_TEST_CASE(ValidatesRanges) {
  for (const char* bad : {"2014-13",
                          "2014-00",
                          "2014-02-30",
                          "2013-02-29",
                          "2014-04-31",
                          "0000",
                          "20144",
                          "14-01-01",
                          "2014-1-01",
                          "2014-01-01T24:00",
                          "2014-01-01T23:60",
                          "2014-01-01T23:59:60",
                          "2014-01-01T10:30+14:01",
                          "2014-01-01T10:30-15:00",
                          "2014-01-01T10:30+05",
                          "2014T10",
                          "2014-01-01T10:30:00.",
                          "2014-01-01T10:30:00.1234567890",
                          "2014-01-01 ",
                          "2014-01-01T10:30Zjunk",
                          "2014-01-01T1",
                          "2014-01-01T10:3"}) {
    BOOST_TEST(!Temporal::ParseDateTime(bad).has_value(), "accepted " << bad);
  }
  BOOST_TEST(Temporal::ParseDate("2012-02-29").has_value());
  BOOST_TEST(Temporal::ParseDate("2000-02-29").has_value());
  BOOST_TEST(!Temporal::ParseDate("1900-02-29").has_value());
  BOOST_TEST(Temporal::ParseDateTime("2014-01-01T10:30+14:00").has_value());
  BOOST_TEST(Temporal::ParseDateTime("2014-01-01T10:30-14:00").has_value());
  BOOST_TEST(!Temporal::ParseDate("2014-01-01T10").has_value());
  BOOST_TEST(!Temporal::ParseTime("25").has_value());
  BOOST_TEST(!Temporal::ParseTime("10:30:60").has_value());
  BOOST_TEST(!Temporal::ParseDate(std::string(200, '1')).has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(Comparison)

// FHIRPath test suite: testEquality*, testNEquality*, testLessThan*, testLiteralDateTimeTZ*.
BOOST_AUTO_TEST_CASE(EqualityFromSuite) {
  BOOST_TEST(Eq("2012-04-15", "2012-04-15") == "true");
  BOOST_TEST(Eq("2012-04-15", "2012-04-16") == "false");
  BOOST_TEST(Eq("2012-04-15", "2012-04-15T10:00:00") == "unknown");
  BOOST_TEST(Eq("2012-04-15T15:00:00", "2012-04-15T10:00:00") == "false");
  BOOST_TEST(Eq("2012-04-15T15:30:31", "2012-04-15T15:30:31.0") == "true");
  BOOST_TEST(Eq("2012-04-15T15:30:31", "2012-04-15T15:30:31.1") == "false");
  BOOST_TEST(Eq("2012-04-15T15:00:00Z", "2012-04-15T10:00:00") == "unknown");
  BOOST_TEST(Eq("2012-04-15T15:00:00+02:00", "2012-04-15T16:00:00+03:00") == "true");
  BOOST_TEST(Eq("2017-11-05T01:30:00.0-04:00", "2017-11-05T01:15:00.0-05:00") == "false");
  BOOST_TEST(Eq("2017-11-05T01:30:00.0-04:00", "2017-11-05T00:30:00.0-05:00") == "true");
  BOOST_TEST(Eq("1974-12-25", "1974-12-25T12:34:00-10:00") == "unknown");
  BOOST_TEST(Eq("1974-12-25", "1974-12-25T12:34:00Z") == "unknown");
  BOOST_TEST(Eq("1974-12-25", "T12:14:15") == "unknown");
}

BOOST_AUTO_TEST_CASE(OrderingFromSuite) {
  BOOST_TEST(Cmp("2017-11-05T01:30:00.0-04:00", "2017-11-05T01:15:00.0-05:00") == "<");
  BOOST_TEST(Cmp("2014-12-12", "2014-12-13") == "<");
  BOOST_TEST(Cmp("2014-12-13T12:00:00", "2014-12-13T12:00:01") == "<");
  BOOST_TEST(Cmp("T12:00:00", "T14:00:00") == "<");
  BOOST_TEST(Cmp("T12:00:01", "T12:00:00") == ">");
  BOOST_TEST(Cmp("2018-03", "2018-03-01") == "unknown");
  BOOST_TEST(Cmp("2018-03-01T10:30", "2018-03-01T10:30:00") == "unknown");
  BOOST_TEST(Cmp("T10:30", "T10:30:00") == "unknown");
  BOOST_TEST(Cmp("2018-03-01T10:30:00", "2018-03-01T10:30:00.0") == "=");
  BOOST_TEST(Cmp("T10:30:00", "T10:30:00.0") == "=");
  BOOST_TEST(Cmp("2018-02", "2018-03-01") == "<");
  BOOST_TEST(Cmp("2019", "2018-03-01T10:00") == ">");
}

BOOST_AUTO_TEST_CASE(DifferentKindsAreUnknown) {
  BOOST_TEST(Cmp("2014-12-12", "T10:00") == "unknown");
  BOOST_TEST(Cmp("2014-12-12", "2014-12-13T10:00") == "<");  // Date vs DateTime compares
}

BOOST_AUTO_TEST_CASE(ZonesNormalizeAcrossDays) {
  BOOST_TEST(Cmp("2012-12-31T23:00:00-02:00", "2013-01-01T01:00:00Z") == "=");
  BOOST_TEST(Cmp("2012-03-01T00:30:00+01:00", "2012-02-29T23:30:00Z") == "=");
  BOOST_TEST(Cmp("2012-04-15T10:00+05:30", "2012-04-15T04:30Z") == "=");
  BOOST_TEST(Cmp("2012-04-15T10+05:30", "2012-04-15T04Z") == "unknown");
}

BOOST_AUTO_TEST_CASE(OneZoneIsKnownOnlyWhenEveryOffsetAgrees) {
  BOOST_TEST(Cmp("2012-04-15T15:00:00Z", "2012-04-10T10:00:00") == ">");
  BOOST_TEST(Cmp("2012-04-10T10:00:00", "2012-04-15T15:00:00Z") == "<");
  BOOST_TEST(Cmp("2012-04-15T15:00:00Z", "2012-04-15T14:00:00") == "unknown");
  BOOST_TEST(Cmp("2012-04-15T15:00:00Z", "2012-04-16T18:00:00") == "<");
}

BOOST_AUTO_TEST_CASE(Equivalence) {
  BOOST_TEST(Temporal::Equivalent(L("2012-04-15"), L("2012-04-15")));
  BOOST_TEST(!Temporal::Equivalent(L("2012-04-15"), L("2012-04-16")));
  BOOST_TEST(!Temporal::Equivalent(L("2012-04-15"), L("2012-04-15T10:00:00")));
  BOOST_TEST(Temporal::Equivalent(L("2012-04-15T15:30:31"), L("2012-04-15T15:30:31.0")));
  BOOST_TEST(!Temporal::Equivalent(L("2012-04-15T15:30:31"), L("2012-04-15T15:30:31.1")));
  BOOST_TEST(!Temporal::Equivalent(L("2012-04-15T15:00:00Z"), L("2012-04-15T15:00:00")));
  BOOST_TEST(Temporal::Equivalent(L("2012-04-15T15:00:00+02:00"), L("2012-04-15T13:00:00Z")));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(Arithmetic)

// FHIRPath test suite, testPlusDate* and testMinus5.
BOOST_AUTO_TEST_CASE(PlusFromSuite) {
  BOOST_TEST(Plus("1973-12-25", "7", "days") == "1974-01-01");
  BOOST_TEST(Plus("1973-12-25", "7.7", "days") == "1974-01-01");
  BOOST_TEST(Plus("1973-12-25T00:00:00.000+10:00", "7", "days") == "1974-01-01T00:00:00.000+10:00");
  BOOST_TEST(Plus("1973-12-25T00:00:00.000+10:00", "7.7", "days") ==
             "1974-01-01T00:00:00.000+10:00");
  BOOST_TEST(Plus("1973-12-25T00:00:00.000+10:00", "1", "second") ==
             "1973-12-25T00:00:01.000+10:00");
  BOOST_TEST(Plus("1973-12-25T00:00:00.000+10:00", "10", "millisecond") ==
             "1973-12-25T00:00:00.010+10:00");
  BOOST_TEST(Plus("1973-12-25T00:00:00.000+10:00", "1", "minute") ==
             "1973-12-25T00:01:00.000+10:00");
  BOOST_TEST(Plus("1973-12-25T00:00:00.000+10:00", "1", "hour") == "1973-12-25T01:00:00.000+10:00");
  BOOST_TEST(Plus("1973-12-25", "1", "day") == "1973-12-26");
  BOOST_TEST(Plus("1973-12-25", "1", "month") == "1974-01-25");
  BOOST_TEST(Plus("1973-12-25", "1", "week") == "1974-01-01");
  BOOST_TEST(Plus("1973-12-25", "1", "year") == "1974-12-25");
  BOOST_TEST(Plus("1973-12-25", "1", "d") == "1973-12-26");
  BOOST_TEST(Plus("1973-12-25", "1", "wk") == "1974-01-01");
  BOOST_TEST(Plus("1973-12-25T00:00:00.000+10:00", "1", "s") == "1973-12-25T00:00:01.000+10:00");
  BOOST_TEST(Plus("1973-12-25T00:00:00.000+10:00", "0.1", "s") == "1973-12-25T00:00:00.000+10:00");
  BOOST_TEST(Plus("1973-12-25T00:00:00.000+10:00", "10", "ms") == "1973-12-25T00:00:00.010+10:00");
  BOOST_TEST(Plus("1973-12-25T00:00:00.000+10:00", "1", "min") == "1973-12-25T00:01:00.000+10:00");
  BOOST_TEST(Plus("1973-12-25T00:00:00.000+10:00", "1", "h") == "1973-12-25T01:00:00.000+10:00");
  BOOST_TEST(Plus("1974-12-25", "-1", "month") == "1974-11-25");
  // 'a' and 'mo' are not calendar durations: date arithmetic with them is an error.
  BOOST_TEST(!ParseCalendarUnit("a").has_value());
  BOOST_TEST(!ParseCalendarUnit("mo").has_value());
  BOOST_TEST(!ParseCalendarUnit("cm").has_value());
}

BOOST_AUTO_TEST_CASE(MonthAndYearClampDay) {
  BOOST_TEST(Plus("2014-01-31", "1", "month") == "2014-02-28");
  BOOST_TEST(Plus("2012-01-31", "1", "month") == "2012-02-29");
  BOOST_TEST(Plus("2012-02-29", "1", "year") == "2013-02-28");
  BOOST_TEST(Plus("2014-03-31", "-1", "month") == "2014-02-28");
  BOOST_TEST(Plus("2014-01-31T10:00", "1", "month") == "2014-02-28T10:00");
  BOOST_TEST(Plus("2014-11", "3", "months") == "2015-02");
  BOOST_TEST(Plus("2014-01", "-1", "month") == "2013-12");
}

BOOST_AUTO_TEST_CASE(PartialPrecisionConvertsAndTruncates) {
  BOOST_TEST(Plus("2014-01-01", "24", "hours") == "2014-01-02");
  BOOST_TEST(Plus("2014-01-01", "23", "hours") == "2014-01-01");
  BOOST_TEST(Plus("2014-01-01", "-25", "hours") == "2013-12-31");
  BOOST_TEST(Plus("2014", "24", "months") == "2016");
  BOOST_TEST(Plus("2014", "23", "months") == "2015");
  BOOST_TEST(Plus("2014", "400", "days") == "2015");
  BOOST_TEST(Plus("2014-01", "31", "days") == "2014-02");
  BOOST_TEST(Plus("2014-01", "1", "week") == "2014-01");
  BOOST_TEST(Plus("2014-01-01T10", "90", "minutes") == "2014-01-01T11");
  BOOST_TEST(Plus("2014-01-01T10:00", "59", "seconds") == "2014-01-01T10:00");
  BOOST_TEST(Plus("2014-01-01T10:00:00", "1500", "ms") == "2014-01-01T10:00:01");
}

BOOST_AUTO_TEST_CASE(DateTimeCarriesAcrossBoundaries) {
  BOOST_TEST(Plus("2012-12-31T23:59:59.999Z", "1", "ms") == "2013-01-01T00:00:00.000Z");
  BOOST_TEST(Plus("2012-03-01T00:00", "-1", "minute") == "2012-02-29T23:59");
  BOOST_TEST(Plus("2012-03-01T00:00", "-1", "week") == "2012-02-23T00:00");
}

BOOST_AUTO_TEST_CASE(TimesWrapAround) {
  BOOST_TEST(Plus("T23:00", "2", "hours") == "01:00");
  BOOST_TEST(Plus("T00:00:00", "-1", "second") == "23:59:59");
  BOOST_TEST(Plus("T10:00", "1", "day") == "<empty>");
  BOOST_TEST(Plus("T10:00", "1", "year") == "<empty>");
}

BOOST_AUTO_TEST_CASE(OutOfRange) {
  BOOST_TEST(Plus("9999-12-31", "1", "day") == "<empty>");
  BOOST_TEST(Plus("0001-01-01", "-1", "day") == "<empty>");
  BOOST_TEST(Plus("9999", "1", "year") == "<empty>");
  BOOST_TEST(Plus("2014", "100000000000000000000", "years") == "<empty>");
  BOOST_TEST(Plus("2014-01-01T00:00", "-999999999999999", "ms") == "<empty>");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(BoundariesAndPrecision)

// FHIRPath test suite, groups LowBoundary / HighBoundary / Precision.
BOOST_AUTO_TEST_CASE(FromSuite) {
  BOOST_TEST(S(L("2014").LowBoundary(6)) == "2014-01");
  BOOST_TEST(S(L("2014-01-01T08").LowBoundary(17)) == "2014-01-01T08:00:00.000+14:00");
  BOOST_TEST(S(L("2014-01-01T08:05+08:00").LowBoundary(17)) == "2014-01-01T08:05:00.000+08:00");
  BOOST_TEST(S(L("2014-01-01T08").LowBoundary(8)) == "2014-01-01");
  BOOST_TEST(S(L("T10:30").LowBoundary(9)) == "10:30:00.000");
  BOOST_TEST(S(L("2014").HighBoundary(6)) == "2014-12");
  BOOST_TEST(S(L("2014-01-01T08").HighBoundary(17)) == "2014-01-01T08:00:59.999-12:00");
  BOOST_TEST(S(L("2014-01-01T08:05-05:00").HighBoundary(17)) == "2014-01-01T08:05:59.999-05:00");
  BOOST_TEST(S(L("T10:30").HighBoundary(9)) == "10:30:59.999");
  BOOST_TEST(L("2014").PrecisionDigits() == 4);
  BOOST_TEST(L("2014-01-05T10:30:00.000").PrecisionDigits() == 17);
  BOOST_TEST(L("T10:30").PrecisionDigits() == 4);
  BOOST_TEST(L("T10:30:00.000").PrecisionDigits() == 9);
}

BOOST_AUTO_TEST_CASE(DefaultsAndMonthEnds) {
  BOOST_TEST(S(L("2012-02").HighBoundary(std::nullopt)) == "2012-02-29");
  BOOST_TEST(S(L("2013-02").HighBoundary(8)) == "2013-02-28");
  BOOST_TEST(S(L("2014").LowBoundary(std::nullopt)) == "2014-01-01");
  BOOST_TEST(S(L("2014T").HighBoundary(std::nullopt)) == "2014-12-31T23:59:59.999-12:00");
  BOOST_TEST(S(L("T10").HighBoundary(std::nullopt)) == "10:59:59.999");
  BOOST_TEST(S(L("2014").LowBoundary(5)) == "<empty>");
  BOOST_TEST(S(L("2014").LowBoundary(17)) == "<empty>");  // a Date stops at days
  BOOST_TEST(S(L("T10").LowBoundary(8)) == "<empty>");
  BOOST_TEST(S(L("2014-05-06").HighBoundary(4)) == "2014");
}

BOOST_AUTO_TEST_SUITE_END()
