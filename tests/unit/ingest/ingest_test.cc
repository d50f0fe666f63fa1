// The feed → FHIR pipeline end to end, in-process (PrepareIngest/RunIngest of `fhir-gateway
// map`, writing into a temporary folder):
//  1. the sample feeds map with 0 rejects, every output validates with 0 errors, the counts
//     balance, references between outputs resolve, and the malformed optional MBI is dropped
//     with a warning (the member kept);
//  2. synthetic feeds with injected problems: the rejects are exactly the manifest's problems
//     plus the records of members whose own row was rejected and the eligibility spans of
//     dependants whose subscriber's row was rejected, each with its expected code;
//  2a. a duplicate member_id in members.csv: the later row is rejected, located at the first;
//  2b. a dependant whose subscriber was rejected or is missing: its spans are rejected and
//     every Coverage reference resolves to a written Patient;
//  3. a truncated last NDJSON line and broken UTF-8 in a CSV row are rejected with the
//     readers' codes and lines;
//  4. load (StoreIngestSink into the runtime's store) twice: no new versions; one changed
//     member row: exactly one new Patient version; then US Core searches through the handler.
#define BOOST_TEST_MODULE ingest_test
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gateway/app/gateway_handler.h"
#include "gateway/app/gateway_runtime.h"
#include "gateway/app/ingest_runner.h"
#include "gateway/app/store_ingest_sink.h"
#include "gateway/core/base/sha1.h"
#include "gateway/app/ndjson_output_sink.h"
#include "gateway/core/feeds/csv_reader.h"
#include "gateway/core/json/parse.h"
#include "gateway/core/synth/generator.h"
#include "gateway/shell/fs/file.h"
#include "gateway/shell/fs/file_chunk_source.h"
#include "ingest_test_support.h"

namespace gw::app {
namespace {

namespace fs = std::filesystem;
using testing::Str;

using testing::CopyOfSample;
using testing::kSample;
using testing::kTestNamespace;
using testing::TempDir;

bool Skipped() { return testing::IngestInputsAbsent(); }

IngestOptions Options(const std::string& feeds) { return testing::TestIngestOptions(feeds); }

// Loaded once (definitions and packages take seconds).
const IngestSetup& Setup() {
  static std::unique_ptr<IngestSetup> setup = [] {
    auto s = PrepareIngest(Options(kSample), "test");
    BOOST_TEST_REQUIRE(s.ok(), s.status().message());
    return std::move(s).value();
  }();
  return *setup;
}

ingest::IngestSummary RunMap(const std::string& feeds, const std::string& out) {
  auto sink = NdjsonOutputSink::Open(out);
  BOOST_TEST_REQUIRE(sink.ok(), sink.status().message());
  ingest::IngestSummary summary;
  Status s = RunIngest(Setup(), Options(feeds), **sink, &summary);
  BOOST_TEST_REQUIRE(s.ok(), s.message());
  BOOST_TEST_REQUIRE((*sink)->Close().ok());
  return summary;
}

std::vector<json::Value> ReadNdjson(const std::string& path) {
  std::vector<json::Value> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto v = json::Parse(line);
    BOOST_TEST_REQUIRE(v.ok(), path);
    out.push_back(std::move(v).value());
  }
  return out;
}

struct Reject {
  std::string file;
  std::uint32_t line;
  std::string key;
  std::vector<std::string> codes;
  std::vector<std::string> locations;  // each issue's first expression ("" when none)
};

std::vector<Reject> Rejects(const std::string& out) {
  std::vector<Reject> rejects;
  for (const json::Value& r : ReadNdjson(out + "/rejects.ndjson")) {
    Reject x{Str(r, "file"), static_cast<std::uint32_t>(std::stoul(Str(r, "line"))),
             Str(r, "key"), {}, {}};
    const json::Value* issues = r.Find("outcome")->Find("issue");
    for (const json::Value& i : issues->items()) {
      const json::Value* details = i.Find("details");
      const json::Value* coding = details ? details->Find("coding") : nullptr;
      if (coding != nullptr && !coding->items().empty()) {
        x.codes.push_back(Str(coding->items()[0], "code"));
        const json::Value* expression = i.Find("expression");
        x.locations.push_back(expression != nullptr && !expression->items().empty()
                                  ? std::string(expression->items()[0].string_value())
                                  : "");
      }
    }
    rejects.push_back(std::move(x));
  }
  return rejects;
}

void CheckBalanced(const ingest::IngestSummary& s) {
  for (const auto& [name, c] : s.feeds) {
    BOOST_TEST(c.balanced(), name << ": read " << c.read << " mapped " << c.mapped << " rejected "
                                  << c.rejected);
  }
}

void CollectReferences(const json::Value& v, std::vector<std::string>* refs) {
  if (v.is_object()) {
    for (const json::Member& m : v.members()) {
      if (m.key == "reference" && m.value.is_string()) refs->emplace_back(m.value.string_value());
      CollectReferences(m.value, refs);
    }
  } else if (v.is_array()) {
    for (const json::Value& i : v.items()) CollectReferences(i, refs);
  }
}

BOOST_AUTO_TEST_CASE(sample_feeds_map_validate_and_resolve) {
  if (Skipped()) return;
  const std::string out = TempDir("sample");
  ingest::IngestSummary summary = RunMap(kSample, out);
  CheckBalanced(summary);
  BOOST_TEST(summary.feeds.size() == 5u);
  for (const auto& [name, c] : summary.feeds) {
    BOOST_TEST(c.rejected == 0u, name);
    BOOST_TEST(c.read > 0u, name);
  }
  BOOST_TEST(Rejects(out).empty());
  // The malformed MBI of MMM00012345602 (members.csv line 3): dropped, member kept.
  auto warnings = ReadNdjson(out + "/warnings.ndjson");
  BOOST_TEST_REQUIRE(warnings.size() == 1u);
  BOOST_TEST(Str(warnings[0], "field") == "medicare_mbi");
  BOOST_TEST(Str(warnings[0], "code") == "ingest-invalid-mbi");
  BOOST_TEST(Str(warnings[0], "line") == "3");
  BOOST_TEST(summary.feeds["members.csv"].mapped == 5u);

  std::set<std::string> ids;
  std::vector<json::Value> all;
  for (const auto& entry : fs::directory_iterator(out)) {
    const std::string name = entry.path().filename().string();
    if (name == "rejects.ndjson" || name == "warnings.ndjson" || entry.path().extension() != ".ndjson") {
      continue;
    }
    const std::string type = entry.path().stem().string();
    auto resources = ReadNdjson(entry.path().string());
    BOOST_TEST(resources.size() == summary.written[type], type);
    for (json::Value& r : resources) {
      BOOST_TEST(Str(r, "resourceType") == type);
      ids.insert(type + "/" + Str(r, "id"));
      all.push_back(std::move(r));
    }
  }
  BOOST_TEST(ids.count("Organization/plan") == 1u);
  // The US Core 6.1 / PAS 2.2.1 profile each plan profile builds on, named explicitly as well.
  static const std::map<std::string, std::string> kParent = {
      {"Patient", "http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient|6.1.0"},
      {"Coverage", "http://hl7.org/fhir/us/core/StructureDefinition/us-core-coverage|6.1.0"},
      {"CarePlan", "http://hl7.org/fhir/us/core/StructureDefinition/us-core-careplan|6.1.0"},
      {"CareTeam", "http://hl7.org/fhir/us/core/StructureDefinition/us-core-careteam|6.1.0"},
      {"Goal", "http://hl7.org/fhir/us/core/StructureDefinition/us-core-goal|6.1.0"},
      {"Condition", "http://hl7.org/fhir/us/core/StructureDefinition/"
                    "us-core-condition-problems-health-concerns|6.1.0"},
      {"Claim", "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/profile-claim"},
      {"ClaimResponse",
       "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/profile-claimresponse"}};
  std::map<std::string, int> checked_against_parent;
  for (const json::Value& r : all) {
    IssueList issues;
    std::vector<std::string> parent;
    auto found = kParent.find(Str(r, "resourceType"));
    if (found != kParent.end()) {
      parent.push_back(found->second);
      ++checked_against_parent[found->first];
    }
    Setup().validator->Validate(r, parent, issues);
    for (const Issue& i : issues.issues()) {
      BOOST_TEST((i.severity != Severity::kError && i.severity != Severity::kFatal),
                 Str(r, "resourceType") << " " << i.code << " at " << i.location);
    }
    std::vector<std::string> refs;
    CollectReferences(r, &refs);
    for (const std::string& ref : refs) {
      const std::string type = ref.substr(0, ref.find('/'));
      static const std::set<std::string> kChecked = {"Patient", "Coverage", "Practitioner",
                                                     "Organization", "Goal", "CareTeam",
                                                     "Condition"};
      if (kChecked.count(type) == 0 || ref.find('/') == std::string::npos) continue;
      BOOST_TEST(ids.count(ref) == 1u, Str(r, "resourceType") << " refers to missing " << type);
    }
  }
  for (const auto& [type, profile] : kParent) {
    BOOST_TEST(checked_against_parent[type] > 0, type << " never checked against " << profile);
  }
  fs::remove_all(out);
}

// Feeds written by the synthetic generator into a folder.
class FolderSink : public synth::FeedSink {
 public:
  explicit FolderSink(std::string dir) : dir_(std::move(dir)) {}
  bool Append(synth::Feed feed, std::string_view text) override {
    auto& f = files_[feed];
    if (!f) f = std::make_unique<std::ofstream>(dir_ + "/" + std::string(synth::FeedFileName(feed)), std::ios::binary);
    f->write(text.data(), static_cast<std::streamsize>(text.size()));
    return f->good();
  }

 private:
  std::string dir_;
  std::map<synth::Feed, std::unique_ptr<std::ofstream>> files_;
};

// Calls `f` with each record of a CSV feed the reader can read (the test fails on a read error).
template <typename F>
void ForEachCsvRecord(const std::string& path, F f) {
  auto src = shell::FileChunkSource::Open(path);
  BOOST_TEST_REQUIRE(src.ok());
  feeds::CsvReader reader(**src);
  for (;;) {
    auto step = reader.Next();
    BOOST_TEST_REQUIRE(step.ok());
    if (*step == feeds::ReadStep::kEnd) break;
    if (*step == feeds::ReadStep::kRecord) f(reader.record());
  }
}

// line → member_id of each record of a feed the readers can read.
std::map<std::uint32_t, std::string> MemberIdsByLine(const std::string& path, bool csv) {
  std::map<std::uint32_t, std::string> out;
  if (csv) {
    ForEachCsvRecord(path, [&out](const feeds::CsvRecord& r) {
      out[r.line()] = std::string(r.Get("member_id"));
    });
  } else {
    std::ifstream in(path);
    std::string line;
    std::uint32_t n = 0;
    while (std::getline(in, line)) {
      ++n;
      auto v = json::Parse(line);
      if (v.ok()) out[n] = Str(*v, "member_id");
    }
  }
  return out;
}

// member_id → subscriber_id of each members.csv row the reader can read.
std::map<std::string, std::string> SubscribersOf(const std::string& members_csv) {
  std::map<std::string, std::string> out;
  ForEachCsvRecord(members_csv, [&out](const feeds::CsvRecord& r) {
    out.emplace(std::string(r.Get("member_id")), std::string(r.Get("subscriber_id")));
  });
  return out;
}

BOOST_AUTO_TEST_CASE(synthetic_rejects_are_exactly_the_injected_problems) {
  if (Skipped()) return;
  const std::string feeds = TempDir("synth");
  const std::string out = TempDir("synth-out");
  {
    FolderSink sink(feeds);
    synth::SynthOptions so;
    so.members = 1500;
    so.seed = 7;
    so.malformed_rate = 0.02;
    so.malformed_rate_text = "0.02";
    auto r = synth::GenerateFeeds(so, sink);
    BOOST_TEST_REQUIRE(r.ok(), r.status().message());
  }
  ingest::IngestSummary summary = RunMap(feeds, out);
  CheckBalanced(summary);

  auto manifest = json::Parse(*shell::ReadFile(feeds + "/malformed.json"));
  BOOST_TEST_REQUIRE(manifest.ok());
  // Members whose own row was rejected: by the mapping (still indexed) or by the reader.
  std::set<std::string> mapping_rejected, reader_rejected;
  for (const json::Value& p : manifest->Find("problems")->items()) {
    if (Str(p, "file") != "members.csv") continue;
    const std::string kind = Str(p, "kind");
    (kind == "bad-utf8" || kind == "missing-column" ? reader_rejected : mapping_rejected)
        .insert(Str(p, "key"));
  }
  // Expected: (file, line) → acceptable codes.
  std::map<std::pair<std::string, std::uint32_t>, std::set<std::string>> expected;
  std::map<std::string, std::map<std::uint32_t, std::string>> member_of;
  // A dependant's spans: their Coverage references the subscriber, whose row must be mapped.
  const std::map<std::string, std::string> subscriber_of = SubscribersOf(feeds + "/members.csv");
  std::size_t subscriber_records = 0;
  for (const char* f : {"eligibility.csv", "care_management.ndjson", "prior_auth.ndjson"}) {
    member_of[f] = MemberIdsByLine(feeds + "/" + f, std::string(f).ends_with(".csv"));
    for (const auto& [line, member] : member_of[f]) {
      if (mapping_rejected.count(member)) expected[{f, line}] = {"ingest-member-rejected"};
      if (reader_rejected.count(member)) expected[{f, line}] = {"ingest-unknown-member"};
      auto sub = subscriber_of.find(member);
      if (std::string(f) != "eligibility.csv" || expected.count({f, line}) ||
          sub == subscriber_of.end() || sub->second == member) {
        continue;
      }
      if (mapping_rejected.count(sub->second)) {
        expected[{f, line}] = {"ingest-subscriber-rejected"};
        ++subscriber_records;
      } else if (reader_rejected.count(sub->second)) {
        expected[{f, line}] = {"ingest-unknown-subscriber"};
        ++subscriber_records;
      }
    }
  }
  BOOST_TEST(subscriber_records > 0u);
  std::size_t predicted_member_records = expected.size();
  for (const json::Value& p : manifest->Find("problems")->items()) {
    const std::string file = Str(p, "file"), kind = Str(p, "kind");
    const auto line = static_cast<std::uint32_t>(std::stoul(Str(p, "line")));
    std::set<std::string> codes;
    if (kind == "bad-utf8") codes = {"csv-invalid-utf8"};
    else if (kind == "missing-column") codes = {"csv-field-count"};
    else if (kind == "unknown-member") codes = {"ingest-unknown-member"};
    else if (kind == "bad-date") codes = {"mapping-bad-date", "mapping-bad-datetime"};
    else if (kind == "unknown-code") codes = {"mapping-unknown-code"};
    auto it = expected.find({file, line});
    if (it != expected.end() && kind != "missing-column") continue;  // the member check comes first
    if (it != expected.end()) --predicted_member_records;
    expected[{file, line}] = codes;
  }
  BOOST_TEST(predicted_member_records > 0u);

  std::map<std::pair<std::string, std::uint32_t>, std::string> actual;
  for (const Reject& r : Rejects(out)) {
    BOOST_TEST_REQUIRE(!r.codes.empty());
    actual[{r.file, r.line}] = r.codes.front();
  }
  for (const auto& [where, codes] : expected) {
    auto it = actual.find(where);
    if (it == actual.end()) {
      BOOST_ERROR("not rejected: " << where.first << ":" << where.second);
      continue;
    }
    BOOST_TEST(codes.count(it->second) == 1u,
               where.first << ":" << where.second << " rejected with " << it->second);
  }
  for (const auto& [where, code] : actual) {
    BOOST_TEST(expected.count(where) == 1u,
               "unexpected reject " << where.first << ":" << where.second << " " << code);
  }
  std::uint64_t rejected = 0;
  for (const auto& [name, c] : summary.feeds) rejected += c.rejected;
  BOOST_TEST(rejected == expected.size());
  fs::remove_all(feeds);
  fs::remove_all(out);
}

void Append(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::app | std::ios::binary);
  f << text;
  BOOST_TEST_REQUIRE(f.good());
}

// The rejects of a run by "file:line".
std::map<std::string, Reject> RejectsByPlace(const std::string& out) {
  std::map<std::string, Reject> by_place;
  for (Reject& r : Rejects(out)) {
    BOOST_TEST_REQUIRE(!r.codes.empty());
    by_place[r.file + ":" + std::to_string(r.line)] = std::move(r);
  }
  return by_place;
}

BOOST_AUTO_TEST_CASE(duplicate_member_id_is_rejected_at_the_first_row) {
  if (Skipped()) return;
  const std::string feeds = CopyOfSample("dup");
  const std::string out = TempDir("dup-out");
  // Lines 7 and 8: two more rows of MMM00012345602 (line 3), other names and birth dates.
  Append(feeds + "/members.csv",
         "MMM00012345602,MMM00012345601,01,Pedro,,Rosa,,01/02/1950,M,Urb. Santa Rosa,,"
         "Bayamón,PR,00959,,,,SPA,,,,,,2026-11-21T06:15:00\n"
         "MMM00012345602,MMM00012345601,19,Ana,,Rosa,,01/02/1990,F,Urb. Santa Rosa,,"
         "Bayamón,PR,00959,,,,SPA,,,,,,2026-11-21T06:15:00\n");
  ingest::IngestSummary summary = RunMap(feeds, out);
  CheckBalanced(summary);
  BOOST_TEST(summary.feeds["members.csv"].read == 7u);
  BOOST_TEST(summary.feeds["members.csv"].mapped == 5u);
  BOOST_TEST(summary.feeds["members.csv"].rejected == 2u);
  BOOST_TEST(summary.reject_codes["ingest-duplicate-member"] == 2u);
  BOOST_TEST(summary.written["Patient"] == 5u);
  auto rejects = RejectsByPlace(out);
  BOOST_TEST_REQUIRE(rejects.size() == 2u);
  for (const char* place : {"members.csv:7", "members.csv:8"}) {
    const Reject& r = rejects[place];
    BOOST_TEST_REQUIRE(r.codes.size() == 1u, place);
    BOOST_TEST(r.codes[0] == "ingest-duplicate-member", place);
    BOOST_TEST(r.locations[0] == "members.csv:3:member_id", place);
    BOOST_TEST(r.key == "MMM00012345602", place);
  }
  // The member is the first row's: its spans join with it and its Patient is that row's.
  BOOST_TEST(summary.feeds["eligibility.csv"].rejected == 0u);
  const std::string juan = NameUuidV5(*ParseUuid(kTestNamespace), "Patient/MMM00012345602");
  int found = 0;
  for (const json::Value& p : ReadNdjson(out + "/Patient.ndjson")) {
    if (Str(p, "id") != juan) continue;
    ++found;
    BOOST_TEST(Str(p, "birthDate") == "1946-07-02");
  }
  BOOST_TEST(found == 1);
  fs::remove_all(feeds);
  fs::remove_all(out);
}

BOOST_AUTO_TEST_CASE(spans_of_a_dependant_without_a_mapped_subscriber_are_rejected) {
  if (Skipped()) return;
  const std::string feeds = CopyOfSample("subscriber");
  const std::string out = TempDir("subscriber-out");
  {
    // The subscriber MMM00012345601 (line 2) gets a birth date that is no date: rejected.
    auto text = shell::ReadFile(feeds + "/members.csv");
    BOOST_TEST_REQUIRE(text.ok());
    std::string changed = *text;
    const std::size_t at = changed.find("03/14/1948");
    BOOST_TEST_REQUIRE(at != std::string::npos);
    changed.replace(at, 10, "13/45/1948");
    BOOST_TEST_REQUIRE(shell::WriteFile(feeds + "/members.csv", changed).ok());
  }
  // Line 7: a dependant whose subscriber MMM00044400100 is no member; eligibility line 8: a
  // span of that dependant.
  Append(feeds + "/members.csv",
         "MMM00044400102,MMM00044400100,19,Ana,,Rosa,,01/02/2010,F,Calle 3,,Ponce,PR,00730,,,,"
         "SPA,,,,,,2026-11-21T06:15:00\n");
  Append(feeds + "/eligibility.csv",
         "EL-9900001,MMM00044400102,COMMERCIAL,CM-GOLD-01,Gold PPO,GRP-0042,,2026-03-01,,A,"
         "PR-ALL,,2026-11-21T06:15:00\n");
  ingest::IngestSummary summary = RunMap(feeds, out);
  CheckBalanced(summary);
  const std::map<std::string, std::pair<std::string, std::string>> expected = {
      {"members.csv:2", {"mapping-bad-date", ""}},
      {"eligibility.csv:2", {"ingest-member-rejected", "member_id"}},          // the subscriber's
      {"eligibility.csv:3", {"ingest-subscriber-rejected", "subscriber_id"}},  // MMM00012345602
      {"eligibility.csv:8", {"ingest-unknown-subscriber", "subscriber_id"}},
      {"care_management.ndjson:1", {"ingest-member-rejected", "member_id"}},
      {"prior_auth.ndjson:1", {"ingest-member-rejected", "member_id"}}};
  auto rejects = RejectsByPlace(out);
  for (const auto& [place, code] : expected) {
    auto it = rejects.find(place);
    if (it == rejects.end()) {
      BOOST_ERROR("not rejected: " << place);
      continue;
    }
    BOOST_TEST(it->second.codes.front() == code.first, place);
    if (!code.second.empty()) BOOST_TEST(it->second.locations.front() == code.second, place);
  }
  for (const auto& [place, r] : rejects) {
    BOOST_TEST(expected.count(place) == 1u, "unexpected reject " << place << " " << r.codes[0]);
  }
  BOOST_TEST(rejects["eligibility.csv:3"].key == "EL-7781202");
  BOOST_TEST(rejects["eligibility.csv:8"].key == "EL-9900001");
  BOOST_TEST(summary.feeds["members.csv"].mapped == 5u);  // the dependants' own rows are kept
  BOOST_TEST(summary.feeds["eligibility.csv"].read == 7u);
  BOOST_TEST(summary.feeds["eligibility.csv"].rejected == 3u);
  BOOST_TEST(summary.reject_codes["ingest-subscriber-rejected"] == 1u);
  BOOST_TEST(summary.reject_codes["ingest-unknown-subscriber"] == 1u);

  // Every Patient reference of a Coverage resolves to a written Patient.
  std::set<std::string> patients;
  for (const json::Value& p : ReadNdjson(out + "/Patient.ndjson")) {
    patients.insert("Patient/" + Str(p, "id"));
  }
  const auto coverages = ReadNdjson(out + "/Coverage.ndjson");
  BOOST_TEST(coverages.size() == 4u);
  for (const json::Value& c : coverages) {
    std::vector<std::string> refs;
    CollectReferences(c, &refs);
    for (const std::string& ref : refs) {
      if (ref.rfind("Patient/", 0) == 0) BOOST_TEST(patients.count(ref) == 1u, ref);
    }
  }
  fs::remove_all(feeds);
  fs::remove_all(out);
}

BOOST_AUTO_TEST_CASE(truncated_line_and_broken_utf8_are_rejected_precisely) {
  if (Skipped()) return;
  const std::string feeds = CopyOfSample("broken");
  const std::string out = TempDir("broken-out");
  {
    std::ofstream m(feeds + "/members.csv", std::ios::app | std::ios::binary);
    // Line 7: "Mu\xF1oz" in Latin-1, not UTF-8.
    m << "MMM00099900101,MMM00099900101,18,Jos\xE9,,Mu\xF1oz,,01/02/1950,M,Calle 1,,Ponce,PR,"
         "00730,,,,SPA,,,,,,2026-11-20T06:15:00\n";
    std::ofstream c(feeds + "/care_management.ndjson", std::ios::app | std::ios::binary);
    c << R"({"case_id":"CM-2026-999999","member_id":"MMM000123456)";  // no line break
  }
  ingest::IngestSummary summary = RunMap(feeds, out);
  CheckBalanced(summary);
  auto rejects = Rejects(out);
  BOOST_TEST_REQUIRE(rejects.size() == 2u);
  std::map<std::string, Reject> by_file;
  for (const Reject& r : rejects) by_file[r.file] = r;
  BOOST_TEST(by_file["members.csv"].line == 7u);
  BOOST_TEST(by_file["members.csv"].codes.front() == "csv-invalid-utf8");
  const std::uint32_t cm_lines = static_cast<std::uint32_t>(
      MemberIdsByLine(kSample + "/care_management.ndjson", false).rbegin()->first);
  BOOST_TEST(by_file["care_management.ndjson"].line == cm_lines + 1);
  BOOST_TEST(by_file["care_management.ndjson"].codes.front() == "ndjson-truncated-line");
  fs::remove_all(feeds);
  fs::remove_all(out);
}

StoreLoadCounts Load(ports::ResourceStore& store, const std::string& feeds) {
  StoreIngestSink sink(store, nullptr, 50);
  ingest::IngestSummary summary;
  Status s = RunIngest(Setup(), Options(feeds), sink, &summary);
  BOOST_TEST_REQUIRE(s.ok(), s.message());
  BOOST_TEST_REQUIRE(sink.Flush().ok());
  CheckBalanced(summary);
  return sink.counts();
}

std::int64_t TotalVersions(ports::ResourceStore& store) {
  ports::HistoryQuery q;
  q.count = 1;
  auto page = store.History(q);
  BOOST_TEST_REQUIRE(page.ok());
  return page->total.value_or(-1);
}

BOOST_AUTO_TEST_CASE(load_is_idempotent_and_searchable) {
  if (Skipped()) return;
  const std::string data = TempDir("load-data");
  const std::string feeds = CopyOfSample("load-feeds");
  config::ServerConfig c;
  c.data_dir = data;
  c.packages = Options(feeds).packages;
  config::ListenerConfig l;
  l.name = "public";
  c.listeners.push_back(l);
  config::ClientConfig admin;
  admin.client_id = "plan-admin";
  admin.jwks_json = R"({"keys":[]})";
  admin.scopes = "system/*.cruds";
  admin.kind = config::ClientKind::kInternal;
  admin.all_members = true;
  c.access.clients.push_back(admin);
  c.access.rate_limit.requests_per_second = 100000;
  c.access.rate_limit.burst = 100000;
  auto built = BuildRuntime(c, {{"public", "https://gw.test"}}, "public");
  BOOST_TEST_REQUIRE(built.ok(), built.status().message());
  std::unique_ptr<GatewayRuntime> rt = std::move(built).value();

  StoreLoadCounts first = Load(*rt->store, feeds);
  BOOST_TEST(first.created > 0u);
  BOOST_TEST(first.updated == 0u);
  const std::int64_t versions = TotalVersions(*rt->store);
  BOOST_TEST(versions == static_cast<std::int64_t>(first.created));

  StoreLoadCounts second = Load(*rt->store, feeds);
  BOOST_TEST(second.created == 0u);
  BOOST_TEST(second.updated == 0u);
  BOOST_TEST(second.unchanged == first.created);
  BOOST_TEST(TotalVersions(*rt->store) == versions);

  // MMM00055500101 (line 5) gets another mobile phone: one new version of that Patient.
  {
    auto text = shell::ReadFile(feeds + "/members.csv");
    BOOST_TEST_REQUIRE(text.ok());
    std::string changed = *text;
    const std::size_t at = changed.find("3055550123");
    BOOST_TEST_REQUIRE(at != std::string::npos);
    changed.replace(at, 10, "3055550124");
    BOOST_TEST_REQUIRE(shell::WriteFile(feeds + "/members.csv", changed).ok());
  }
  StoreLoadCounts third = Load(*rt->store, feeds);
  BOOST_TEST(third.created == 0u);
  BOOST_TEST(third.updated == 1u);
  BOOST_TEST(TotalVersions(*rt->store) == versions + 1);
  const UuidBytes ns = *ParseUuid(kTestNamespace);
  const std::string smith = NameUuidV5(ns, "Patient/MMM00055500101");
  auto current = rt->store->Read("Patient", smith);
  BOOST_TEST_REQUIRE(current.ok());
  BOOST_TEST(current->version_id == 2);

  // US Core searches through the whole handler.
  GatewayHandler handler(*rt);
  const std::int64_t now = rt->clock->NowMillis();
  const std::string token = rt->tokens->Issue({"plan-admin", "system/*.cruds", now + 3'600'000}, now);
  auto get = [&](const std::string& target) {
    ports::HttpRequest r;
    r.method = "GET";
    r.target = target;
    r.listener = "public";
    r.headers.push_back({"Authorization", "Bearer " + token});
    ports::HttpResponse resp = handler.Handle(r);
    BOOST_TEST_REQUIRE(resp.status == 200, target << " " << resp.status << " " << resp.body);
    auto bundle = json::Parse(resp.body);
    BOOST_TEST_REQUIRE(bundle.ok());
    const json::Value* entries = bundle->Find("entry");
    return entries == nullptr ? std::size_t{0} : entries->items().size();
  };
  const std::string maria = NameUuidV5(ns, "Patient/MMM00012345601");
  BOOST_TEST(get("/CarePlan?patient=" + maria + "&category=assess-plan") >= 1u);
  BOOST_TEST(get("/Coverage?patient=" + maria) >= 1u);
  BOOST_TEST(get("/Condition?patient=" + maria) >= 1u);
  rt.reset();
  fs::remove_all(data);
  fs::remove_all(feeds);
}

}  // namespace
}  // namespace gw::app
