#include "gateway/core/synth/providers.h"

#include "gateway/core/synth/civil_date.h"
#include "gateway/core/synth/identifiers.h"
#include "gateway/core/synth/vocabulary.h"

namespace gw::synth {
namespace {

constexpr std::uint64_t kProviderStream = 0x50524F56;  // "PROV"
constexpr std::uint64_t kNpiMultiplier = 37139213;     // coprime to 10^8: NPIs stay distinct

// Slot layout of one group of 20.
constexpr ProviderRole kSlotRoles[ProviderDirectory::kSlotsPerGroup] = {
    ProviderRole::kPrimaryCare,  ProviderRole::kPrimaryCare,  ProviderRole::kPrimaryCare,
    ProviderRole::kPrimaryCare,  ProviderRole::kPrimaryCare,  ProviderRole::kPrimaryCare,
    ProviderRole::kPrimaryCare,  ProviderRole::kPrimaryCare,  ProviderRole::kPrSpecialist,
    ProviderRole::kPrSpecialist, ProviderRole::kPrSpecialist, ProviderRole::kPrSpecialist,
    ProviderRole::kPrSpecialist, ProviderRole::kPrSpecialist, ProviderRole::kUsSpecialist,
    ProviderRole::kPrHospital,   ProviderRole::kPrAncillary,  ProviderRole::kUsHospital,
    ProviderRole::kUsHospital,   ProviderRole::kUsHospital};

std::string Digits(std::uint64_t value, int width) {
  std::string s(width, '0');
  for (int i = width - 1; i >= 0; --i) {
    s[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return s;
}

std::string Phone(std::string_view area_code, Rng& rng) {
  std::string p(area_code);
  p += Digits(static_cast<std::uint64_t>(rng.Between(200, 999)), 3);
  p += Digits(rng.Below(10000), 4);
  return p;
}

void FillOrganization(const Organization& org, Rng& rng, Provider* p) {
  p->organization = true;
  p->name = std::string(org.name);
  p->display_name = p->name;
  p->taxonomy = std::string(org.taxonomy);
  p->address = std::string(org.address);
  p->city = std::string(org.city);
  p->state = std::string(org.state);
  p->zip = std::string(org.zip);
  p->phone = Phone(org.area_code, rng);
}

void FillIndividual(bool stateside, const Specialty& specialty, Rng& rng, Provider* p) {
  const bool female = rng.Chance(0.45);
  std::string_view given;
  std::string last;
  if (stateside) {
    given = rng.Pick(female ? UsFemaleGivenNames() : UsMaleGivenNames());
    last = std::string(rng.Pick(UsSurnames()));
  } else {
    given = rng.Pick(female ? FemaleGivenNames() : MaleGivenNames());
    last = std::string(rng.Pick(Surnames()));
    if (rng.Chance(0.3)) last += " " + std::string(rng.Pick(Surnames()));
  }
  p->name = last + ", " + std::string(given);
  p->display_name = (female ? "Dra. " : "Dr. ") + std::string(given) + " " + last;
  if (stateside) p->display_name = "Dr. " + std::string(given) + " " + last;
  p->taxonomy = std::string(specialty.taxonomy);
  p->role = std::string(specialty.role);
  if (stateside) {
    const UsCity& c = rng.Pick(UsCities());
    p->address = std::to_string(rng.Between(10, 9999)) + " ";
    p->address += rng.Pick(UsStreets());
    p->city = std::string(c.city);
    p->state = std::string(c.state);
    p->zip = Digits(static_cast<std::uint64_t>(rng.Between(c.zip_low, c.zip_high)), 5);
    p->phone = Phone(c.area_code, rng);
  } else {
    const Municipio& m = rng.Pick(Municipios());
    p->address = std::string(rng.Pick(PrStreets())) + " ";
    p->address += std::to_string(rng.Between(1, 2000));
    if (rng.Chance(0.3)) p->address += ", Suite " + std::to_string(rng.Between(100, 999));
    p->city = std::string(m.name);
    p->state = "PR";
    p->zip = Digits(static_cast<std::uint64_t>(rng.Between(m.zip_low, m.zip_high)), 5);
    p->phone = Phone(rng.Chance(0.7) ? "787" : "939", rng);
  }
}

}  // namespace

ProviderDirectory::ProviderDirectory(std::uint64_t seed, std::uint64_t member_count)
    : seed_(seed), groups_(member_count / 2000 + 5) {
  std::uint64_t state = seed ^ 0x4E5049ull;
  npi_offset_ = SplitMix64(&state) % 100000000;
}

ProviderRole ProviderDirectory::RoleOfSlot(std::uint64_t slot) {
  return kSlotRoles[slot % kSlotsPerGroup];
}

std::string ProviderDirectory::NpiAt(std::uint64_t index) const {
  return MakeNpi(index * kNpiMultiplier + npi_offset_);
}

std::string ProviderDirectory::IpaCodeAt(std::uint64_t index) const {
  return "IPA-" + Digits(index / kSlotsPerGroup % 180 + 1, 3);
}

std::uint64_t ProviderDirectory::Draw(ProviderRole role, Rng& rng) const {
  std::uint64_t slots[kSlotsPerGroup];
  std::uint64_t n = 0;
  for (std::uint64_t s = 0; s < kSlotsPerGroup; ++s) {
    if (kSlotRoles[s] == role) slots[n++] = s;
  }
  const std::uint64_t group = rng.Below(groups_);
  return group * kSlotsPerGroup + slots[rng.Below(n)];
}

std::uint64_t ProviderDirectory::DrawAncillary(std::uint64_t kind, Rng& rng) const {
  const std::uint64_t kinds = PrAncillaries().size();
  kind %= kinds;
  const std::uint64_t choices = (groups_ - kind + kinds - 1) / kinds;
  std::uint64_t slot = 0;
  while (kSlotRoles[slot] != ProviderRole::kPrAncillary) ++slot;
  return (rng.Below(choices) * kinds + kind) * kSlotsPerGroup + slot;
}

Provider ProviderDirectory::At(std::uint64_t index) const {
  Rng rng = Rng::Derive(seed_, kProviderStream, index);
  Provider p;
  p.index = index;
  p.npi = NpiAt(index);
  const std::uint64_t group = index / kSlotsPerGroup;
  switch (RoleOfSlot(index)) {
    case ProviderRole::kPrimaryCare:
      FillIndividual(false, rng.Pick(PrimaryCareSpecialties()), rng, &p);
      p.ipa_code = IpaCodeAt(index);
      p.network = rng.Chance(0.97) ? "INN" : "OON";
      break;
    case ProviderRole::kPrSpecialist:
      FillIndividual(false, rng.Pick(Specialists()), rng, &p);
      p.network = rng.Chance(0.9) ? "INN" : "OON";
      break;
    case ProviderRole::kUsSpecialist:
      FillIndividual(true, rng.Pick(Specialists()), rng, &p);
      p.network = rng.Chance(0.2) ? "INN" : "OON";
      break;
    case ProviderRole::kPrHospital:
      FillOrganization(PrHospitals()[group % PrHospitals().size()], rng, &p);
      p.network = "INN";
      break;
    case ProviderRole::kPrAncillary:
      FillOrganization(PrAncillaries()[group % PrAncillaries().size()], rng, &p);
      p.network = "INN";
      break;
    case ProviderRole::kUsHospital:
      FillOrganization(UsHospitals()[(group * 3 + index % kSlotsPerGroup) % UsHospitals().size()],
                       rng, &p);
      p.network = rng.Chance(0.25) ? "INN" : "OON";
      break;
  }
  if (p.organization) p.role = p.taxonomy == "282NC2000X" ? "pediatric-hospital" : "facility";
  p.last_updated = IsoDateTime(DaysFromCivil(2026, 10, 1) + rng.Between(0, 45), 0);
  return p;
}

}  // namespace gw::synth
