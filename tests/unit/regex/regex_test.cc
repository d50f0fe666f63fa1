#define BOOST_TEST_MODULE regex
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

#include "gateway/core/regex/regex.h"

using gw::Regex;

namespace {

std::shared_ptr<const Regex> Must(const std::string& pattern) {
  auto re = Regex::Compile(pattern);
  BOOST_REQUIRE_MESSAGE(re.ok(), re.status().ToString());
  return *re;
}

}  // namespace

BOOST_AUTO_TEST_CASE(full_and_partial_match) {
  auto re = Must("[A-Z]{3}[0-9]+");
  BOOST_TEST(re->FullMatch("MMM00012345601"));
  BOOST_TEST(!re->FullMatch("xMMM1"));
  BOOST_TEST(re->PartialMatch("xMMM1"));
  BOOST_TEST(Must("^\\d{5}(-\\d{4})?$")->FullMatch("00961-1234"));
  BOOST_TEST(Must("\\p{L}+")->FullMatch("Muñoz"));
}

BOOST_AUTO_TEST_CASE(dot_matches_newline_by_default) {
  BOOST_TEST(Must("a.b")->FullMatch("a\nb"));
  Regex::Options o;
  o.dot_matches_newline = false;
  BOOST_TEST(!(*Regex::Compile("a.b", o))->FullMatch("a\nb"));
}

BOOST_AUTO_TEST_CASE(replace_with_group_references) {
  auto re = Must("(\\w+)@(\\w+)");
  BOOST_TEST(re->ReplaceAll("a@b c@d", "$2 at $1") == "b at a d at c");
  BOOST_TEST(re->ReplaceAll("a@b", "$$1\\") == "$1\\");
  BOOST_TEST(re->ReplaceAll("a@b", "$7") == "a@b");  // no such group: unchanged
}

BOOST_AUTO_TEST_CASE(backtracking_patterns_run_in_linear_time) {
  // Patterns that take exponential time in a backtracking engine.
  std::string subject(5000, 'a');
  subject += '!';
  auto start = std::chrono::steady_clock::now();
  for (const char* p : {"^(a+)+$", "(a|aa)*b", "(a*)*b", "^(a|a?)+$"}) {
    BOOST_TEST(!Must(p)->FullMatch(subject));
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST(seconds < 2.0);
}

BOOST_AUTO_TEST_CASE(unsupported_and_invalid_patterns_are_errors) {
  BOOST_TEST((Regex::Compile("(?=a)").status().code() == gw::StatusCode::kInvalidArgument));
  BOOST_TEST((Regex::Compile("(a)\\1").status().code() == gw::StatusCode::kInvalidArgument));
  BOOST_TEST((Regex::Compile("[a-").status().code() == gw::StatusCode::kInvalidArgument));
  BOOST_TEST((Regex::Compile(std::string(5000, 'a')).status().code() ==
              gw::StatusCode::kResourceExhausted));
  BOOST_TEST(!Regex::Compile("((a{1000}){1000}){1000}").ok());  // program too large
}
