// Hostile inputs: random text into every parser and random operands into every operation.
// Run under the sanitizers (GW_SANITIZE=ON) this catches overflow and memory errors.
// Deterministic: a fixed seed, no clock.
#define BOOST_TEST_MODULE fhirpath_values_robustness
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "gateway/core/fhirpath/decimal.h"
#include "gateway/core/fhirpath/quantity.h"
#include "gateway/core/fhirpath/temporal.h"
#include "gateway/core/fhirpath/ucum.h"

using gw::fhirpath::CalendarUnit;
using gw::fhirpath::Decimal;
using gw::fhirpath::Quantity;
using gw::fhirpath::Temporal;
using gw::fhirpath::TemporalKind;

namespace {

std::string RandomText(std::mt19937& rng, std::string_view alphabet, int max_len) {
  std::uniform_int_distribution<int> len(0, max_len);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::string s;
  int n = len(rng);
  for (int i = 0; i < n; ++i) s.push_back(alphabet[pick(rng)]);
  return s;
}

const std::vector<std::string> kDecimals = {"0",
                                            "1",
                                            "-1",
                                            "0.5",
                                            "-0.5",
                                            "1.587",
                                            "3.14159",
                                            "1e37",
                                            "-1e37",
                                            "170141183460469231731687303715884105727",
                                            "-170141183460469231731687303715884105727",
                                            "0.0000000000000000000000000001",
                                            "-0.0000000000000000000000000001",
                                            "12345678901234567890",
                                            "99999999999999999999.99999999",
                                            "7",
                                            "0.0",
                                            "1.00000000",
                                            "2",
                                            "-3",
                                            "1000000000000000000"};

}  // namespace

BOOST_AUTO_TEST_CASE(DecimalParseNeverCrashes) {
  std::mt19937 rng(1234);
  int accepted = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string s = RandomText(rng, "0123456789.eE+-x ", 45);
    std::optional<Decimal> d = Decimal::Parse(s);
    if (!d) continue;
    ++accepted;
    // Round trip through the canonical text keeps value and scale.
    std::optional<Decimal> again = Decimal::Parse(d->ToString());
    BOOST_REQUIRE(again.has_value());
    BOOST_TEST(again->Compare(*d) == 0);
    BOOST_TEST(again->scale() == d->scale());
  }
  BOOST_TEST(accepted > 0);
}

BOOST_AUTO_TEST_CASE(DecimalOperationsNeverOverflowSilently) {
  for (const std::string& x : kDecimals) {
    for (const std::string& y : kDecimals) {
      Decimal a = Decimal::Parse(x).value();
      Decimal b = Decimal::Parse(y).value();
      (void)a.Add(b);
      (void)a.Sub(b);
      (void)a.Mul(b);
      (void)a.Div(b);
      (void)a.Mod(b);
      (void)a.IntDiv(b);
      (void)a.Compare(b);
      (void)a.EquivalentTo(b);
      for (int s = -1; s <= 30; s += 3) {
        (void)a.Round(s);
        (void)a.WithScale(s);
        (void)a.LowBoundary(s);
        (void)a.HighBoundary(s);
        (void)Decimal::DivideToScale(a, b, s);
      }
      (void)a.Negate().Abs().Floor().Ceiling().Truncate().Normalized().ToDouble();
      (void)a.ToInt64();
      std::optional<Decimal> sum = a.Add(b);
      if (sum) {
        // Exact: (a + b) - b == a.
        std::optional<Decimal> back = sum->Sub(b);
        BOOST_REQUIRE(back.has_value());
        BOOST_TEST(back->Compare(a) == 0);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(TemporalParseAndArithmetic) {
  std::mt19937 rng(99);
  const std::vector<std::string> amounts = {
      "1", "-1", "7.7", "1000000", "-1000000", "999999999999999", "100000000000000000000", "0"};
  const CalendarUnit units[] = {CalendarUnit::kYear,   CalendarUnit::kMonth,
                                CalendarUnit::kWeek,   CalendarUnit::kDay,
                                CalendarUnit::kHour,   CalendarUnit::kMinute,
                                CalendarUnit::kSecond, CalendarUnit::kMillisecond};
  std::vector<Temporal> values;
  for (const char* s : {"0001-01-01", "9999-12-31T23:59:59.999+14:00", "2012-02-29T00:00Z",
                        "T00:00:00.000", "2014", "2014-06", "2014-06-30T10-05:30"}) {
    values.push_back(Temporal::ParseAny(s).value());
  }
  for (int i = 0; i < 20000; ++i) {
    std::string s = RandomText(rng, "0123456789-:T.Z+", 32);
    for (auto t : {Temporal::ParseAny(s), Temporal::ParseDateTime(s), Temporal::ParseTime(s)}) {
      if (!t) continue;
      // Accepted text writes back to a form that parses to an equal value.
      std::optional<Temporal> again =
          t->kind == TemporalKind::kTime   ? Temporal::ParseTime(t->ToString())
          : t->kind == TemporalKind::kDate ? Temporal::ParseDate(t->ToString())
                                           : Temporal::ParseDateTime(t->ToString());
      BOOST_REQUIRE_MESSAGE(again.has_value(), s);
      BOOST_TEST(Temporal::Equivalent(*t, *again), s);
      if (values.size() < 200) values.push_back(*t);
    }
  }
  for (const Temporal& a : values) {
    for (const Temporal& b : values) (void)Temporal::Compare(a, b);
    for (const std::string& amount : amounts) {
      for (CalendarUnit u : units) {
        std::optional<Temporal> r = a.Add(Decimal::Parse(amount).value(), u);
        if (r && r->kind != TemporalKind::kTime) BOOST_TEST((r->year >= 1 && r->year <= 9999));
      }
    }
    for (int d = -1; d <= 18; ++d) {
      (void)a.LowBoundary(d);
      (void)a.HighBoundary(d);
    }
  }
}

BOOST_AUTO_TEST_CASE(UnitsAndQuantities) {
  std::mt19937 rng(7);
  std::vector<Quantity> values;
  for (const char* s : {"1 'mg'", "2.5 '[lb_av]'", "3 days", "1 year", "4 'Cel'", "5 '10*3/uL'",
                        "6 'Ym'", "7 'ym'", "8 '[pi].rad'", "9 '%'"}) {
    values.push_back(Quantity::Parse(s).value());
  }
  for (int i = 0; i < 20000; ++i) {
    std::string unit = RandomText(rng, "mgLkcd/.()[]{}_'0123456789*^-+%aYy", 24);
    (void)gw::fhirpath::ucum::Canonicalize(unit);
    std::optional<Quantity> q = Quantity::Parse("12.5 '" + unit + "'");
    if (q && values.size() < 120) values.push_back(*q);
  }
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += "(";
  BOOST_TEST(!gw::fhirpath::ucum::Canonicalize(deep).has_value());
  for (const Quantity& a : values) {
    for (const Quantity& b : values) {
      (void)Quantity::Compare(a, b);
      (void)Quantity::Equivalent(a, b);
      (void)Quantity::Multiply(a, b);
      (void)Quantity::Divide(a, b);
      (void)Quantity::Add(a, b);
      (void)Quantity::Subtract(a, b);
      (void)a.ConvertTo(b.unit);
    }
  }
}
