// The feed → FHIR pipeline end to end, in-process (PrepareIngest/RunIngest of `fhir-gateway
// map`, writing into a temporary folder):
//  1. the sample feeds map with 0 rejects, every output validates with 0 errors, the counts
//     balance, references between outputs resolve, and the malformed optional MBI is dropped
//     with a warning (the member kept);
//  2. synthetic feeds with injected problems: the rejects are exactly the manifest's problems
//     plus the records of members whose own row was rejected, each with its expected code;
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

namespace gw::app {
namespace {

namespace fs = std::filesystem;

const std::string kCorpora = std::string(GW_SHARED_DIR) + "/corpora/";
const std::string kSample = std::string(GW_SHARED_DIR) + "/internal-feeds/sample";
const std::string kUsCore = kCorpora + "us-core/packages/hl7.fhir.us.core-6.1.0.tgz";
const std::string kPas = kCorpora + "davinci-pas/ig-package-2.2.1/hl7.fhir.us.davinci-pas-2.2.1.tgz";
constexpr char kTestNamespace[] = "5b3c9d3e-2f1a-4c7e-9a61-0d2f4b8e7a10";

bool Skipped() {
  if (shell::PathExists(kUsCore) && shell::PathExists(kPas) && shell::IsDirectory(kSample) &&
      shell::IsDirectory(GW_FHIR_R4_DIR)) {
    return false;
  }
  std::cout << "GW_SKIPPED: ../shared corpora, sample feeds or R4 definitions absent\n";
  return true;
}

IngestOptions Options(const std::string& feeds) {
  IngestOptions o;
  o.feeds_dir = feeds;
  o.mappings_dir = std::string(GW_SOURCE_DIR) + "/mappings";
  o.packages = {kUsCore, kPas, std::string(GW_SOURCE_DIR) + "/fhir-profiles"};
  o.id_namespace = kTestNamespace;
  return o;
}

// Loaded once (definitions and packages take seconds).
const IngestSetup& Setup() {
  static std::unique_ptr<IngestSetup> setup = [] {
    auto s = PrepareIngest(Options(kSample), "test");
    BOOST_TEST_REQUIRE(s.ok(), s.status().message());
    return std::move(s).value();
  }();
  return *setup;
}

std::string TempDir(const std::string& name) {
  std::string tmpl = (fs::temp_directory_path() / ("gw-ingest-" + name + "-XXXXXX")).string();
  BOOST_TEST_REQUIRE(mkdtemp(tmpl.data()) != nullptr);
  return tmpl;
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

std::string Str(const json::Value& v, std::string_view key) {
  const json::Value* f = v.Find(key);
  if (f == nullptr) return {};
  if (f->is_string()) return std::string(f->string_value());
  if (f->is_number()) return std::string(f->number_text());
  return {};
}

struct Reject {
  std::string file;
  std::uint32_t line;
  std::string key;
  std::vector<std::string> codes;
};

std::vector<Reject> Rejects(const std::string& out) {
  std::vector<Reject> rejects;
  for (const json::Value& r : ReadNdjson(out + "/rejects.ndjson")) {
    Reject x{Str(r, "file"), static_cast<std::uint32_t>(std::stoul(Str(r, "line"))), Str(r, "key"), {}};
    const json::Value* issues = r.Find("outcome")->Find("issue");
    for (const json::Value& i : issues->items()) {
      const json::Value* details = i.Find("details");
      const json::Value* coding = details ? details->Find("coding") : nullptr;
      if (coding != nullptr && !coding->items().empty()) {
        x.codes.push_back(Str(coding->items()[0], "code"));
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

// line → member_id of each record of a feed the readers can read.
std::map<std::uint32_t, std::string> MemberIdsByLine(const std::string& path, bool csv) {
  std::map<std::uint32_t, std::string> out;
  if (csv) {
    auto src = shell::FileChunkSource::Open(path);
    BOOST_TEST_REQUIRE(src.ok());
    feeds::CsvReader reader(**src);
    for (;;) {
      auto step = reader.Next();
      BOOST_TEST_REQUIRE(step.ok());
      if (*step == feeds::ReadStep::kEnd) break;
      if (*step == feeds::ReadStep::kRecord) {
        out[reader.record().line()] = std::string(reader.record().Get("member_id"));
      }
    }
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
  for (const char* f : {"eligibility.csv", "care_management.ndjson", "prior_auth.ndjson"}) {
    member_of[f] = MemberIdsByLine(feeds + "/" + f, std::string(f).ends_with(".csv"));
    for (const auto& [line, member] : member_of[f]) {
      if (mapping_rejected.count(member)) expected[{f, line}] = {"ingest-member-rejected"};
      if (reader_rejected.count(member)) expected[{f, line}] = {"ingest-unknown-member"};
    }
  }
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

BOOST_AUTO_TEST_CASE(truncated_line_and_broken_utf8_are_rejected_precisely) {
  if (Skipped()) return;
  const std::string feeds = TempDir("broken");
  const std::string out = TempDir("broken-out");
  for (const auto& entry : fs::directory_iterator(kSample)) {
    fs::copy_file(entry.path(), feeds + "/" + entry.path().filename().string());
    fs::permissions(feeds + "/" + entry.path().filename().string(), fs::perms::owner_write,
                    fs::perm_options::add);
  }
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
  const std::string feeds = TempDir("load-feeds");
  for (const auto& entry : fs::directory_iterator(kSample)) {
    fs::copy_file(entry.path(), feeds + "/" + entry.path().filename().string());
    fs::permissions(feeds + "/" + entry.path().filename().string(), fs::perms::owner_write,
                    fs::perm_options::add);
  }
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
