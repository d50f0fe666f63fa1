#include "gateway/core/synth/cases.h"

#include <algorithm>
#include <array>
#include <vector>

#include "gateway/core/synth/civil_date.h"
#include "gateway/core/synth/generator.h"
#include "gateway/core/synth/json_line.h"
#include "gateway/core/synth/vocabulary.h"

namespace gw::synth {
namespace {

constexpr std::uint64_t kStaffStream = 0x5354414646;  // "STAFF"

std::string Padded(std::uint64_t value, int width) {
  std::string s = std::to_string(value);
  if (static_cast<int>(s.size()) < width) s.insert(0, width - s.size(), '0');
  return s;
}

// k distinct indices of [0, n), in random order (k <= n <= 16).
std::vector<std::size_t> Distinct(std::size_t n, std::size_t k, Rng& rng) {
  std::array<std::size_t, 16> all{};
  for (std::size_t i = 0; i < n; ++i) all[i] = i;
  for (std::size_t i = 0; i < k; ++i) std::swap(all[i], all[i + rng.Below(n - i)]);
  return std::vector<std::size_t>(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(k));
}

// Whether a diagnosis fits the member: no breast cancer of a female site for men, no
// prostate cancer for women.
bool Fits(const Problem& p, char sex) {
  if (sex == 'M' && p.text.find("female") != std::string_view::npos) return false;
  if (sex == 'F' && p.text.find("prostate") != std::string_view::npos) return false;
  return true;
}

// Up to k distinct problems of the list that fit the member, in random order (at least one).
std::vector<const Problem*> PickProblems(std::span<const Problem> list, std::size_t k, char sex,
                                         Rng& rng) {
  std::vector<const Problem*> fit;
  for (const Problem& p : list) {
    if (Fits(p, sex)) fit.push_back(&p);
  }
  if (fit.empty()) fit.push_back(&list.front());
  k = std::min(k, fit.size());
  for (std::size_t i = 0; i < k; ++i) std::swap(fit[i], fit[i + rng.Below(fit.size() - i)]);
  fit.resize(k);
  return fit;
}

// Categories that fit a child; the others are redrawn from these for members under 18.
bool ChildCategory(std::string_view c) {
  return c == "US_SERVICES" || c == "TRANSPLANT" || c == "CANCER" || c == "SPECIALTY_DRUG" ||
         c == "VENTILATOR";
}

int WorkdaySeconds(Rng& rng) { return static_cast<int>(rng.Between(8 * 3600, 17 * 3600)); }

void StaffMember(std::string_view prefix, std::uint64_t id, std::string* staff_id,
                 std::string* name) {
  Rng rng = Rng::Derive(0, kStaffStream, id);
  *staff_id = std::string(prefix) + Padded(id, 4);
  const bool female = rng.Chance(0.7);
  *name = std::string(rng.Pick(female ? FemaleGivenNames() : MaleGivenNames()));
  *name += " ";
  *name += rng.Pick(Surnames());
}

void WriteProviderRef(JsonLine& j, std::string_view name, const Provider& p,
                      std::string_view role) {
  j.BeginObject(name).Str("npi", p.npi).Str("name", p.display_name).Str("role", role).EndObject();
}

}  // namespace

void AppendCareCase(const ProviderDirectory& providers, const CaseSubject& subject,
                    std::string_view case_id, std::string_view program, CaseSpoil spoil, Rng& rng,
                    std::string* out) {
  const std::int64_t today = SynthToday();
  const CareCategory* drawn = &CareCategories()[rng.Below(CareCategories().size())];
  while (subject.age < 18 && !ChildCategory(drawn->category)) {
    drawn = &CareCategories()[rng.Below(CareCategories().size())];
  }
  const CareCategory& cat = *drawn;
  static constexpr unsigned kStatusWeights[] = {10, 45, 8, 22, 15};
  const std::size_t status_index = rng.Weighted(kStatusWeights);
  const std::string_view status = CareStatuses()[status_index];
  const bool referred = status == "referred";
  const bool opted_out = status == "opted-out";
  const bool closed = status == "completed" || opted_out;

  const std::int64_t enrolled =
      referred ? today - rng.Between(1, 30) : today - rng.Between(45, 720);
  const std::int64_t opted_out_on = opted_out ? enrolled + rng.Between(14, today - enrolled) : -1;
  const std::int64_t end = opted_out ? opted_out_on : today;
  const std::int64_t last_review = referred ? enrolled : enrolled + rng.Between(7, end - enrolled);

  std::string line;
  JsonLine j(&line);
  j.BeginObject()
      .Str("case_id", case_id)
      .Str("member_id", subject.member_id)
      .Str("program", program);
  if (spoil == CaseSpoil::kUnknownCode) {
    j.Str("category", "DENTAL");
  } else {
    j.Str("category", cat.category);
  }
  j.Str("status", status);
  if (spoil == CaseSpoil::kBadDate) {
    const CivilDate d = CivilFromDays(enrolled);
    j.Str("enrolled_on", std::to_string(d.year) + (enrolled % 2 == 0 ? "-13-01" : "-02-30"));
  } else {
    j.Str("enrolled_on", IsoDate(enrolled));
  }
  if (opted_out) {
    j.Str("opted_out_on", IsoDate(opted_out_on));
  } else {
    j.Null("opted_out_on");
  }
  j.Str("referral_source", rng.Pick(ReferralSources()));
  j.Str("last_review", IsoDate(last_review));

  std::string staff_id, staff_name;
  const bool social = rng.Chance(0.15);
  const std::uint64_t staff_number = static_cast<std::uint64_t>(rng.Between(1, 150));
  StaffMember(social ? "SW-" : "RN-", staff_number, &staff_id, &staff_name);
  j.BeginObject("case_manager")
      .Str("id", staff_id)
      .Str("name", staff_name)
      .Str("role", social ? "social-worker"
                          : (program == "ICM" ? "nurse-case-manager" : "care-coordination-nurse"))
      .Str("phone", "787555" + Padded(100 + staff_number, 4))
      .EndObject();

  j.BeginArray("physicians");
  if (subject.pcp_index >= 0) {
    WriteProviderRef(j, {}, providers.At(static_cast<std::uint64_t>(subject.pcp_index)), "pcp");
  }
  if (cat.category == "US_SERVICES" || cat.category == "TRANSPLANT" || subject.stateside) {
    const Provider p = providers.At(providers.Draw(ProviderRole::kUsHospital, rng));
    WriteProviderRef(j, {}, p, p.role);
  }
  if (subject.pcp_index < 0 || rng.Chance(0.7)) {
    const Provider p = providers.At(providers.Draw(ProviderRole::kPrSpecialist, rng));
    WriteProviderRef(j, {}, p, p.role);
  }
  j.EndArray();

  j.BeginArray("problems");
  const std::size_t n_problems = 1 + rng.Below(std::min<std::size_t>(3, cat.problems.size()));
  for (const Problem* problem : PickProblems(cat.problems, n_problems, subject.sex, rng)) {
    j.BeginObject()
        .Str("icd10", problem->icd10)
        .Str("text", problem->text)
        .Str("onset", IsoDate(enrolled - rng.Between(20, 2500)))
        .EndObject();
  }
  j.EndArray();

  j.BeginArray("goals");
  const std::size_t n_goals = 1 + rng.Below(std::min<std::size_t>(2, cat.goals.size()));
  for (std::size_t g = 0; g < n_goals; ++g) {
    static constexpr unsigned kOpenWeights[] = {2, 6, 2, 1};  // proposed, in-progress, ...
    std::string_view goal_status;
    if (referred) {
      goal_status = "proposed";
    } else if (opted_out) {
      goal_status = "cancelled";
    } else if (status == "completed") {
      goal_status = rng.Chance(0.8) ? "achieved" : "cancelled";
    } else {
      goal_status = GoalStatuses()[rng.Weighted(kOpenWeights)];
    }
    j.BeginObject()
        .Str("id", "G" + std::to_string(g + 1))
        .Str("text", cat.goals[(g + rng.Below(cat.goals.size())) % cat.goals.size()])
        .Str("target", IsoDate(enrolled + rng.Between(60, 420)))
        .Str("status", goal_status)
        .EndObject();
  }
  j.EndArray();

  j.BeginArray("interventions");
  const std::size_t n_items = 1 + rng.Below(std::min<std::size_t>(3, cat.interventions.size()));
  std::size_t id = 0;
  for (std::size_t i : Distinct(cat.interventions.size(), n_items, rng)) {
    static constexpr unsigned kOpenWeights[] = {4, 3, 3, 1};  // scheduled, in-progress, ...
    std::string_view item_status;
    if (referred) {
      item_status = "scheduled";
    } else if (closed) {
      item_status = rng.Chance(0.6) ? "completed" : "cancelled";
    } else {
      item_status = InterventionStatuses()[rng.Weighted(kOpenWeights)];
    }
    j.BeginObject()
        .Str("id", "I" + std::to_string(++id))
        .Str("kind", cat.interventions[i].kind)
        .Str("text", cat.interventions[i].text)
        .Str("goal", "G" + std::to_string(1 + rng.Below(n_goals)))
        .Str("scheduled", IsoDate(enrolled + rng.Between(1, 200)))
        .Str("status", item_status)
        .EndObject();
  }
  j.EndArray();

  j.BeginArray("contacts");
  const std::int64_t n_contacts = referred ? 0 : rng.Between(0, 3);
  std::vector<std::pair<std::int64_t, int>> contacts;  // (day, second), in time order
  for (std::int64_t c = 0; c < n_contacts; ++c) {
    const std::int64_t day = enrolled + rng.Between(0, last_review - enrolled);
    contacts.emplace_back(day, WorkdaySeconds(rng));
  }
  std::sort(contacts.begin(), contacts.end());
  for (const auto& [day, second] : contacts) {
    j.BeginObject()
        .Str("at", IsoDateTime(day, second))
        .Str("channel", rng.Pick(ContactChannels()))
        .Str("outcome", rng.Pick(ContactOutcomes()))
        .EndObject();
  }
  if (opted_out) {
    j.BeginObject()
        .Str("at", IsoDateTime(opted_out_on, WorkdaySeconds(rng)))
        .Str("channel", "phone")
        .Str("outcome", "member-opted-out")
        .EndObject();
  }
  j.EndArray();

  if (opted_out) {
    j.Str("narrative_es", "El afiliado decidió salir del programa.");
    j.Str("narrative_en", "The member chose to leave the program.");
  } else {
    j.StrOrNull("narrative_es", rng.Chance(0.85) ? cat.narrative_es : std::string_view());
    j.StrOrNull("narrative_en", rng.Chance(0.9) ? cat.narrative_en : std::string_view());
  }
  j.EndObject();
  out->append(line);
  out->push_back('\n');
}

namespace {

struct PlannedLine {
  const Service* service;
  std::string modifier;
  std::int64_t quantity;
  std::int64_t from;
  std::int64_t to;
};

std::int64_t ServiceDays(const Service& s, std::int64_t quantity, Rng& rng) {
  if (s.unit == "MO") return quantity * 30 - 1;
  if (s.unit == "DA") return quantity - 1;
  if (s.unit == "VS") return rng.Between(30, 90);
  return quantity > 1 ? rng.Between(30, 180) : 0;
}

std::string UnitWord(std::string_view unit) {
  if (unit == "MO") return "months";
  if (unit == "VS") return "visits";
  if (unit == "DA") return "days";
  return "units";
}

void WriteServicing(JsonLine& j, const Provider& p) {
  j.BeginObject("servicing_provider")
      .Str("npi", p.npi)
      .Str("name", p.display_name)
      .Str("kind", p.organization ? "organization" : "individual")
      .Str("address", p.address)
      .Str("city", p.city)
      .Str("state", p.state)
      .Str("zip", p.zip)
      .Str("network", p.network)
      .EndObject();
}

std::uint64_t ServicingIndex(const ProviderDirectory& providers, std::string_view type, bool us,
                             Rng& rng) {
  if (us) {
    return providers.Draw(type == "referral" && rng.Chance(0.6) ? ProviderRole::kUsSpecialist
                                                                : ProviderRole::kUsHospital,
                          rng);
  }
  if (type == "dme") return providers.DrawAncillary(0, rng);
  if (type == "home-health") return providers.DrawAncillary(1, rng);
  if (type == "specialty-drug") {
    return rng.Chance(0.5) ? providers.DrawAncillary(2, rng)
                           : providers.Draw(ProviderRole::kPrHospital, rng);
  }
  if (type == "referral" || (type == "outpatient" && rng.Chance(0.4))) {
    return providers.Draw(ProviderRole::kPrSpecialist, rng);
  }
  return providers.Draw(ProviderRole::kPrHospital, rng);
}

}  // namespace

void AppendPriorAuthCase(const ProviderDirectory& providers, const CaseSubject& subject,
                         std::string_view case_number, std::uint64_t sequence, CaseSpoil spoil,
                         Rng& rng, std::string* out) {
  const std::int64_t today = SynthToday();
  static constexpr unsigned kStatusWeights[] = {20, 40, 12, 15, 8};
  static constexpr std::string_view kStatuses[] = {"pended", "approved", "denied",
                                                   "partially-approved", "cancelled"};
  const std::string_view status = kStatuses[rng.Weighted(kStatusWeights)];
  const bool pended = status == "pended";
  const bool expedited = rng.Chance(0.25);
  const RequestKind& kind = RequestKinds()[rng.Below(RequestKinds().size())];
  const bool us = rng.Chance(subject.stateside ? 0.7 : 0.15);
  const std::int64_t received = pended ? today - rng.Between(0, 6) : today - rng.Between(10, 240);
  const int received_seconds = static_cast<int>(rng.Between(6 * 3600, 20 * 3600));

  std::string line;
  JsonLine j(&line);
  j.BeginObject().Str("case_number", case_number).Str("member_id", subject.member_id);
  if (spoil == CaseSpoil::kBadDate) {
    const CivilDate d = CivilFromDays(received);
    j.Str("received_at",
          std::to_string(d.year) + (d.month == 2 ? "-02-30" : "-11-31") + "T10:00:00");
  } else {
    j.Str("received_at", IsoDateTime(received, received_seconds));
  }
  j.Str("urgency",
        spoil == CaseSpoil::kUnknownCode ? "urgent" : (expedited ? "expedited" : "standard"));
  j.Str("request_type", kind.request_type);
  j.Str("setting", us ? "US" : "PR");
  j.StrOrNull("reason_not_in_pr", us ? rng.Pick(UsReasons()) : std::string_view());

  const std::uint64_t requesting_index = subject.pcp_index >= 0 && rng.Chance(0.8)
                                             ? static_cast<std::uint64_t>(subject.pcp_index)
                                             : providers.Draw(ProviderRole::kPrSpecialist, rng);
  const Provider requesting = providers.At(requesting_index);
  j.BeginObject("requesting_provider")
      .Str("npi", requesting.npi)
      .Str("name", requesting.display_name)
      .Str("state", requesting.state)
      .EndObject();
  WriteServicing(j, providers.At(ServicingIndex(providers, kind.request_type, us, rng)));

  j.BeginArray("diagnoses");
  const std::size_t n_dx = 1 + rng.Below(2);
  bool primary = true;
  for (const Problem* dx : PickProblems(kind.diagnoses, n_dx, subject.sex, rng)) {
    j.BeginObject().Str("icd10", dx->icd10).Bool("primary", primary).EndObject();
    primary = false;
  }
  j.EndArray();

  const std::size_t min_lines = status == "partially-approved" ? 2 : 1;
  const std::size_t n_lines = min_lines + rng.Below(4 - min_lines);
  std::vector<PlannedLine> lines;
  for (std::size_t i :
       Distinct(kind.services.size(), std::min(n_lines, kind.services.size()), rng)) {
    const Service& s = kind.services[i];
    PlannedLine pl{&s, std::string(rng.Pick(s.modifier_choices)),
                   rng.Between(s.quantity_low, s.quantity_high), 0, 0};
    pl.from = received + (expedited ? rng.Between(0, 3) : rng.Between(3, 30));
    pl.to = pl.from + ServiceDays(s, pl.quantity, rng);
    lines.push_back(std::move(pl));
  }
  j.BeginArray("services");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const PlannedLine& pl = lines[i];
    j.BeginObject()
        .Int("line", static_cast<std::int64_t>(i + 1))
        .Str("system", pl.service->system)
        .Str("code", pl.service->code);
    j.BeginArray("modifiers");
    if (!pl.modifier.empty()) j.Str({}, pl.modifier);
    j.EndArray();
    j.Int("quantity", pl.quantity)
        .Str("unit", pl.service->unit)
        .Str("from", IsoDate(pl.from))
        .Str("to", IsoDate(pl.to))
        .Str("place_of_service", pl.service->place_of_service)
        .EndObject();
  }
  j.EndArray();
  j.Str("status", status);

  if (pended) {
    j.Null("decision");
  } else {
    const std::int64_t decided = received + (expedited ? rng.Between(0, 2) : rng.Between(1, 7));
    const bool denied = status == "denied";
    const int decided_seconds = decided == received
                                    ? static_cast<int>(rng.Between(received_seconds + 600, 86399))
                                    : WorkdaySeconds(rng);
    j.BeginObject("decision").Str("decided_at", IsoDateTime(decided, decided_seconds));
    j.Str("reviewer_id", (denied ? "MD-" : "RN-") + Padded(100 + rng.Below(40), 4));
    if (status == "approved" || status == "partially-approved") {
      const CivilDate d = CivilFromDays(decided);
      j.Str("auth_number", "PA" + Padded(d.year % 100, 2) + Padded(d.month, 2) + Padded(d.day, 2) +
                               Padded(sequence, 4));
    } else {
      j.Null("auth_number");
    }
    j.BeginArray("lines");
    if (status != "cancelled") {
      for (std::size_t i = 0; i < lines.size(); ++i) {
        const PlannedLine& pl = lines[i];
        std::string_view outcome = "approved";
        if (denied) outcome = "denied";
        if (status == "partially-approved" && i > 0) {
          outcome = (pl.quantity > 1 && rng.Chance(0.5)) ? "modified" : "denied";
        }
        j.BeginObject().Int("line", static_cast<std::int64_t>(i + 1)).Str("outcome", outcome);
        if (outcome == "denied") {
          const DenialReason& r = DenialReasons()[rng.Below(DenialReasons().size())];
          j.Int("approved_quantity", 0).Null("valid_from").Null("valid_to");
          j.Str("denial_reason", r.code);
          j.Str("note", std::string(r.note_prefix) + std::string(pl.service->description) +
                            std::string(r.note_suffix));
        } else if (outcome == "modified") {
          const std::int64_t approved = rng.Between(1, pl.quantity - 1);
          j.Int("approved_quantity", approved)
              .Str("valid_from", IsoDate(pl.from))
              .Str("valid_to", IsoDate(pl.to));
          j.Null("denial_reason");
          j.Str("note",
                "Approved " + std::to_string(approved) + " of " + std::to_string(pl.quantity) +
                    " requested " + UnitWord(pl.service->unit) + " of " +
                    std::string(pl.service->description) + " per the plan's utilization policy.");
        } else {
          j.Int("approved_quantity", pl.quantity)
              .Str("valid_from", IsoDate(pl.from))
              .Str("valid_to", IsoDate(pl.to));
          j.Null("denial_reason").Null("note");
        }
        j.EndObject();
      }
    }
    j.EndArray();
    j.EndObject();
  }
  j.EndObject();
  out->append(line);
  out->push_back('\n');
}

}  // namespace gw::synth
