// Focused tests of the FHIRPath lexer, parser, operators, functions and error handling.
#define BOOST_TEST_MODULE fhirpath_engine
#include <boost/test/unit_test.hpp>

#include <string>
#include <thread>
#include <vector>

#include "gateway/core/fhirpath/engine.h"
#include "gateway/core/fhirpath/html_checks.h"
#include "gateway/core/fhirpath/lexer.h"
#include "gateway/core/fhirpath/result_json.h"
#include "gateway/core/json/parse.h"

namespace gw::fhirpath {
namespace {

const char* kPatient = R"({"resourceType":"Patient","id":"p1","active":true,
  "name":[{"use":"official","family":"Chalmers","given":["Peter","James"]},
          {"use":"usual","given":["Jim"]}],
  "birthDate":"1974-12-25","_birthDate":{"extension":[{"url":"http://x/ext","valueString":"e"}]},
  "contained":[{"resourceType":"Organization","id":"o1","name":"Acme"}],
  "managingOrganization":{"reference":"#o1"},
  "text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Hi</p></div>"}})";

json::Value Doc() { return std::move(json::Parse(kPatient)).value(); }

// Evaluates `expr` over the sample patient; returns the JSON result or "ERR:<message>".
std::string Run(const std::string& expr) {
  static const json::Value doc = Doc();
  auto c = Compile(expr);
  if (!c.ok()) return "ERR:" + c.status().message();
  EvalContext ctx = ContextFor(doc, nullptr);
  ctx.now = *Temporal::ParseDateTime("2024-06-15T12:00:00.000+00:00");
  auto r = Evaluate(**c, ctx);
  if (!r.ok()) return "ERR:" + r.status().message();
  return ResultToJson(*r);
}

std::string Bool(bool b) {
  return std::string("[{\"type\":\"boolean\",\"value\":") + (b ? "true" : "false") + "}]";
}

ErrorClass ClassOf(const std::string& expr) {
  static const json::Value doc = Doc();
  auto c = Compile(expr);
  if (!c.ok()) return ErrorClassOf(c.status());
  auto r = Evaluate(**c, ContextFor(doc, nullptr));
  return ErrorClassOf(r.status());
}

BOOST_AUTO_TEST_CASE(lexer_tokens_and_escapes) {
  auto t = Tokenize("a.`b c` = 'x\\'y\\u0041' and @2014-01T // c\n /* d */ %`vs-x` $this");
  BOOST_REQUIRE(t.ok());
  BOOST_CHECK_EQUAL((*t)[2].text, "b c");
  BOOST_CHECK_EQUAL((*t)[4].text, "x'yA");
  BOOST_CHECK((*t)[6].kind == TokenKind::kDateTime);
  BOOST_CHECK_EQUAL((*t)[7].text, "vs-x");
  BOOST_CHECK((*t)[8].kind == TokenKind::kSpecial);
  BOOST_CHECK(!Tokenize("'unterminated").ok());
  BOOST_CHECK(!Tokenize("1 /* open").ok());
}

BOOST_AUTO_TEST_CASE(precedence_and_arithmetic) {
  BOOST_CHECK_EQUAL(Run("1 + 2 * 3"), R"([{"type":"integer","value":7}])");
  BOOST_CHECK_EQUAL(Run("(1 + 2) * 3"), R"([{"type":"integer","value":9}])");
  BOOST_CHECK_EQUAL(Run("7 div 2 + 7 mod 2"), R"([{"type":"integer","value":4}])");
  BOOST_CHECK_EQUAL(Run("1 / 4"), R"([{"type":"decimal","value":0.25}])");
  BOOST_CHECK_EQUAL(Run("1 / 0"), "[]");
  BOOST_CHECK_EQUAL(Run("-2.5 + 1"), R"([{"type":"decimal","value":-1.5}])");
  BOOST_CHECK_EQUAL(Run("'a' & {} & 'b'"), R"([{"type":"string","value":"ab"}])");
  BOOST_CHECK_EQUAL(Run("@2014-01-31 + 1 month"), R"([{"type":"date","value":"2014-02-28"}])");
  BOOST_CHECK_EQUAL(Run("2 'm' * 3 'm' = 6 'm2'"), Bool(true));
}

BOOST_AUTO_TEST_CASE(three_valued_logic_and_equality) {
  BOOST_CHECK_EQUAL(Run("{} and false"), Bool(false));
  BOOST_CHECK_EQUAL(Run("{} and true"), "[]");
  BOOST_CHECK_EQUAL(Run("{} or true"), Bool(true));
  BOOST_CHECK_EQUAL(Run("false implies {}"), Bool(true));
  BOOST_CHECK_EQUAL(Run("true xor false"), Bool(true));
  BOOST_CHECK_EQUAL(Run("1 = {}"), "[]");
  BOOST_CHECK_EQUAL(Run("1.0 = 1"), Bool(true));
  BOOST_CHECK_EQUAL(Run("'A  b' ~ 'a b'"), Bool(true));
  BOOST_CHECK_EQUAL(Run("@2012 = @2012-01"), "[]");
  BOOST_CHECK_EQUAL(Run("@2012 ~ @2012-01"), Bool(false));
  BOOST_CHECK_EQUAL(Run("(1|2) = (1|2)"), Bool(true));
  BOOST_CHECK_EQUAL(Run("1 in (1|2)"), Bool(true));
  BOOST_CHECK_EQUAL(Run("(1|2) contains 3"), Bool(false));
  BOOST_CHECK_EQUAL(Run("1 '[in_i]' = 2.54 'cm'"), Bool(true));
}

BOOST_AUTO_TEST_CASE(paths_and_functions) {
  BOOST_CHECK_EQUAL(Run("Patient.name.given.count()"), R"([{"type":"integer","value":3}])");
  BOOST_CHECK_EQUAL(Run("name.where(use = 'usual').given"), R"([{"type":"string","value":"Jim"}])");
  BOOST_CHECK_EQUAL(Run("name[1].given.first()"), R"([{"type":"string","value":"Jim"}])");
  BOOST_CHECK_EQUAL(Run("name.select(given).skip(1).take(1)"),
                    R"([{"type":"string","value":"James"}])");
  BOOST_CHECK_EQUAL(Run("name.given.where($index = 2)"), R"([{"type":"string","value":"Jim"}])");
  BOOST_CHECK_EQUAL(Run("(1|2|3).aggregate($this + $total, 0)"),
                    R"([{"type":"integer","value":6}])");
  BOOST_CHECK_EQUAL(Run("birthDate.extension('http://x/ext').value"),
                    R"([{"type":"string","value":"e"}])");
  BOOST_CHECK_EQUAL(Run("managingOrganization.resolve().name"),
                    R"([{"type":"string","value":"Acme"}])");
  BOOST_CHECK_EQUAL(Run("'abc'.substring(1, 1) & 'x'.upper()"),
                    R"([{"type":"string","value":"bX"}])");
  BOOST_CHECK_EQUAL(Run("'a-b-c'.split('-').join('+')"), R"([{"type":"string","value":"a+b+c"}])");
  BOOST_CHECK_EQUAL(Run("'abc123'.matches('^[a-z]+\\\\d+$')"), Bool(true));
  BOOST_CHECK_EQUAL(Run("'aXbX'.replaceMatches('X', '-')"), R"([{"type":"string","value":"a-b-"}])");
  BOOST_CHECK_EQUAL(Run("'test'.encode('base64').decode('base64')"),
                    R"([{"type":"string","value":"test"}])");
  BOOST_CHECK_EQUAL(Run("2.5.round() + 9.sqrt()"), R"([{"type":"decimal","value":6}])");
  BOOST_CHECK_EQUAL(Run("'1.5'.toDecimal() + '2'.toInteger()"),
                    R"([{"type":"decimal","value":3.5}])");
  BOOST_CHECK_EQUAL(Run("iif(active, 'y', 'n')"), R"([{"type":"string","value":"y"}])");
  BOOST_CHECK_EQUAL(Run("today()"), R"([{"type":"date","value":"2024-06-15"}])");
  BOOST_CHECK_EQUAL(Run("text.div.htmlChecks()"), Bool(true));
  BOOST_CHECK_EQUAL(Run("descendants().where($this = 'Acme').count()"),
                    R"([{"type":"integer","value":1}])");
  BOOST_CHECK_EQUAL(Run("%resource.id & %`ext-foo`.substring(40)"),
                    R"([{"type":"string","value":"p1foo"}])");
}

BOOST_AUTO_TEST_CASE(error_classes) {
  BOOST_CHECK(ClassOf("1 +") == ErrorClass::kSyntax);
  BOOST_CHECK(ClassOf("name.(") == ErrorClass::kSyntax);
  BOOST_CHECK(ClassOf("'x' 'y'") == ErrorClass::kSyntax);
  BOOST_CHECK(ClassOf("name.foo()") == ErrorClass::kSemantic);
  BOOST_CHECK(ClassOf("name.first(1)") == ErrorClass::kSemantic);
  BOOST_CHECK(ClassOf("name.given.single()") == ErrorClass::kExecution);
  BOOST_CHECK(ClassOf("name.given + 1") == ErrorClass::kExecution);
  BOOST_CHECK(ClassOf("'a' - 'b'") == ErrorClass::kExecution);
  BOOST_CHECK(ClassOf("%unknown") == ErrorClass::kExecution);
  BOOST_CHECK(Run("1 +").find("syntax error at 3") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(limits_hold) {
  std::string deep(5000, '(');
  BOOST_CHECK(!Compile(deep + "1" + std::string(5000, ')')).ok());
  BOOST_CHECK(!Compile(std::string(100000, '1')).ok());
  // repeat() terminates on cycles and a huge string product is refused.
  BOOST_CHECK_EQUAL(Run("(1|2).repeat($this).count()"), R"([{"type":"integer","value":2}])");
  std::string r = Run("'aaaaaaaaaaaaaaaa'.replace('', 'aaaaaaaaaaaaaaaa').replace('', "
                      "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa').replace('', "
                      "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa').replace('', "
                      "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')");
  BOOST_CHECK(r.rfind("ERR:", 0) == 0);
}

BOOST_AUTO_TEST_CASE(html_checks) {
  BOOST_CHECK(CheckNarrativeXhtml("<div xmlns=\"http://www.w3.org/1999/xhtml\"><b>x</b></div>"));
  BOOST_CHECK(!CheckNarrativeXhtml("<div xmlns=\"http://www.w3.org/1999/xhtml\"><script/></div>"));
  BOOST_CHECK(!CheckNarrativeXhtml(
      "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p onclick=\"x()\">a</p></div>"));
  BOOST_CHECK(!CheckNarrativeXhtml("<div><p>a</p></div>"));
  BOOST_CHECK(!CheckNarrativeXhtml("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>a</div>"));
}

BOOST_AUTO_TEST_CASE(compiled_expression_is_shared_across_threads) {
  static const json::Value doc = Doc();
  auto c = Compile("name.given.where(matches('^J')).count()");
  BOOST_REQUIRE(c.ok());
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        auto r = Evaluate(**c, ContextFor(doc, nullptr));
        ok[t] += r.ok() && r->size() == 1 && r->front().integer() == 2;
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int v : ok) BOOST_CHECK_EQUAL(v, 200);
}

}  // namespace
}  // namespace gw::fhirpath
