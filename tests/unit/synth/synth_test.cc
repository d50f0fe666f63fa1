// The synthetic feed generator: determinism, identifier validity, referential integrity,
// coverage of every enumerated value, and a malformed manifest that lists exactly the records
// that break FORMATS.md (checked by an independent reader written here).
#define BOOST_TEST_MODULE synth
#include <array>
#include <boost/test/unit_test.hpp>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "gateway/core/base/utf8.h"
#include "gateway/core/json/parse.h"
#include "gateway/core/synth/civil_date.h"
#include "gateway/core/synth/csv_writer.h"
#include "gateway/core/synth/generator.h"
#include "gateway/core/synth/rng.h"

namespace {

using gw::synth::Feed;
using Strings = std::vector<std::string>;

class MemorySink : public gw::synth::FeedSink {
 public:
  bool Append(Feed feed, std::string_view text) override {
    files[static_cast<int>(feed)].append(text);
    return true;
  }
  const std::string& operator[](Feed f) const { return files[static_cast<int>(f)]; }
  std::array<std::string, gw::synth::kFeedCount> files;
};

MemorySink Generate(std::uint64_t members, std::uint64_t seed, double rate) {
  gw::synth::SynthOptions o;
  o.members = members;
  o.seed = seed;
  o.malformed_rate = rate;
  o.malformed_rate_text = std::to_string(rate);
  MemorySink sink;
  auto r = gw::synth::GenerateFeeds(o, sink);
  BOOST_TEST_REQUIRE(r.ok());
  BOOST_TEST(r->members == members);
  return sink;
}

// A record of a CSV file with the physical line it starts on.
struct CsvRecord {
  std::size_t line;
  Strings fields;
};

// A small RFC 4180 reader, independent of the writer under test.
std::vector<CsvRecord> ReadCsv(const std::string& text, bool* well_formed) {
  std::vector<CsvRecord> out;
  *well_formed = true;
  std::size_t i = 0, line = 1;
  while (i < text.size()) {
    CsvRecord rec{line, {}};
    std::string field;
    bool done = false;
    while (!done) {
      field.clear();
      if (i < text.size() && text[i] == '"') {
        ++i;
        while (true) {
          if (i >= text.size()) {
            *well_formed = false;
            return out;
          }
          if (text[i] == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              field.push_back('"');
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (text[i] == '\n') ++line;
          field.push_back(text[i++]);
        }
        if (i < text.size() && text[i] != ',' && text[i] != '\n') *well_formed = false;
      } else {
        while (i < text.size() && text[i] != ',' && text[i] != '\n') {
          if (text[i] == '"') *well_formed = false;
          field.push_back(text[i++]);
        }
      }
      rec.fields.push_back(field);
      if (i >= text.size()) {
        *well_formed = false;
        done = true;
      }  // no final LF
      else if (text[i] == ',')
        ++i;
      else {
        ++i;
        ++line;
        done = true;
      }
    }
    out.push_back(std::move(rec));
  }
  return out;
}

std::vector<CsvRecord> Csv(const std::string& text) {
  bool ok = false;
  auto recs = ReadCsv(text, &ok);
  BOOST_TEST_REQUIRE(ok);
  BOOST_TEST_REQUIRE(!recs.empty());
  return recs;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    BOOST_TEST_REQUIRE(end != std::string::npos);
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// --- independent checks of FORMATS.md ---------------------------------------------------

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

bool ValidYmd(int y, int m, int d) { return m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m); }

bool IsIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  if (!AllDigits(s.substr(0, 4)) || !AllDigits(s.substr(5, 2)) || !AllDigits(s.substr(8, 2)))
    return false;
  return ValidYmd(std::stoi(std::string(s.substr(0, 4))), std::stoi(std::string(s.substr(5, 2))),
                  std::stoi(std::string(s.substr(8, 2))));
}

bool IsUsDate(std::string_view s) {
  if (s.size() != 10 || s[2] != '/' || s[5] != '/') return false;
  if (!AllDigits(s.substr(0, 2)) || !AllDigits(s.substr(3, 2)) || !AllDigits(s.substr(6, 4)))
    return false;
  return ValidYmd(std::stoi(std::string(s.substr(6, 4))), std::stoi(std::string(s.substr(0, 2))),
                  std::stoi(std::string(s.substr(3, 2))));
}

bool IsDateTime(std::string_view s) {
  return s.size() == 19 && IsIsoDate(s.substr(0, 10)) && s[10] == 'T' && s[13] == ':' &&
         s[16] == ':';
}

bool LuhnNpi(std::string_view npi) {
  if (npi.size() != 10 || !AllDigits(npi)) return false;
  // Sum of the 9 digits with every other digit (from the first) doubled, + 24 for "80840".
  int sum = 24;
  for (int i = 0; i < 9; ++i) {
    int d = npi[i] - '0';
    if (i % 2 == 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - sum % 10) % 10 == npi[9] - '0';
}

bool MbiShape(std::string_view m) {
  static const std::string kLetters = "ACDEFGHJKMNPQRTUVWXY";
  auto letter = [&](char c) { return kLetters.find(c) != std::string::npos; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (m.size() != 11) return false;
  return m[0] >= '1' && m[0] <= '9' && letter(m[1]) && (letter(m[2]) || digit(m[2])) &&
         digit(m[3]) && letter(m[4]) && (letter(m[5]) || digit(m[5])) && digit(m[6]) &&
         letter(m[7]) && letter(m[8]) && digit(m[9]) && digit(m[10]);
}

bool In(std::string_view v, std::initializer_list<std::string_view> set) {
  for (auto s : set)
    if (s == v) return true;
  return false;
}

struct Problem {
  std::string file;
  std::size_t line;
  std::string kind;
  std::string key;
  bool operator<(const Problem& o) const { return std::tie(file, line) < std::tie(o.file, o.line); }
};

std::map<std::pair<std::string, std::size_t>, Problem> ReadManifest(const std::string& text) {
  auto v = gw::json::Parse(text);
  BOOST_TEST_REQUIRE(v.ok());
  std::map<std::pair<std::string, std::size_t>, Problem> out;
  const gw::json::Value* problems = v->Find("problems");
  BOOST_TEST_REQUIRE((problems != nullptr && problems->is_array()));
  for (const gw::json::Value& p : problems->items()) {
    Problem pr{std::string(p.Find("file")->string_value()),
               std::stoul(std::string(p.Find("line")->number_text())),
               std::string(p.Find("kind")->string_value()),
               std::string(p.Find("key")->string_value())};
    BOOST_TEST(out.count({pr.file, pr.line}) == 0u);
    out[{pr.file, pr.line}] = pr;
  }
  return out;
}

// The problem a reader finds in a members.csv record ("" when none).
std::string CheckMember(const CsvRecord& r) {
  std::string line;
  for (const auto& f : r.fields) line += f;
  if (!gw::DecodeUtf8(line).has_value()) return "bad-utf8";
  if (r.fields.size() != 24) return "missing-column";
  const Strings& f = r.fields;
  if (!In(f[2], {"18", "01", "19", "15", "G8"}) || !In(f[8], {"M", "F", "U"}) ||
      !In(f[17], {"SPA", "ENG"}))
    return "unknown-code";
  if (!IsUsDate(f[7]) || (!f[22].empty() && !IsUsDate(f[22])) || !IsDateTime(f[23]))
    return "bad-date";
  return "";
}

std::string CheckSpan(const CsvRecord& r, const std::set<std::string>& members) {
  if (r.fields.size() != 13) return "missing-column";
  const Strings& f = r.fields;
  if (!In(f[2], {"MA", "MAPD", "DSNP", "MEDICAID", "COMMERCIAL"}) || !In(f[9], {"A", "T", "C"}))
    return "unknown-code";
  if (!IsIsoDate(f[7]) || (!f[8].empty() && !IsIsoDate(f[8])) || !IsDateTime(f[12]))
    return "bad-date";
  if (!members.count(f[1])) return "unknown-member";
  return "";
}

std::string Str(const gw::json::Value& v, std::string_view key) {
  const gw::json::Value* x = v.Find(key);
  return x && x->is_string() ? std::string(x->string_value()) : std::string();
}

std::string CheckCare(const gw::json::Value& v, const std::set<std::string>& members) {
  if (!In(Str(v, "program"), {"ICM", "CC"}) ||
      !In(Str(v, "category"), {"ESRD", "TRANSPLANT", "US_SERVICES", "MULTI_CHRONIC", "SKIN_ULCER",
                               "SPECIALTY_DRUG", "CANCER", "CHRONIC_COMPLICATION", "VENTILATOR"}) ||
      !In(Str(v, "status"), {"referred", "active", "on-hold", "completed", "opted-out"}))
    return "unknown-code";
  if (!IsIsoDate(Str(v, "enrolled_on")) || !IsIsoDate(Str(v, "last_review"))) return "bad-date";
  if (!members.count(Str(v, "member_id"))) return "unknown-member";
  return "";
}

std::string CheckAuth(const gw::json::Value& v, const std::set<std::string>& members) {
  if (!In(Str(v, "urgency"), {"expedited", "standard"}) ||
      !In(Str(v, "request_type"),
          {"admission", "outpatient", "referral", "dme", "home-health", "specialty-drug"}) ||
      !In(Str(v, "setting"), {"PR", "US"}) ||
      !In(Str(v, "status"), {"pended", "approved", "denied", "partially-approved", "cancelled"}))
    return "unknown-code";
  if (!IsDateTime(Str(v, "received_at"))) return "bad-date";
  if (!members.count(Str(v, "member_id"))) return "unknown-member";
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(same_seed_same_bytes_other_seed_differs) {
  MemorySink a = Generate(400, 7, 0.01);
  MemorySink b = Generate(400, 7, 0.01);
  MemorySink c = Generate(400, 8, 0.01);
  for (int f = 0; f < gw::synth::kFeedCount; ++f) {
    BOOST_TEST(a.files[f] == b.files[f]);
    BOOST_TEST(!a.files[f].empty());
  }
  BOOST_TEST(a[Feed::kMembers] != c[Feed::kMembers]);
  BOOST_TEST(a[Feed::kProviders] != c[Feed::kProviders]);
}

std::uint64_t Fnv1a(const std::string& bytes) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

// The feeds of one fixed run, pinned by hash: the output is a contract (byte-identical on any
// machine and compiler). A deliberate change to the generator updates these constants; an
// accidental one (an unsequenced pair of draws, a platform-dependent formatting) fails here.
BOOST_AUTO_TEST_CASE(output_is_pinned_across_platforms) {
  MemorySink s = Generate(300, 1, 0.01);
  BOOST_TEST(Fnv1a(s[Feed::kMembers]) == 0x12150908cfdbde60ull);
  BOOST_TEST(Fnv1a(s[Feed::kEligibility]) == 0xda5e6e86ff9a397cull);
  BOOST_TEST(Fnv1a(s[Feed::kProviders]) == 0x73a11087c25fb273ull);
  BOOST_TEST(Fnv1a(s[Feed::kCareManagement]) == 0x820bea199a60a4daull);
  BOOST_TEST(Fnv1a(s[Feed::kPriorAuth]) == 0xc7f80621afc56bc4ull);
}

BOOST_AUTO_TEST_CASE(rng_is_pinned) {
  // The sequence is part of the output contract: a change here changes every feed.
  gw::synth::Rng rng(42);
  const std::uint64_t first = rng.Next();
  gw::synth::Rng again(42);
  BOOST_TEST(again.Next() == first);
  gw::synth::Rng r(1);
  std::array<int, 7> counts{};
  for (int i = 0; i < 70000; ++i) ++counts[r.Below(7)];
  for (int c : counts) BOOST_TEST((c > 9000 && c < 11000));
}

BOOST_AUTO_TEST_CASE(dates_round_trip) {
  using namespace gw::synth;
  BOOST_TEST(DaysFromCivil(1970, 1, 1) == 0);
  BOOST_TEST(IsoDate(DaysFromCivil(2024, 2, 29)) == "2024-02-29");
  BOOST_TEST(UsDate(DaysFromCivil(1948, 3, 14)) == "03/14/1948");
  for (std::int64_t d = -50000; d < 50000; d += 37) {
    const CivilDate c = CivilFromDays(d);
    BOOST_TEST(DaysFromCivil(c.year, c.month, c.day) == d);
  }
}

BOOST_AUTO_TEST_CASE(csv_fields_are_quoted_per_rfc4180) {
  std::string out;
  gw::synth::CsvRow(&out).Add("plain").Add("Hospital Metro, Inc.").Add("say \"hi\"").Add("").End();
  BOOST_TEST(out == "plain,\"Hospital Metro, Inc.\",\"say \"\"hi\"\"\",\n");
}

BOOST_AUTO_TEST_CASE(every_npi_and_mbi_is_valid) {
  MemorySink s = Generate(2000, 11, 0);
  auto providers = Csv(s[Feed::kProviders]);
  std::set<std::string> npis;
  for (std::size_t i = 1; i < providers.size(); ++i) {
    BOOST_TEST(LuhnNpi(providers[i].fields[0]), providers[i].fields[0]);
    BOOST_TEST(npis.insert(providers[i].fields[0]).second);
  }
  auto members = Csv(s[Feed::kMembers]);
  BOOST_TEST(members.size() == 2001u);
  std::set<std::string> mbis, medicaid;
  std::size_t with_mbi = 0;
  for (std::size_t i = 1; i < members.size(); ++i) {
    const Strings& f = members[i].fields;
    BOOST_TEST_REQUIRE(f.size() == 24u);
    if (!f[18].empty()) {
      ++with_mbi;
      BOOST_TEST(MbiShape(f[18]), f[18]);
      BOOST_TEST(mbis.insert(f[18]).second);
    }
    if (!f[19].empty()) BOOST_TEST(medicaid.insert(f[19]).second);
    if (!f[20].empty()) BOOST_TEST(LuhnNpi(f[20]));
  }
  BOOST_TEST(with_mbi > 500u);
  // Medicare lines carry an MBI, Medicaid lines a Medicaid number.
  std::map<std::string, std::pair<bool, bool>> ids;
  for (std::size_t i = 1; i < members.size(); ++i) {
    ids[members[i].fields[0]] = {!members[i].fields[18].empty(), !members[i].fields[19].empty()};
  }
  for (const CsvRecord& r : Csv(s[Feed::kEligibility])) {
    if (r.line == 1) continue;
    const std::string& line = r.fields[2];
    if (In(line, {"MA", "MAPD", "DSNP"})) BOOST_TEST(ids[r.fields[1]].first);
    if (In(line, {"MEDICAID", "DSNP"})) BOOST_TEST(ids[r.fields[1]].second);
  }
}

BOOST_AUTO_TEST_CASE(references_resolve_unless_listed_as_malformed) {
  MemorySink s = Generate(2000, 5, 0.02);
  auto manifest = ReadManifest(s[Feed::kMalformed]);
  std::set<std::string> members, npis;
  for (const CsvRecord& r : Csv(s[Feed::kMembers])) members.insert(r.fields[0]);
  for (const CsvRecord& r : Csv(s[Feed::kProviders])) npis.insert(r.fields[0]);
  auto listed = [&](const char* file, std::size_t line) {
    auto it = manifest.find({file, line});
    return it != manifest.end() && it->second.kind == "unknown-member";
  };
  for (const CsvRecord& r : Csv(s[Feed::kMembers])) {
    if (r.line == 1 || r.fields.size() != 24) continue;  // a row missing a column is listed
    if (!r.fields[20].empty()) BOOST_TEST(npis.count(r.fields[20]) == 1u);
  }
  for (const CsvRecord& r : Csv(s[Feed::kEligibility])) {
    if (r.line == 1) continue;
    BOOST_TEST((members.count(r.fields[1]) == 1u || listed("eligibility.csv", r.line)), r.line);
  }
  auto check_ndjson = [&](Feed feed, const char* file,
                          std::initializer_list<const char*> provider_keys) {
    std::size_t line_no = 0;
    for (const std::string& line : Lines(s[feed])) {
      ++line_no;
      auto v = gw::json::Parse(line);
      BOOST_TEST_REQUIRE(v.ok());
      BOOST_TEST((members.count(Str(*v, "member_id")) == 1u || listed(file, line_no)), line_no);
      for (const char* key : provider_keys) {
        const gw::json::Value* x = v->Find(key);
        if (x && x->is_object()) BOOST_TEST(npis.count(Str(*x, "npi")) == 1u);
        if (x && x->is_array()) {
          for (const auto& item : x->items()) BOOST_TEST(npis.count(Str(item, "npi")) == 1u);
        }
      }
    }
  };
  check_ndjson(Feed::kCareManagement, "care_management.ndjson", {"physicians"});
  check_ndjson(Feed::kPriorAuth, "prior_auth.ndjson",
               {"requesting_provider", "servicing_provider"});
}

BOOST_AUTO_TEST_CASE(manifest_lists_exactly_the_broken_records) {
  MemorySink s = Generate(3000, 21, 0.03);
  auto manifest = ReadManifest(s[Feed::kMalformed]);
  std::set<std::string> members;
  std::map<std::pair<std::string, std::size_t>, std::string> found;  // (file, line) → kind
  std::map<std::pair<std::string, std::size_t>, std::string> keys;
  bool ok = false;
  auto member_records = ReadCsv(s[Feed::kMembers], &ok);
  BOOST_TEST_REQUIRE(ok);
  for (const CsvRecord& r : member_records) members.insert(r.fields[0]);
  for (const CsvRecord& r : member_records) {
    if (r.line == 1) continue;
    keys[{"members.csv", r.line}] = r.fields[0];
    if (std::string k = CheckMember(r); !k.empty()) found[{"members.csv", r.line}] = k;
  }
  for (const CsvRecord& r : Csv(s[Feed::kEligibility])) {
    if (r.line == 1) continue;
    keys[{"eligibility.csv", r.line}] = r.fields[0];
    if (std::string k = CheckSpan(r, members); !k.empty()) found[{"eligibility.csv", r.line}] = k;
  }
  std::size_t n = 0;
  for (const std::string& line : Lines(s[Feed::kCareManagement])) {
    auto v = gw::json::Parse(line);
    BOOST_TEST_REQUIRE(v.ok());
    keys[{"care_management.ndjson", ++n}] = Str(*v, "case_id");
    if (std::string k = CheckCare(*v, members); !k.empty())
      found[{"care_management.ndjson", n}] = k;
  }
  n = 0;
  for (const std::string& line : Lines(s[Feed::kPriorAuth])) {
    auto v = gw::json::Parse(line);
    BOOST_TEST_REQUIRE(v.ok());
    keys[{"prior_auth.ndjson", ++n}] = Str(*v, "case_number");
    if (std::string k = CheckAuth(*v, members); !k.empty()) found[{"prior_auth.ndjson", n}] = k;
  }
  BOOST_TEST(manifest.size() == found.size());
  BOOST_TEST(manifest.size() > 100u);
  std::set<std::string> kinds;
  for (const auto& [where, problem] : manifest) {
    auto it = found.find(where);
    BOOST_TEST_REQUIRE((it != found.end()), where.first << ":" << where.second);
    BOOST_TEST(it->second == problem.kind, where.first << ":" << where.second);
    BOOST_TEST(keys[where] == problem.key);
    kinds.insert(problem.kind);
  }
  BOOST_TEST(kinds.size() == 5u);
  // Every malformed kind is possible in a clean-rate run: none appear at rate 0.
  MemorySink clean = Generate(500, 21, 0);
  BOOST_TEST(ReadManifest(clean[Feed::kMalformed]).empty());
}

// Defects come from their own random stream: at any rate the clean records are the same lines
// as in a clean set, and the lines that differ are exactly the listed ones.
BOOST_AUTO_TEST_CASE(spoiling_changes_only_the_listed_records) {
  MemorySink clean = Generate(2000, 13, 0);
  MemorySink spoiled = Generate(2000, 13, 0.05);
  auto manifest = ReadManifest(spoiled[Feed::kMalformed]);
  std::map<std::string, std::size_t> listed;
  for (const auto& [where, problem] : manifest) ++listed[where.first];
  for (Feed f : {Feed::kMembers, Feed::kEligibility, Feed::kCareManagement, Feed::kPriorAuth,
                 Feed::kProviders}) {
    const auto a = Lines(clean[f]);
    const auto b = Lines(spoiled[f]);
    const std::set<std::string> clean_lines(a.begin(), a.end());
    std::size_t changed = 0;
    for (const std::string& line : b) changed += clean_lines.count(line) == 0 ? 1 : 0;
    const std::string file(gw::synth::FeedFileName(f));
    BOOST_TEST(changed == listed[file], file);
  }
}

BOOST_AUTO_TEST_CASE(every_enumerated_value_appears) {
  MemorySink s = Generate(5000, 3, 0);
  std::map<std::string, std::set<std::string>> seen;
  auto members = Csv(s[Feed::kMembers]);
  for (std::size_t i = 1; i < members.size(); ++i) {
    const Strings& f = members[i].fields;
    seen["relationship"].insert(f[2]);
    seen["sex"].insert(f[8]);
    seen["language"].insert(f[17]);
    if (f[12] == "PR") seen["municipio"].insert(f[11]);
    seen["state"].insert(f[12]);
    seen["zip_len"].insert(std::to_string(f[13].size()));
    seen["deceased"].insert(f[22].empty() ? "no" : "yes");
    seen["middle"].insert(f[4].empty() ? "empty" : "set");
    seen["second_last"].insert(f[6].empty() ? "empty" : "set");
    seen["phone_home"].insert(f[14].empty() ? "empty" : f[14].substr(0, 3));
    BOOST_TEST(f[0].substr(0, 12) == f[1].substr(0, 12));
    BOOST_TEST((f[2] == "18") == (f[0] == f[1]));
    BOOST_TEST((f[2] == "18") == (f[0].substr(12) == "00"));
  }
  for (const CsvRecord& r : Csv(s[Feed::kEligibility])) {
    if (r.line == 1) continue;
    seen["product_line"].insert(r.fields[2]);
    seen["span_status"].insert(r.fields[9]);
    seen["termination"].insert(r.fields[8].empty() ? "open" : "closed");
    seen["group"].insert(r.fields[5].empty() ? "empty" : "set");
  }
  for (const CsvRecord& r : Csv(s[Feed::kProviders])) {
    if (r.line == 1) continue;
    seen["provider_kind"].insert(r.fields[1]);
    seen["network"].insert(r.fields[9]);
  }
  for (const std::string& line : Lines(s[Feed::kCareManagement])) {
    auto v = gw::json::Parse(line);
    BOOST_TEST_REQUIRE(v.ok());
    seen["program"].insert(Str(*v, "program"));
    seen["category"].insert(Str(*v, "category"));
    seen["care_status"].insert(Str(*v, "status"));
    if (Str(*v, "status") == "opted-out") BOOST_TEST(IsIsoDate(Str(*v, "opted_out_on")));
    for (const auto& g : v->Find("goals")->items()) seen["goal_status"].insert(Str(g, "status"));
    for (const auto& i : v->Find("interventions")->items()) {
      seen["intervention_kind"].insert(Str(i, "kind"));
      seen["intervention_status"].insert(Str(i, "status"));
    }
    seen["narrative_es"].insert(v->Find("narrative_es")->is_null() ? "null" : "text");
  }
  for (const std::string& line : Lines(s[Feed::kPriorAuth])) {
    auto v = gw::json::Parse(line);
    BOOST_TEST_REQUIRE(v.ok());
    seen["urgency"].insert(Str(*v, "urgency"));
    seen["request_type"].insert(Str(*v, "request_type"));
    seen["setting"].insert(Str(*v, "setting"));
    const std::string status = Str(*v, "status");
    seen["auth_status"].insert(status);
    if (Str(*v, "setting") == "US") {
      BOOST_TEST(!Str(*v, "reason_not_in_pr").empty());
      BOOST_TEST(Str(*v->Find("servicing_provider"), "state") != "PR");
    }
    for (const auto& sv : v->Find("services")->items()) {
      seen["system"].insert(Str(sv, "system"));
      seen["modifiers"].insert(sv.Find("modifiers")->items().empty() ? "none" : "some");
    }
    const gw::json::Value* d = v->Find("decision");
    BOOST_TEST(d->is_null() == (status == "pended"));
    if (d->is_null()) continue;
    for (const auto& l : d->Find("lines")->items()) {
      const std::string outcome = Str(l, "outcome");
      seen["outcome"].insert(outcome);
      if (outcome == "denied") {
        BOOST_TEST(!Str(l, "denial_reason").empty());
        BOOST_TEST(!Str(l, "note").empty());
      }
    }
  }
  const std::map<std::string, std::set<std::string>> expected = {
      {"relationship", {"18", "01", "19", "15", "G8"}},
      {"sex", {"M", "F", "U"}},
      {"language", {"SPA", "ENG"}},
      {"zip_len", {"5", "9"}},
      {"deceased", {"no", "yes"}},
      {"middle", {"empty", "set"}},
      {"second_last", {"empty", "set"}},
      {"product_line", {"MA", "MAPD", "DSNP", "MEDICAID", "COMMERCIAL"}},
      {"span_status", {"A", "T", "C"}},
      {"termination", {"open", "closed"}},
      {"group", {"empty", "set"}},
      {"provider_kind", {"individual", "organization"}},
      {"network", {"INN", "OON"}},
      {"program", {"ICM", "CC"}},
      {"category",
       {"ESRD", "TRANSPLANT", "US_SERVICES", "MULTI_CHRONIC", "SKIN_ULCER", "SPECIALTY_DRUG",
        "CANCER", "CHRONIC_COMPLICATION", "VENTILATOR"}},
      {"care_status", {"referred", "active", "on-hold", "completed", "opted-out"}},
      {"goal_status", {"proposed", "in-progress", "achieved", "cancelled"}},
      {"intervention_kind",
       {"call", "education", "referral", "dme", "home-health", "medication-review", "social-work"}},
      {"intervention_status", {"scheduled", "in-progress", "completed", "cancelled"}},
      {"narrative_es", {"null", "text"}},
      {"urgency", {"expedited", "standard"}},
      {"request_type",
       {"admission", "outpatient", "referral", "dme", "home-health", "specialty-drug"}},
      {"setting", {"PR", "US"}},
      {"auth_status", {"pended", "approved", "denied", "partially-approved", "cancelled"}},
      {"system", {"CPT", "HCPCS"}},
      {"modifiers", {"none", "some"}},
      {"outcome", {"approved", "denied", "modified"}},
  };
  for (const auto& [name, values] : expected) {
    for (const std::string& value : values) {
      BOOST_TEST(seen[name].count(value) == 1u, name << " lacks " << value);
    }
  }
  BOOST_TEST(seen["municipio"].size() == 78u);
  BOOST_TEST(seen["state"].size() > 5u);
  BOOST_TEST(seen["phone_home"].count("787") == 1u);
  BOOST_TEST(seen["phone_home"].count("939") == 1u);
}

BOOST_AUTO_TEST_CASE(bad_options_are_refused) {
  MemorySink sink;
  gw::synth::SynthOptions o;
  o.members = 0;
  BOOST_TEST(
      (gw::synth::GenerateFeeds(o, sink).status().code() == gw::StatusCode::kInvalidArgument));
  o.members = 10;
  o.malformed_rate = 1.5;
  BOOST_TEST(
      (gw::synth::GenerateFeeds(o, sink).status().code() == gw::StatusCode::kInvalidArgument));
}
