// UCUM expression syntax, term algebra and the unit table.
#include "gateway/core/fhirpath/ucum.h"

#include <boost/test/unit_test.hpp>
#include <string>

namespace ucum = gw::fhirpath::ucum;
using gw::fhirpath::Decimal;

namespace {

std::string Terms(const char* unit) {
  auto t = ucum::ParseTerms(unit);
  if (!t) return "<invalid>";
  std::string out;
  for (const ucum::Term& term : *t) {
    if (!out.empty()) out += " ";
    out += term.symbol + "^" + std::to_string(term.exponent);
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(Ucum)

BOOST_AUTO_TEST_CASE(ParsesExpressions) {
  BOOST_TEST(Terms("mg/dL") == "mg^1 dL^-1");
  BOOST_TEST(Terms("kg.m-2") == "kg^1 m^-2");
  BOOST_TEST(Terms("kg/m2") == "kg^1 m^-2");
  BOOST_TEST(Terms("/min") == "min^-1");
  BOOST_TEST(Terms("{beats}/min") == "min^-1");
  BOOST_TEST(Terms("10*3/uL") == "10*^3 uL^-1");
  BOOST_TEST(Terms("10^-3") == "10*^-3");
  BOOST_TEST(Terms("mm[Hg]") == "mm[Hg]^1");
  BOOST_TEST(Terms("[in_i'Hg]") == "[in_i'Hg]^1");
  BOOST_TEST(Terms("g/(kg.d)") == "g^1 kg^-1 d^-1");
  BOOST_TEST(Terms("m/s/s") == "m^1 s^-1 s^-1");
  BOOST_TEST(Terms("1") == "");
  BOOST_TEST(Terms("{cells}") == "");
  BOOST_TEST(Terms("mL{total}") == "mL^1");
  BOOST_TEST(Terms("m+2") == "m^2");
  BOOST_TEST(Terms("1000.L") == "1000^1 L^1");
}

BOOST_AUTO_TEST_CASE(RejectsBadSyntaxAndLimits) {
  for (const char* bad : {"", "m/", "/", "m..s", "(m", "m)", "m{x", "{a{b}}", "[in_i", "m 2",
                          "m100", "(m)2", "m^2", "m.-"}) {
    BOOST_TEST(Terms(bad) == "<invalid>", "accepted " << bad);
  }
  std::string deep(17, '(');
  deep += "m" + std::string(17, ')');
  BOOST_TEST(Terms(deep.c_str()) == "<invalid>");
  std::string ok(16, '(');
  ok += "m" + std::string(16, ')');
  BOOST_TEST(Terms(ok.c_str()) == "m^1");
  BOOST_TEST(!ucum::ParseTerms(std::string(257, 'm')).has_value());
  std::string many;
  for (int i = 0; i < 100; ++i) many += i ? ".m" : "m";
  BOOST_TEST(!ucum::ParseTerms(many).has_value());
}

BOOST_AUTO_TEST_CASE(FormatsTerms) {
  auto fmt = [](std::vector<ucum::Term> t) { return ucum::FormatTerms(t).value_or("<none>"); };
  BOOST_TEST(fmt({{"cm", 1}, {"cm", 1}}) == "cm2");
  BOOST_TEST(fmt({{"g", 1}, {"L", -1}}) == "g/L");
  BOOST_TEST(fmt({{"m", 1}, {"m", -1}}) == "1");
  BOOST_TEST(fmt({{"g", 1}, {"m", -1}, {"s", -2}}) == "g/m/s2");
  BOOST_TEST(fmt({{"min", -1}}) == "/min");
  BOOST_TEST(fmt({{"10*", 3}, {"uL", -1}}) == "10*3/uL");
  BOOST_TEST(fmt({{"1000", 2}}) == "1000.1000");
  BOOST_TEST(fmt({}) == "1");
}

BOOST_AUTO_TEST_CASE(TableCoversClinicalUnits) {
  for (const char* unit :
       {"g",        "mg",    "ug",      "kg",      "ng",      "pg",     "m",           "cm",
        "mm",       "km",    "s",       "ms",      "min",     "h",      "d",           "wk",
        "mo",       "a",     "L",       "l",       "dL",      "mL",     "uL",          "fL",
        "Pa",       "kPa",   "mm[Hg]",  "cm[H2O]", "[in_i]",  "[ft_i]", "[lb_av]",     "[oz_av]",
        "[degF]",   "Cel",   "K",       "%",       "10*3/uL", "/min",   "{beats}/min", "kg/m2",
        "mmol/L",   "mg/dL", "[iU]",    "IU",      "[iU]/L",  "U/L",    "meq/L",       "mosm/kg",
        "mol",      "J",     "kcal",    "[Cal]",   "W",       "Hz",     "mV",          "Ohm",
        "[psi]",    "bar",   "atm",     "deg",     "rad",     "sr",     "[gal_us]",    "[foz_us]",
        "[tsp_us]", "[drp]", "[ppm]",   "[pi]",    "t",       "u",      "eV",          "By",
        "kBy",      "g%",    "[arb'U]", "[CFU]/mL"}) {
    BOOST_TEST(ucum::Canonicalize(unit).has_value(), "unknown " << unit);
  }
  for (const char* unit : {"xyz", "[s]", "kCel", "Cel2", "km[", "mmin", "kd"}) {
    BOOST_TEST(!ucum::Canonicalize(unit).has_value(), "resolved " << unit);
  }
}

BOOST_AUTO_TEST_CASE(ExactFactors) {
  auto factor = [](const char* unit) {
    auto c = ucum::Canonicalize(unit);
    BOOST_REQUIRE(c.has_value());
    return c->factor;
  };
  BOOST_TEST((factor("mg") == ucum::Rational::Make(1, 1000).value()));
  BOOST_TEST((factor("[lb_av]") == ucum::Rational::Make(45359237, 100000).value()));
  BOOST_TEST((factor("L") == ucum::Rational::Make(1, 1000).value()));
  BOOST_TEST((factor("a") == ucum::Rational::Make(31557600, 1).value()));
  BOOST_TEST((factor("mm[Hg]") == ucum::Rational::Make(133322, 1).value()));  // g/(m.s2)
  BOOST_TEST(
      (factor("[tsp_us]") == ucum::Rational::Make(492892159375, 100000000000000000).value()));
}

BOOST_AUTO_TEST_CASE(MulRationalKeepsPrecision) {
  auto mul = [](const char* v, __int128 n, __int128 d) {
    auto r = ucum::MulRational(Decimal::Parse(v).value(), ucum::Rational::Make(n, d).value());
    return r ? r->ToString() : "<empty>";
  };
  BOOST_TEST(mul("4040", 1, 1000) == "4.040");
  BOOST_TEST(mul("4", 1000, 1) == "4000");
  BOOST_TEST(mul("1.5", 1, 8) == "0.1875");
  BOOST_TEST(mul("1", 1, 3) == "0.3333333333333333");
  BOOST_TEST(mul("3.00", 1, 3) == "1.00");
  BOOST_TEST(mul("-2", 2, 3) == "-1.3333333333333333");
}

BOOST_AUTO_TEST_SUITE_END()
