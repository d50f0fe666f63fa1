#include "gateway/core/synth/generator.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "gateway/core/synth/cases.h"
#include "gateway/core/synth/civil_date.h"
#include "gateway/core/synth/csv_writer.h"
#include "gateway/core/synth/identifiers.h"
#include "gateway/core/synth/json_line.h"
#include "gateway/core/synth/providers.h"
#include "gateway/core/synth/rng.h"
#include "gateway/core/synth/vocabulary.h"

namespace gw::synth {

std::string_view FeedFileName(Feed feed) {
  switch (feed) {
    case Feed::kMembers:
      return "members.csv";
    case Feed::kEligibility:
      return "eligibility.csv";
    case Feed::kProviders:
      return "providers.csv";
    case Feed::kCareManagement:
      return "care_management.ndjson";
    case Feed::kPriorAuth:
      return "prior_auth.ndjson";
    case Feed::kMalformed:
      return "malformed.json";
  }
  return "";
}

std::int64_t SynthToday() { return DaysFromCivil(2026, 11, 30); }

namespace {

constexpr std::uint64_t kMaxMembers = 10'000'000;  // member ids and Medicaid numbers stay unique
constexpr std::uint64_t kFamilyStream = 1;
constexpr std::uint64_t kDefectStream = 2;
constexpr std::uint64_t kMbiMultiplier = 1'000'003;  // prime, coprime to kMbiSpace
constexpr std::uint64_t kMedicaidSpace = 10'000'000;
constexpr std::uint64_t kMedicaidMultiplier = 7'368'787;  // coprime to 10^7
constexpr std::uint64_t kOrphanSpanBase = 90'000'000;
constexpr std::uint64_t kOrphanCareBase = 900'000;
constexpr std::uint64_t kOrphanAuthBase = 9'000'000;

constexpr char kMembersHeader[] =
    "member_id,subscriber_id,relationship,first_name,middle_name,last_name,second_last_name,"
    "birth_date,sex,address_line1,address_line2,municipio,state,zip,phone_home,phone_mobile,"
    "email,language,medicare_mbi,medicaid_id,pcp_npi,ipa_code,deceased_date,last_updated\n";
constexpr char kEligibilityHeader[] =
    "span_id,member_id,product_line,plan_code,plan_name,group_number,group_name,effective_date,"
    "termination_date,status,network,us_services_network,last_updated\n";
constexpr char kProvidersHeader[] =
    "npi,kind,name,taxonomy,address_line1,city,state,zip,phone,network,last_updated\n";

enum MemberColumn { kColEmail = 16 };
enum EligibilityColumn { kColGroupName = 6 };

std::string Digits(std::uint64_t value, int width) {
  std::string s(width, '0');
  for (int i = width - 1; i >= 0; --i) {
    s[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return s;
}

bool IsMedicareLine(std::string_view line) {
  return line == "MA" || line == "MAPD" || line == "DSNP";
}
bool IsMedicaidLine(std::string_view line) { return line == "MEDICAID" || line == "DSNP"; }

// Lower-case ASCII form of a name for e-mail addresses (Spanish letters lose their marks).
std::string AsciiHandle(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    if (c == 0xC3 && i + 1 < name.size()) {
      const unsigned char d = static_cast<unsigned char>(name[++i]) | 0x20;      // lower case
      static constexpr std::string_view kFrom = "\xA1\xA9\xAD\xB3\xBA\xB1\xBC";  // á é í ó ú ñ ü
      static constexpr std::string_view kTo = "aeiounu";
      const std::size_t k = kFrom.find(static_cast<char>(d));
      if (k != std::string_view::npos) out.push_back(kTo[k]);
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      out.push_back(static_cast<char>(c | 0x20));
    }
  }
  return out;
}

// The Latin-1 bytes of a UTF-8 name (an export that lost its encoding): not valid UTF-8.
std::string Latin1(std::string_view name) {
  std::string out;
  bool changed = false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    if (c == 0xC3 && i + 1 < name.size()) {
      out.push_back(static_cast<char>(static_cast<unsigned char>(name[++i]) + 0x40));
      changed = true;
    } else {
      out.push_back(name[i]);
    }
  }
  if (!changed) out.push_back('\xE9');
  return out;
}

struct Span {
  std::string_view product_line;
  const Plan* plan;
  std::int64_t effective;
  std::int64_t termination;  // -1 open-ended
  char status;
  std::string_view network;
  std::string_view us_network;
  const EmployerGroup* group;
};

struct Person {
  std::string member_id;
  std::string_view relationship;
  std::string given;
  std::string middle;
  std::string last;
  std::string second_last;
  char sex = 'F';
  int age = 0;
  std::int64_t birth = 0;
  std::int64_t deceased = -1;
  std::string_view product_line;
};

struct Household {
  bool stateside = false;
  bool english = false;
  std::string_view area_code;  // of the stateside city; PR households use 787/939
  std::string line1, line2, city, state, zip, phone_home;
  std::string_view network;
  std::int64_t pcp = -1;
  const EmployerGroup* group = nullptr;
};

class Generator {
 public:
  Generator(const SynthOptions& options, FeedSink& sink)
      : options_(options), sink_(sink), providers_(options.seed, options.members) {
    std::uint64_t state = options.seed ^ 0x4D4D4Dull;
    stem_offset_ = SplitMix64(&state) % 1000;
    mbi_offset_ = SplitMix64(&state) % kMbiSpace;
    medicaid_offset_ = SplitMix64(&state) % kMedicaidSpace;
  }

  Result<SynthSummary> Run();

 private:
  bool Emit(Feed feed, std::string_view text) {
    if (!ok_) return false;
    ++lines_[static_cast<int>(feed)];
    ok_ = sink_.Append(feed, text);
    return ok_;
  }
  // Records the problem of the record just emitted to `feed`.
  void Manifest(Feed feed, std::string_view kind, std::string_view key);

  void WriteProviders();
  void GenerateFamily(std::uint64_t family, std::uint64_t size);
  void PlanHousehold(Rng& rng, Household* h);
  void PlanPerson(Rng& rng, const Household& h, bool medicare_family, const Person* subscriber,
                  const Person* spouse, std::string_view relationship, Person* p);
  void PlanSpans(Rng& rng, const Person& p, const Household& h, std::vector<Span>* spans);
  void WriteMember(Rng& rng, Rng& defects, const Household& h, const Person& p,
                   std::string_view subscriber_id, const std::vector<Span>& spans);
  void WriteSpans(Rng& defects, const Person& p, const std::vector<Span>& spans);
  void WriteSpan(const Span& span, std::string_view span_id, std::string_view member_id,
                 std::string_view kind, Rng& defects);
  void WriteCases(Rng& rng, Rng& defects, const Household& h, const Person& p);
  std::string OrphanMemberId(Rng& defects) const {
    std::string id = "MMM" + Digits(900'000'000 + defects.Below(99'999'999), 9);
    return id + Digits(defects.Below(4), 2);
  }
  std::string_view DrawDefect(Rng& defects, std::span<const std::string_view> kinds) {
    if (!defects.Chance(options_.malformed_rate)) return {};
    return kinds[defects.Below(kinds.size())];
  }

  const SynthOptions& options_;
  FeedSink& sink_;
  ProviderDirectory providers_;
  std::uint64_t stem_offset_ = 0;
  std::uint64_t mbi_offset_ = 0;
  std::uint64_t medicaid_offset_ = 0;
  bool ok_ = true;
  bool first_problem_ = true;
  std::array<std::uint64_t, kFeedCount> lines_{};
  std::uint64_t member_index_ = 0;
  std::uint64_t span_seq_ = 1'000'000;
  std::uint64_t orphan_span_seq_ = kOrphanSpanBase;
  std::uint64_t icm_seq_ = 0;
  std::uint64_t cc_seq_ = 0;
  std::uint64_t orphan_care_seq_ = kOrphanCareBase;
  std::uint64_t auth_seq_ = 100'000;
  std::uint64_t orphan_auth_seq_ = kOrphanAuthBase;
  SynthSummary summary_;
  std::string row_;
};

void Generator::Manifest(Feed feed, std::string_view kind, std::string_view key) {
  std::string text = first_problem_ ? "\n" : ",\n";
  first_problem_ = false;
  JsonLine j(&text);
  j.BeginObject()
      .Str("file", FeedFileName(feed))
      .Int("line", static_cast<std::int64_t>(lines_[static_cast<int>(feed)]))
      .Str("kind", kind)
      .Str("key", key)
      .EndObject();
  ++summary_.malformed;
  Emit(Feed::kMalformed, text);
}

void Generator::WriteProviders() {
  Emit(Feed::kProviders, kProvidersHeader);
  for (std::uint64_t k = 0; k < providers_.Size() && ok_; ++k) {
    const Provider p = providers_.At(k);
    row_.clear();
    CsvRow(&row_)
        .Add(p.npi)
        .Add(p.organization ? "organization" : "individual")
        .Add(p.name)
        .Add(p.taxonomy)
        .Add(p.address)
        .Add(p.city)
        .Add(p.state)
        .Add(p.zip)
        .Add(p.phone)
        .Add(p.network)
        .Add(p.last_updated)
        .End();
    Emit(Feed::kProviders, row_);
  }
  summary_.providers = providers_.Size();
}

std::string Phone(Rng& rng, std::string_view area_code) {
  std::string phone(area_code);
  phone += Digits(static_cast<std::uint64_t>(rng.Between(200, 999)), 3);
  phone += Digits(rng.Below(10000), 4);
  return phone;
}

void Generator::PlanHousehold(Rng& rng, Household* h) {
  h->stateside = rng.Chance(0.05);
  if (h->stateside) {
    const UsCity& c = UsCities()[rng.Below(UsCities().size())];
    h->english = rng.Chance(0.6);
    h->area_code = c.area_code;
    h->line1 = std::to_string(rng.Between(10, 9999)) + " ";
    h->line1 += rng.Pick(UsStreets());
    h->line2 = rng.Chance(0.35) ? "Apt " + std::to_string(rng.Between(1, 40)) : "";
    h->city = std::string(c.city);
    h->state = std::string(c.state);
    h->zip = Digits(static_cast<std::uint64_t>(rng.Between(c.zip_low, c.zip_high)), 5);
    if (rng.Chance(0.3)) h->zip += Digits(static_cast<std::uint64_t>(rng.Between(1, 9999)), 4);
    h->phone_home = rng.Chance(0.4) ? Phone(rng, c.area_code) : "";
    h->pcp = rng.Chance(0.3)
                 ? static_cast<std::int64_t>(providers_.Draw(ProviderRole::kPrimaryCare, rng))
                 : -1;
  } else {
    const Municipio& m = Municipios()[rng.Below(Municipios().size())];
    h->english = rng.Chance(0.08);
    switch (rng.Below(5)) {
      case 0:
      case 1:
        h->line1 = std::string(rng.Pick(Urbanizaciones()));
        h->line2 = "Calle " + std::to_string(rng.Between(1, 30)) + " ";
        h->line2 += static_cast<char>('A' + rng.Below(12));
        h->line2 += "-" + std::to_string(rng.Between(1, 40));
        break;
      case 2:
        h->line1 = std::string(rng.Pick(PrStreets())) + " ";
        h->line1 += std::to_string(rng.Between(1, 2000));
        h->line2 = "";
        break;
      case 3:
        h->line1 = "Carr. " + std::to_string(rng.Between(1, 199)) + ", Km ";
        h->line1 += std::to_string(rng.Between(0, 40)) + ".";
        h->line1 += std::to_string(rng.Below(10));
        h->line2 = rng.Chance(0.5) ? "Bo. " + std::string(rng.Pick(Surnames())) : "";
        break;
      default:
        if (rng.Chance(0.5)) {
          h->line1 = "HC " + Digits(rng.Below(9) + 1, 2) + " Box ";
          h->line1 += std::to_string(rng.Between(1000, 99999));
        } else {
          h->line1 = "PO Box " + std::to_string(rng.Between(1, 9999));
        }
        h->line2 = "";
        break;
    }
    h->city = std::string(m.name);
    h->state = "PR";
    h->zip = Digits(static_cast<std::uint64_t>(rng.Between(m.zip_low, m.zip_high)), 5);
    if (rng.Chance(0.4)) h->zip += Digits(static_cast<std::uint64_t>(rng.Between(1, 9999)), 4);
    h->phone_home = rng.Chance(0.5) ? Phone(rng, rng.Chance(0.75) ? "787" : "939") : "";
    h->pcp = rng.Chance(0.92)
                 ? static_cast<std::int64_t>(providers_.Draw(ProviderRole::kPrimaryCare, rng))
                 : -1;
  }
  h->network = rng.Chance(0.6) ? "PR-ALL" : rng.Pick(PrNetworks());
  h->group = rng.Chance(0.7) ? &EmployerGroups()[rng.Below(EmployerGroups().size())] : nullptr;
}

void Generator::PlanPerson(Rng& rng, const Household& h, bool medicare_family,
                           const Person* subscriber, const Person* spouse,
                           std::string_view relationship, Person* p) {
  p->relationship = relationship;
  const std::int64_t today = SynthToday();
  int age;
  if (relationship == "18") {
    age = medicare_family ? static_cast<int>(rng.Between(65, 97))
                          : static_cast<int>(rng.Between(19, 64));
    p->sex = rng.Chance(0.55) ? 'F' : 'M';
  } else if (relationship == "01") {
    age = std::max(19, subscriber->age + static_cast<int>(rng.Between(-8, 6)));
    p->sex = subscriber->sex == 'F' ? 'M' : 'F';
  } else if (relationship == "19") {
    const int youngest_parent = spouse ? std::min(subscriber->age, spouse->age) : subscriber->age;
    age = medicare_family
              ? static_cast<int>(rng.Between(30, 55))
              : static_cast<int>(rng.Between(0, std::min(25, std::max(0, youngest_parent - 18))));
    p->sex = rng.Chance(0.5) ? 'F' : 'M';
  } else if (relationship == "15") {
    age = static_cast<int>(rng.Between(4, 17));
    p->sex = rng.Chance(0.5) ? 'F' : 'M';
  } else {
    age = static_cast<int>(rng.Between(20, 70));
    p->sex = rng.Chance(0.5) ? 'F' : 'M';
  }
  if (rng.Chance(0.004)) p->sex = 'U';
  p->age = age;
  // Born `age` years before today: any day of the year that keeps that age.
  p->birth =
      DaysFromCivil(2026 - age, 1, 1) + rng.Between(-364, 0) + (today - DaysFromCivil(2026, 1, 1));
  const bool female = p->sex == 'F' || (p->sex == 'U' && rng.Chance(0.5));
  const bool english = h.english && rng.Chance(0.8);
  if (english) {
    p->given = std::string(rng.Pick(female ? UsFemaleGivenNames() : UsMaleGivenNames()));
    p->middle = rng.Chance(0.2)
                    ? std::string(rng.Pick(female ? UsFemaleGivenNames() : UsMaleGivenNames()))
                    : "";
  } else {
    p->given = std::string(rng.Pick(female ? FemaleGivenNames() : MaleGivenNames()));
    p->middle = rng.Chance(0.35)
                    ? std::string(rng.Pick(female ? FemaleMiddleNames() : MaleMiddleNames()))
                    : "";
  }
  const Words& surnames = english ? UsSurnames() : Surnames();
  if (relationship == "19" && subscriber != nullptr) {
    const Person* father = subscriber->sex == 'M' ? subscriber : spouse;
    const Person* mother = subscriber->sex == 'M' ? spouse : subscriber;
    if (father != nullptr && mother != nullptr) {
      p->last = father->last;
      p->second_last = mother->last;
    } else {
      p->last = subscriber->last;
      p->second_last = subscriber->second_last;
    }
  } else {
    p->last = std::string(rng.Pick(surnames));
    p->second_last = english && rng.Chance(0.8) ? "" : std::string(rng.Pick(surnames));
  }
  if (!english && rng.Chance(0.08)) p->second_last.clear();
  const double death_chance = age >= 65 ? 0.025 : 0.002;
  if (rng.Chance(death_chance)) p->deceased = std::max(p->birth + 1, today - rng.Between(15, 600));
  static constexpr unsigned kMedicare[] = {50, 15, 35};  // MAPD, MA, DSNP
  static constexpr std::string_view kMedicareLines[] = {"MAPD", "MA", "DSNP"};
  if (age >= 65 || (relationship == "18" && medicare_family)) {
    p->product_line = kMedicareLines[rng.Weighted(kMedicare)];
  } else {
    p->product_line = rng.Chance(0.65) ? "MEDICAID" : "COMMERCIAL";
  }
}

// A plan of the product line; the children's Medicaid plan only for members under 21.
const Plan* PlanFor(Rng& rng, std::string_view product_line, int age) {
  const Plan* choices[4];
  std::size_t n = 0;
  for (const Plan& plan : Plans()) {
    if (plan.product_line != product_line || n == 4) continue;
    if (plan.plan_code == "VITAL-02" && age >= 21) continue;
    choices[n++] = &plan;
  }
  return choices[rng.Below(n)];
}

void Generator::PlanSpans(Rng& rng, const Person& p, const Household& h, std::vector<Span>* spans) {
  spans->clear();
  const std::int64_t today = SynthToday();
  static constexpr unsigned kCounts[] = {55, 30, 15};
  const std::size_t count = 1 + rng.Weighted(kCounts);
  // The current (latest) span first, then earlier ones back in time; reversed at the end.
  auto make = [&](std::string_view line) {
    Span s{};
    s.product_line = line;
    s.plan = PlanFor(rng, line, p.age);
    s.network = h.network;
    if (line == "COMMERCIAL") {
      s.us_network = "US-PPO";
      s.group = h.group;
    } else if (line == "MEDICAID") {
      s.us_network = "";
    } else {
      s.us_network = rng.Chance(0.8) ? "US-TRAVEL" : "";
    }
    return s;
  };
  Span current = make(p.product_line);
  const CivilDate t = CivilFromDays(today);
  const int months_back = static_cast<int>(rng.Between(0, 46));
  const int start_month_index = t.year * 12 + (t.month - 1) - months_back;
  current.effective = DaysFromCivil(start_month_index / 12, start_month_index % 12 + 1, 1);
  if (p.birth > current.effective) current.effective = p.birth;
  current.status = 'A';
  current.termination = rng.Chance(0.6) ? -1 : DaysFromCivil(2026, 12, 31);
  if (p.deceased >= 0) {
    if (current.effective > p.deceased) current.effective = p.deceased;
    current.termination = p.deceased;
    current.status = 'T';
  } else if (rng.Chance(0.08)) {
    // Left the plan: terminated at the end of a past month.
    const std::int64_t end = today - rng.Between(1, 300);
    const CivilDate e = CivilFromDays(end);
    std::int64_t month_end = DaysFromCivil(e.year + (e.month == 12), e.month % 12 + 1, 1) - 1;
    if (month_end >= today) month_end = DaysFromCivil(e.year, e.month, 1) - 1;
    if (month_end > current.effective) {
      current.termination = month_end;
      current.status = 'T';
    }
  }
  spans->push_back(current);
  for (std::size_t i = 1; i < count; ++i) {
    const Span& later = spans->back();
    const std::int64_t end = later.effective - 1;
    const CivilDate e = CivilFromDays(end);
    const std::int64_t start = DaysFromCivil(e.year - static_cast<int>(rng.Below(2)), 1, 1);
    if (start <= p.birth || end <= start) break;
    std::string_view line = later.product_line;
    if (line == "DSNP" && rng.Chance(0.5)) line = "MEDICAID";
    if (line == "MAPD" && rng.Chance(0.3)) line = "MA";
    if (line == "COMMERCIAL" && rng.Chance(0.3)) line = "MEDICAID";
    Span earlier = make(line);
    earlier.effective = start;
    earlier.termination = end;
    earlier.status = 'T';
    spans->push_back(earlier);
  }
  if (p.deceased < 0 && rng.Chance(0.06)) {
    // A span that was cancelled before it took effect.
    Span cancelled = make(p.product_line);
    cancelled.effective = DaysFromCivil(2027, 1, 1);
    cancelled.termination = cancelled.effective;
    cancelled.status = 'C';
    spans->insert(spans->begin(), cancelled);
  }
  std::reverse(spans->begin(), spans->end());
}

void Generator::WriteMember(Rng& rng, Rng& defects, const Household& h, const Person& p,
                            std::string_view subscriber_id, const std::vector<Span>& spans) {
  bool medicare = false;
  bool medicaid = false;
  for (const Span& s : spans) {
    medicare = medicare || IsMedicareLine(s.product_line);
    medicaid = medicaid || IsMedicaidLine(s.product_line);
  }
  const std::uint64_t index = member_index_;
  // index < kMaxMembers (10^7), so index * kMbiMultiplier (< 10^13) cannot overflow.
  const std::string mbi =
      medicare ? MbiFromNumber((index * kMbiMultiplier + mbi_offset_) % kMbiSpace) : "";
  const std::string medicaid_id =
      medicaid
          ? "PRV-" + Digits((index * kMedicaidMultiplier + medicaid_offset_) % kMedicaidSpace, 7)
          : "";
  std::string mobile;
  if (rng.Chance(0.8)) {
    mobile = Phone(rng, h.stateside ? h.area_code : (rng.Chance(0.6) ? "787" : "939"));
  }
  std::string email;
  if (p.age >= 16 && rng.Chance(0.3)) {
    email = AsciiHandle(p.given) + "." + AsciiHandle(p.last) + std::to_string(rng.Below(100));
    email += rng.Chance(0.5) ? "@example.org" : "@example.com";
  }
  const bool english_speaker =
      h.stateside ? h.english || rng.Chance(0.3) : h.english && rng.Chance(0.5);
  const std::string pcp = h.pcp >= 0 ? providers_.NpiAt(static_cast<std::uint64_t>(h.pcp)) : "";
  const std::string ipa = h.pcp >= 0 ? providers_.IpaCodeAt(static_cast<std::uint64_t>(h.pcp)) : "";
  const std::int64_t updated_day = SynthToday() - rng.Between(1, 30);
  const std::string last_updated = IsoDateTime(updated_day, static_cast<int>(rng.Below(86400)));

  std::string birth = UsDate(p.birth);
  std::string sex(1, p.sex);
  std::string relationship(p.relationship);
  std::string given = p.given;
  int skip = -1;
  static constexpr std::string_view kKinds[] = {"bad-date", "unknown-code", "bad-utf8",
                                                "missing-column"};
  const std::string_view defect = DrawDefect(defects, kKinds);
  if (defect == "bad-date") {
    const CivilDate d = CivilFromDays(p.birth);
    switch (defects.Below(3)) {
      case 0:
        birth = "02/30/" + Digits(static_cast<std::uint64_t>(d.year), 4);
        break;
      case 1:
        birth = "13/" + Digits(static_cast<std::uint64_t>(d.day), 2) + "/" +
                Digits(static_cast<std::uint64_t>(d.year), 4);
        break;
      default:
        birth = IsoDate(p.birth);
        break;
    }
  } else if (defect == "unknown-code") {
    if (defects.Chance(0.5)) {
      sex = "X";
    } else {
      relationship = "99";
    }
  } else if (defect == "bad-utf8") {
    given = Latin1(given);
  } else if (defect == "missing-column") {
    skip = kColEmail;
  }
  const std::string deceased = p.deceased >= 0 ? UsDate(p.deceased) : "";
  const std::string_view fields[] = {p.member_id,   subscriber_id, relationship,
                                     given,         p.middle,      p.last,
                                     p.second_last, birth,         sex,
                                     h.line1,       h.line2,       h.city,
                                     h.state,       h.zip,         h.phone_home,
                                     mobile,        email,         english_speaker ? "ENG" : "SPA",
                                     mbi,           medicaid_id,   pcp,
                                     ipa,           deceased,      last_updated};
  row_.clear();
  CsvRow row(&row_);
  for (int i = 0; i < static_cast<int>(std::size(fields)); ++i) {
    if (i != skip) row.Add(fields[i]);
  }
  row.End();
  Emit(Feed::kMembers, row_);
  if (!defect.empty()) Manifest(Feed::kMembers, defect, p.member_id);
}

void Generator::WriteSpan(const Span& span, std::string_view span_id, std::string_view member_id,
                          std::string_view kind, Rng& defects) {
  std::string effective = IsoDate(span.effective);
  std::string product_line(span.product_line);
  std::string status(1, span.status);
  int skip = -1;
  if (kind == "bad-date") {
    effective =
        defects.Chance(0.5)
            ? Digits(static_cast<std::uint64_t>(CivilFromDays(span.effective).year), 4) + "-02-30"
            : UsDate(span.effective);
  } else if (kind == "unknown-code") {
    if (defects.Chance(0.5)) {
      product_line = "MEDIGAP";
    } else {
      status = "X";
    }
  } else if (kind == "missing-column") {
    skip = kColGroupName;
  }
  const std::string termination = span.termination >= 0 ? IsoDate(span.termination) : "";
  const std::int64_t changed =
      span.termination >= 0 && span.termination < SynthToday()
          ? span.termination + 1
          : SynthToday() - 1 - static_cast<std::int64_t>(span.effective % 20);
  const std::string last_updated =
      IsoDateTime(changed, static_cast<int>(span.effective % 24) * 3600);
  const std::string_view fields[] = {span_id,
                                     member_id,
                                     product_line,
                                     span.plan->plan_code,
                                     span.plan->plan_name,
                                     span.group ? span.group->number : "",
                                     span.group ? span.group->name : "",
                                     effective,
                                     termination,
                                     status,
                                     span.network,
                                     span.us_network,
                                     last_updated};
  row_.clear();
  CsvRow row(&row_);
  for (int i = 0; i < static_cast<int>(std::size(fields)); ++i) {
    if (i != skip) row.Add(fields[i]);
  }
  row.End();
  Emit(Feed::kEligibility, row_);
  if (!kind.empty()) Manifest(Feed::kEligibility, kind, span_id);
}

void Generator::WriteSpans(Rng& defects, const Person& p, const std::vector<Span>& spans) {
  static constexpr std::string_view kKinds[] = {"bad-date", "unknown-code", "missing-column",
                                                "unknown-member"};
  for (const Span& span : spans) {
    const std::string span_id = "EL-" + std::to_string(++span_seq_);
    const std::string_view defect = DrawDefect(defects, kKinds);
    if (defect == "unknown-member") {
      WriteSpan(span, span_id, p.member_id, {}, defects);
      const std::string orphan_id = "EL-" + std::to_string(++orphan_span_seq_);
      WriteSpan(span, orphan_id, OrphanMemberId(defects), "unknown-member", defects);
    } else {
      WriteSpan(span, span_id, p.member_id, defect, defects);
    }
    ++summary_.eligibility_spans;
  }
}

CaseSpoil SpoilOf(std::string_view kind) {
  if (kind == "bad-date") return CaseSpoil::kBadDate;
  if (kind == "unknown-code") return CaseSpoil::kUnknownCode;
  return CaseSpoil::kNone;
}

void Generator::WriteCases(Rng& rng, Rng& defects, const Household& h, const Person& p) {
  static constexpr std::string_view kKinds[] = {"bad-date", "unknown-code", "unknown-member"};
  CaseSubject subject{p.member_id, p.age, p.sex, h.stateside, h.pcp};
  std::string line;
  if (p.deceased < 0 && rng.Chance(0.10)) {
    const bool icm = rng.Chance(0.6);
    const std::uint64_t seq = icm ? ++icm_seq_ : ++cc_seq_;
    const std::string case_id = std::string(icm ? "CM-2026-" : "CC-2026-") + Digits(seq, 6);
    const std::string_view defect = DrawDefect(defects, kKinds);
    AppendCareCase(providers_, subject, case_id, icm ? "ICM" : "CC", SpoilOf(defect), rng, &line);
    Emit(Feed::kCareManagement, line);
    if (defect == "bad-date" || defect == "unknown-code")
      Manifest(Feed::kCareManagement, defect, case_id);
    ++summary_.care_cases;
    if (defect == "unknown-member") {
      const std::string orphan_member = OrphanMemberId(defects);
      const std::string orphan_id = "CM-2026-" + Digits(++orphan_care_seq_, 6);
      CaseSubject orphan{orphan_member, p.age, p.sex, h.stateside, -1};
      line.clear();
      AppendCareCase(providers_, orphan, orphan_id, "ICM", CaseSpoil::kNone, defects, &line);
      Emit(Feed::kCareManagement, line);
      Manifest(Feed::kCareManagement, defect, orphan_id);
    }
  }
  if (p.deceased < 0 && rng.Chance(0.15)) {
    const std::uint64_t seq = ++auth_seq_;
    const std::string case_number = "UM-26-" + Digits(seq, 7);
    const std::string_view defect = DrawDefect(defects, kKinds);
    line.clear();
    AppendPriorAuthCase(providers_, subject, case_number, seq - 100'000, SpoilOf(defect), rng,
                        &line);
    Emit(Feed::kPriorAuth, line);
    if (defect == "bad-date" || defect == "unknown-code")
      Manifest(Feed::kPriorAuth, defect, case_number);
    ++summary_.prior_auth_cases;
    if (defect == "unknown-member") {
      const std::string orphan_member = OrphanMemberId(defects);
      const std::uint64_t orphan_seq = ++orphan_auth_seq_;
      const std::string orphan_number = "UM-26-" + Digits(orphan_seq, 7);
      CaseSubject orphan{orphan_member, p.age, p.sex, h.stateside, -1};
      line.clear();
      AppendPriorAuthCase(providers_, orphan, orphan_number, orphan_seq, CaseSpoil::kNone, defects,
                          &line);
      Emit(Feed::kPriorAuth, line);
      Manifest(Feed::kPriorAuth, defect, orphan_number);
    }
  }
}

void Generator::GenerateFamily(std::uint64_t family, std::uint64_t size) {
  Rng rng = Rng::Derive(options_.seed, kFamilyStream, family);
  Rng defects = Rng::Derive(options_.seed, kDefectStream, family);
  Household h;
  PlanHousehold(rng, &h);
  const bool medicare_family = rng.Chance(0.55);
  const std::string stem = "MMM" + Digits(100'000'000 + family * 37 + stem_offset_, 9);

  // Relationship codes of the family, subscriber first.
  std::vector<std::string_view> roles = {"18"};
  if (rng.Chance(medicare_family ? 0.5 : 0.55)) roles.push_back("01");
  static constexpr unsigned kChildren[] = {30, 25, 25, 15, 5};
  const std::size_t children =
      medicare_family ? (rng.Chance(0.05) ? 1 : 0) : rng.Weighted(kChildren);
  for (std::size_t i = 0; i < children; ++i) roles.push_back("19");
  if (rng.Chance(0.04)) roles.push_back("15");
  if (rng.Chance(0.03)) roles.push_back("G8");
  if (roles.size() > size) roles.resize(size);

  std::vector<Person> people(roles.size());
  std::vector<Span> spans;
  const Person* spouse = nullptr;
  for (std::size_t i = 0; i < roles.size(); ++i) {
    Person& p = people[i];
    p.member_id = stem + Digits(i, 2);
    PlanPerson(rng, h, medicare_family, i == 0 ? nullptr : &people[0], spouse, roles[i], &p);
    if (roles[i] == "01") spouse = &p;
    PlanSpans(rng, p, h, &spans);
    WriteMember(rng, defects, h, p, people[0].member_id, spans);
    WriteSpans(defects, p, spans);
    WriteCases(rng, defects, h, p);
    ++member_index_;
    if (!ok_) return;
  }
  summary_.members += roles.size();
  ++summary_.families;
}

Result<SynthSummary> Generator::Run() {
  std::string head = "{\"seed\":" + std::to_string(options_.seed) +
                     ",\"members\":" + std::to_string(options_.members) + ",\"malformed_rate\":";
  {
    JsonLine j(&head);
    j.Str({}, options_.malformed_rate_text);
  }
  head += ",\"problems\":[";
  Emit(Feed::kMalformed, head);
  Emit(Feed::kMembers, kMembersHeader);
  Emit(Feed::kEligibility, kEligibilityHeader);
  WriteProviders();
  for (std::uint64_t family = 0; summary_.members < options_.members && ok_; ++family) {
    GenerateFamily(family, options_.members - summary_.members);
  }
  Emit(Feed::kMalformed, first_problem_ ? "]}\n" : "\n]}\n");
  if (!ok_) return IoError("the output refused a write");
  return summary_;
}

}  // namespace

Result<SynthSummary> GenerateFeeds(const SynthOptions& options, FeedSink& sink) {
  if (options.members == 0 || options.members > kMaxMembers) {
    return InvalidArgument("members must be between 1 and 10000000");
  }
  if (!(options.malformed_rate >= 0.0 && options.malformed_rate <= 1.0)) {
    return InvalidArgument("malformed rate must be between 0 and 1");
  }
  Generator generator(options, sink);
  return generator.Run();
}

}  // namespace gw::synth
