// Data-driven agreement with the HL7 reference validator over the R4 JSON cases of
// fhir-test-cases (validator/ folder): every case that needs no terminology server (module tx
// is excluded), no external package and no XML file. The verdict (any error/fatal or none) is
// compared with the java expected outcome; error locations are compared where the expected
// outcome lists them. Disagreements are written, one line each, to
// conformance/validator-r4-disagreements.md. The test fails when agreement drops below the
// ratchet (kMinVerdictAgreement).
#define BOOST_TEST_MODULE validation_test_cases_test
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <set>
#include <sstream>

#include "gateway/core/conformance/package.h"
#include "gateway/core/json/parse.h"
#include "gateway/core/validation/chain_resolver.h"
#include "gateway/core/validation/json_util.h"
#include "gateway/core/validation/resource_overlay.h"
#include "gateway/core/validation/terminology_binding_checker.h"
#include "gateway/core/validation/validator.h"
#include "gateway/shell/fs/file.h"
#include "test_support.h"

namespace gw::validation {
namespace {

// Ratchet: raise when agreement improves; never lower without a note in the report.
constexpr double kMinVerdictAgreement = 0.97;
constexpr double kMinLocationAgreement = 0.85;

const std::string kRoot = std::string(GW_SHARED_DIR) + "/corpora/fhir-test-cases/";
const std::string kDir = kRoot + "validator/";

struct Expected {
  bool known = false;
  bool invalid = false;
  std::set<std::string> error_locations;  // normalized
  std::string first_error;                // for the report
  // Errors whose verdict came from the reference validator's terminology server: the message
  // names a code system (display or code check) — kept aside until we know whether that system
  // is available offline for the case.
  struct ServerError {
    std::string system;
    std::string location;
    std::string text;
  };
  std::vector<ServerError> server_errors;
};

// The code system a terminology-server message is about ("Wrong Display Name 'x' for S#c",
// "Unknown code 'c' in the CodeSystem 'S' ..."), or empty.
std::string ServerCheckedSystem(std::string_view text) {
  if (text.rfind("Wrong Display Name", 0) == 0) {
    std::size_t for_pos = text.rfind("' for ");
    if (for_pos == std::string_view::npos) return {};
    std::string_view rest = text.substr(for_pos + 6);
    std::size_t hash = rest.find('#');
    return hash == std::string_view::npos ? std::string() : std::string(rest.substr(0, hash));
  }
  if (text.rfind("Unknown code", 0) == 0) {
    std::size_t p = text.find("in the CodeSystem '");
    if (p == std::string_view::npos) return {};
    std::string_view rest = text.substr(p + 19);
    return std::string(rest.substr(0, rest.find('\'')));
  }
  return {};
}

// Java locations carry comments: "Bundle.entry[0].resource/*Patient/x*/.name" → without them.
std::string NormalizeLocation(std::string_view loc) {
  std::string out;
  for (std::size_t i = 0; i < loc.size(); ++i) {
    if (loc.substr(i, 2) == "/*") {
      std::size_t end = loc.find("*/", i + 2);
      if (end == std::string_view::npos) break;
      i = end + 1;
      continue;
    }
    out += loc[i];
  }
  return out;
}

Expected FromOutcome(const json::Value& oo) {
  Expected e;
  e.known = true;
  const json::Value* issues = oo.Find("issue");
  if (issues == nullptr || !issues->is_array()) return e;
  for (const json::Value& i : issues->items()) {
    std::string_view sev = StringMember(i, "severity");
    if (sev != "error" && sev != "fatal") continue;
    const json::Value* expr = i.Find("expression");
    std::string loc;
    if (expr != nullptr && expr->is_array() && !expr->items().empty() &&
        expr->items()[0].is_string()) {
      loc = NormalizeLocation(expr->items()[0].string_value());
    }
    std::string text(StringMember(i.Find("details"), "text"));
    std::string system = ServerCheckedSystem(text);
    if (!system.empty()) {
      e.server_errors.push_back({system, loc, text});
      continue;
    }
    e.invalid = true;
    if (!loc.empty()) e.error_locations.insert(loc);
    if (e.first_error.empty()) e.first_error = loc + ": " + text.substr(0, 120);
  }
  return e;
}

Expected ReadExpected(const json::Value* counts, const json::Value* file) {
  Expected e;
  if (file != nullptr && file->is_string()) {
    auto oo = testing::ParseFile(kRoot + "validator/" + std::string(file->string_value()));
    if (oo.ok()) return FromOutcome(oo.value());
  }
  if (counts != nullptr && counts->is_object()) {
    e.known = true;
    for (const char* k : {"error", "fatal"}) {
      const json::Value* n = counts->Find(k);
      if (n != nullptr && n->is_number() && n->number_text() != "0") e.invalid = true;
    }
  }
  return e;
}

std::vector<std::string> Strings(const json::Value* arr) {
  std::vector<std::string> out;
  if (arr == nullptr || !arr->is_array()) return out;
  for (const json::Value& v : arr->items()) {
    if (v.is_string()) out.emplace_back(v.string_value());
  }
  return out;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Loads supporting files and local packages. False (with `why`) when one cannot be used.
bool LoadSupport(const std::vector<std::string>& files, const std::vector<std::string>& packages,
                 ResourceOverlay* overlay, std::string* why) {
  for (const std::string& f : files) {
    if (!EndsWith(f, ".json")) {
      *why = "supporting file is not JSON: " + f;
      return false;
    }
    auto v = testing::ParseFile(kDir + f);
    if (!v.ok()) {
      *why = "supporting file unreadable: " + f;
      return false;
    }
    overlay->Add(std::move(v).value());
  }
  for (const std::string& p : packages) {
    auto pkg = shell::ReadPackage(kDir + p);
    if (!pkg.ok()) {
      *why = "package unreadable: " + p;
      return false;
    }
    for (const conformance::PackageFile& file : pkg.value().resources) {
      auto v = json::Parse(file.content);
      if (v.ok()) overlay->Add(std::move(v).value());
    }
  }
  return true;
}

struct Outcome {
  bool invalid = false;
  std::set<std::string> error_locations;
  std::string first_error;
};

// Validates `file` with bindings checked by an offline terminology service that sees the case's
// supporting resources in front of the base definitions.
Outcome Run(const SchemaRegistry& registry, const ResourceOverlay& overlay,
            const testing::BaseDefinitions& base, const std::string& file,
            const std::vector<std::string>& profiles, ValidationOptions options) {
  ChainResolver resolver(overlay, *base.defs.store);
  terminology::TerminologyService terminology(resolver);
  TerminologyBindingChecker bindings(terminology);
  options.bindings = &bindings;
  options.terminology = &terminology;
  Outcome out;
  auto text = shell::ReadFile(kDir + file);
  if (!text.ok()) {
    out.invalid = true;
    out.first_error = "unreadable";
    return out;
  }
  auto doc = json::Parse(text.value());
  if (!doc.ok()) {
    out.invalid = true;
    out.first_error = "json: " + doc.status().message();
    return out;
  }
  Validator validator(registry, options);
  IssueList issues;
  validator.Validate(doc.value(), profiles, issues);
  for (const Issue& i : issues.issues()) {
    if (i.severity != Severity::kError && i.severity != Severity::kFatal) continue;
    out.invalid = true;
    out.error_locations.insert(i.location);
    if (out.first_error.empty()) out.first_error = i.code + " at " + i.location + ": " + i.message;
  }
  return out;
}

struct Tally {
  int cases = 0;
  int agree = 0;
  int with_locations = 0;  // both invalid, expected locations known
  int locations_equal = 0;
  int expected_locations = 0;
  int expected_locations_found = 0;
  std::vector<std::string> lines;
  std::vector<std::string> location_lines;
  std::vector<std::string> server_only;  // verdict needs a terminology server
  std::vector<std::string> skipped;
};

std::string JoinDifference(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::string out;
  for (const std::string& s : a) {
    if (b.count(s) > 0) continue;
    if (!out.empty()) out += "; ";
    out += s.empty() ? "(no location)" : s;
  }
  return out.empty() ? "-" : out;
}

// Moves the terminology-server errors about code systems that are available offline (loaded
// complete, from the definitions or the case's files) into the ordinary errors; the others cannot
// be reproduced offline by design (such codes are "not checked" information) and are dropped. True
// when the case's expected verdict rests only on dropped errors.
bool Settle(Expected* e, const terminology::TerminologyService& offline) {
  bool dropped = false;
  for (const Expected::ServerError& se : e->server_errors) {
    const terminology::CodeSystemIndex* cs = offline.FindCodeSystem(se.system);
    if (cs == nullptr || !cs->complete()) {
      dropped = true;
      continue;
    }
    e->invalid = true;
    if (!se.location.empty()) e->error_locations.insert(se.location);
    if (e->first_error.empty()) e->first_error = se.location + ": " + se.text.substr(0, 120);
  }
  return dropped && !e->invalid;
}

void Compare(const std::string& name, const std::string& step, Expected expected,
             const Outcome& got, const terminology::TerminologyService& offline, Tally* t) {
  if (Settle(&expected, offline)) {
    t->server_only.push_back("| " + name + " | " + step + " | " +
                             expected.server_errors.front().system + " | " +
                             (got.invalid ? "invalid" : "valid") + " |");
    return;
  }
  ++t->cases;
  if (expected.invalid == got.invalid) {
    ++t->agree;
  } else {
    std::string reason = expected.invalid
                             ? "java reports an error we miss (" + expected.first_error + ")"
                             : "we report an error java does not (" + got.first_error + ")";
    for (char& c : reason) c = c == '\n' ? ' ' : c;
    t->lines.push_back("| " + name + " | " + step + " | " + reason + " |");
  }
  if (expected.invalid && got.invalid && !expected.error_locations.empty()) {
    ++t->with_locations;
    if (expected.error_locations == got.error_locations) {
      ++t->locations_equal;
    } else {
      t->location_lines.push_back(
          "| " + name + " | " + step + " | " +
          JoinDifference(expected.error_locations, got.error_locations) + " | " +
          JoinDifference(got.error_locations, expected.error_locations) + " |");
    }
  }
  for (const std::string& loc : expected.error_locations) {
    ++t->expected_locations;
    if (got.error_locations.count(loc) > 0) ++t->expected_locations_found;
  }
}

// The current instant, ISO 8601 UTC: duration limits (minValueDuration) count from it.
std::string NowUtc() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

bool Flag(const json::Value* manifest_case, std::string_view key, bool fallback) {
  const json::Value* v = manifest_case != nullptr ? manifest_case->Find(key) : nullptr;
  return v != nullptr && v->is_bool() ? v->bool_value() : fallback;
}

void RunCase(const json::Value& c, const json::Value* m, const testing::BaseDefinitions& defs,
             Tally* t) {
  const SchemaRegistry& base = *defs.registry;
  std::string name(StringMember(c, "name"));
  std::string file(StringMember(c, "file"));
  const json::Value* use = c.Find("use_test");
  if (use != nullptr && use->is_bool() && !use->bool_value()) return;
  if (StringMember(c, "module") == "tx") return;
  if (!Strings(c.Find("external_packages")).empty()) return;
  if (!EndsWith(file, ".json")) return;
  if (Flag(m, "allow-comments", false)) {
    t->skipped.push_back("| " + name + " | JSON with comments (JSON5) is not accepted |");
    return;
  }
  ValidationOptions options;
  options.allow_example_urls = Flag(m, "examples", true);
  options.security_checks = Flag(m, "security-checks", false);
  options.markdown_html_is_error = Flag(m, "noHtmlInMarkdown", false);
  options.extension_domains.emplace_back(StringMember(m, "allowed-extension-domain"));
  options.validate_contained = StringMember(m, "validateContains") != "IGNORE";
  options.references_must_resolve =
      StringMember(m, "validateReference").rfind("CHECK_EXISTS", 0) == 0;
  options.no_experimental_content = Flag(m, "no-experimental-content", false);
  options.now = NowUtc();
  // Supporting ImplementationGuides take effect (their global profiles), as in the reference
  // validator's harness.
  for (const std::string& f : Strings(c.Find("supporting"))) {
    auto v = EndsWith(f, ".json") ? testing::ParseFile(kDir + f) : Result<json::Value>(NotFound(f));
    if (v.ok() && StringMember(v.value(), "resourceType") == "ImplementationGuide") {
      options.implementation_guides.emplace_back(StringMember(v.value(), "url"));
    }
  }
  Expected base_expected = ReadExpected(c.Find("base_expected"), c.Find("base_outcome_file"));
  if (!base_expected.known) return;
  std::vector<std::string> packages;
  for (const std::string& p : Strings(c.Find("packages"))) {
    if (EndsWith(p, ".tgz")) packages.push_back(p);
  }
  // The local packages the listed ones depend on (id#version → file).
  const json::Value* map = m != nullptr ? m->Find("package-map") : nullptr;
  if (map != nullptr && map->is_object()) {
    for (const json::Member& dep : map->members()) {
      if (dep.value.is_string() && EndsWith(dep.value.string_value(), ".tgz")) {
        packages.emplace_back(dep.value.string_value());
      }
    }
  }
  ResourceOverlay overlay;
  std::string why;
  if (!LoadSupport(Strings(c.Find("supporting")), packages, &overlay, &why)) {
    t->skipped.push_back("| " + name + " | " + why + " |");
    return;
  }
  SchemaRegistry registry(&overlay, base.model(), &base);
  {
    ChainResolver resolver(overlay, *defs.defs.store);
    terminology::TerminologyService offline(resolver);
    Compare(name, "base", base_expected, Run(registry, overlay, defs, file, {}, options), offline,
            t);
  }
  std::string_view profile = StringMember(c, "profile");
  if (profile.empty()) return;
  Expected pe = ReadExpected(c.Find("profile_expected"), c.Find("profile_outcome_file"));
  if (!pe.known) return;
  ResourceOverlay poverlay;
  std::vector<std::string> files = Strings(c.Find("supporting"));
  for (const std::string& s : Strings(c.Find("profile_supporting"))) files.push_back(s);
  files.emplace_back(profile);
  if (!LoadSupport(files, packages, &poverlay, &why)) {
    t->skipped.push_back("| " + name + " (profile) | " + why + " |");
    return;
  }
  auto sd = testing::ParseFile(kDir + std::string(profile));
  std::string url = sd.ok() ? std::string(StringMember(sd.value(), "url")) : std::string();
  SchemaRegistry pregistry(&poverlay, base.model(), &base);
  ChainResolver presolver(poverlay, *defs.defs.store);
  terminology::TerminologyService poffline(presolver);
  Compare(name, "profile", pe, Run(pregistry, poverlay, defs, file, {url}, options), poffline, t);
}

void WriteReport(const Tally& t) {
  std::ostringstream md;
  md << "# Validator vs the HL7 reference validator: R4 disagreements\n\n"
     << "Generated by `validation_test_cases_test` over fhir-test-cases (R4 JSON cases, no `tx` "
        "module, no external packages). One line per disagreeing verdict.\n\n"
     << "Verdict agreement: " << t.agree << " / " << t.cases << "\n\n"
     << "| case | step | reason |\n|---|---|---|\n";
  for (const std::string& l : t.lines) md << l << "\n";
  md << "\n## Verdicts that need a terminology server\n\nCases whose expected errors all come "
        "from the reference validator's terminology server (display names or codes of a code "
        "system that is not available offline). Such codes are reported as \"not checked\" "
        "information by design, so these cases are not counted above: "
     << t.server_only.size()
     << ".\n\n| case | step | code system | our verdict |\n|---|---|---|---|\n";
  for (const std::string& l : t.server_only) md << l << "\n";
  md << "\n## Error locations that differ\n\nCases where both report errors but the sets of "
        "error locations differ: "
     << t.location_lines.size() << " of " << t.with_locations
     << ".\n\n| case | step | only java | only ours |\n|---|---|---|---|\n";
  for (const std::string& l : t.location_lines) md << l << "\n";
  md << "\n## Skipped\n\n| case | reason |\n|---|---|\n";
  for (const std::string& l : t.skipped) md << l << "\n";
  (void)shell::WriteFile(std::string(GW_SOURCE_DIR) + "/conformance/validator-r4-disagreements.md",
                         md.str());
}

BOOST_AUTO_TEST_CASE(agreement_with_java_validator) {
  const testing::BaseDefinitions* base = testing::Base();
  if (base == nullptr || !shell::PathExists(kRoot + "r4-index.json")) {
    std::cout << "GW_SKIPPED: R4 definitions or fhir-test-cases corpus absent\n";
    return;
  }
  auto index = testing::ParseFile(kRoot + "r4-index.json");
  BOOST_TEST_REQUIRE(index.ok());
  auto manifest = testing::ParseFile(kDir + "manifest-r4.json");
  BOOST_TEST_REQUIRE(manifest.ok());
  const json::Value* cases = manifest.value().Find("test-cases");
  BOOST_TEST_REQUIRE((cases != nullptr && cases->is_array()));
  Tally t;
  std::size_t i = 0;
  for (const json::Value& c : index.value().items()) {
    // r4-index.json lists the cases in manifest order.
    const json::Value* m = i < cases->items().size() ? &cases->items()[i] : nullptr;
    if (m != nullptr && StringMember(*m, "name") != StringMember(c, "name")) m = nullptr;
    ++i;
    RunCase(c, m, *base, &t);
  }
  WriteReport(t);
  double agreement = t.cases == 0 ? 0 : static_cast<double>(t.agree) / t.cases;
  std::printf("verdict agreement: %d / %d = %.1f%%\n", t.agree, t.cases, 100 * agreement);
  std::printf("error location sets equal: %d / %d cases where both report errors\n",
              t.locations_equal, t.with_locations);
  std::printf("expected error locations found: %d / %d\n", t.expected_locations_found,
              t.expected_locations);
  std::printf("not counted (verdict needs a terminology server): %zu\n", t.server_only.size());
  std::printf("skipped (unusable support files): %zu\n", t.skipped.size());
  BOOST_TEST(agreement >= kMinVerdictAgreement);
  double located = t.with_locations == 0 ? 0
                   : static_cast<double>(t.locations_equal) / t.with_locations;
  BOOST_TEST(located >= kMinLocationAgreement);
}

}  // namespace
}  // namespace gw::validation
