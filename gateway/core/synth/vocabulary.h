// The fixed vocabularies the synthetic feeds draw from: Puerto Rican and US names, the 78
// municipios with their ZIP ranges, stateside cities, plans, networks, NUCC taxonomies,
// hospitals, ICD-10-CM problems and care plans per care-management category, CPT/HCPCS services
// per prior-authorization request type, denial reasons, and the enumerations of FORMATS.md.
//
// All tables are constant data with static storage; spans stay valid for the program's life.
// Thread safety: read-only.
#pragma once

#include <span>
#include <string_view>

namespace gw::synth {

using Words = std::span<const std::string_view>;

struct Municipio {
  std::string_view name;
  int zip_low;   // five-digit ZIP as a number (00601 → 601)
  int zip_high;  // inclusive
};

struct UsCity {
  std::string_view city;
  std::string_view state;
  int zip_low;
  int zip_high;
  std::string_view area_code;
};

struct Plan {
  std::string_view product_line;  // MA, MAPD, DSNP, MEDICAID, COMMERCIAL
  std::string_view plan_code;
  std::string_view plan_name;
};

struct EmployerGroup {
  std::string_view number;
  std::string_view name;
};

struct Specialty {
  std::string_view taxonomy;  // NUCC code
  std::string_view role;      // the role a care-management case gives the physician
};

struct Organization {
  std::string_view name;
  std::string_view taxonomy;
  std::string_view address;
  std::string_view city;
  std::string_view state;
  std::string_view zip;
  std::string_view area_code;
};

struct Problem {
  std::string_view icd10;
  std::string_view text;
};

struct CarePlanItem {
  std::string_view kind;  // intervention kind; empty for goals
  std::string_view text;
};

struct CareCategory {
  std::string_view category;
  std::span<const Problem> problems;
  std::span<const std::string_view> goals;
  std::span<const CarePlanItem> interventions;
  std::string_view narrative_es;
  std::string_view narrative_en;
};

struct Service {
  std::string_view system;  // CPT or HCPCS
  std::string_view code;
  std::string_view description;
  std::span<const std::string_view> modifier_choices;  // one of these (or none) is used
  std::string_view unit;                               // UN, MO, VS, DA
  int quantity_low;
  int quantity_high;
  std::string_view place_of_service;
};

struct RequestKind {
  std::string_view request_type;
  std::span<const Service> services;
  std::span<const Problem> diagnoses;
};

struct DenialReason {
  std::string_view code;
  std::string_view note_prefix;  // the note is prefix + service description + suffix
  std::string_view note_suffix;
};

const Words& MaleGivenNames();
const Words& FemaleGivenNames();
const Words& MaleMiddleNames();
const Words& FemaleMiddleNames();
const Words& Surnames();
const Words& UsMaleGivenNames();
const Words& UsFemaleGivenNames();
const Words& UsSurnames();
const Words& Urbanizaciones();
const Words& PrStreets();
const Words& UsStreets();

std::span<const Municipio> Municipios();  // exactly 78
std::span<const UsCity> UsCities();
std::span<const Plan> Plans();
std::span<const EmployerGroup> EmployerGroups();
const Words& PrNetworks();

std::span<const Specialty> PrimaryCareSpecialties();
std::span<const Specialty> Specialists();
std::span<const Organization> PrHospitals();
std::span<const Organization> PrAncillaries();  // DME supplier, home health, specialty pharmacy
std::span<const Organization> UsHospitals();

std::span<const CareCategory> CareCategories();  // every category of FORMATS.md
const Words& ReferralSources();
const Words& UsReasons();  // reason_not_in_pr texts

std::span<const RequestKind> RequestKinds();  // every request_type of FORMATS.md
std::span<const DenialReason> DenialReasons();

// Enumerations of FORMATS.md.
const Words& CareStatuses();          // referred, active, on-hold, completed, opted-out
const Words& GoalStatuses();          // proposed, in-progress, achieved, cancelled
const Words& InterventionStatuses();  // scheduled, in-progress, completed, cancelled
const Words& InterventionKinds();     // call, education, referral, dme, home-health, ...
const Words& ContactChannels();
const Words& ContactOutcomes();

}  // namespace gw::synth
