// ProviderDirectory: the synthetic provider directory, computed on demand.
//
// The directory has Size() providers (a multiple of kSlotsPerGroup, growing with the member
// count). Provider k is a pure function of (seed, k): At(k) rebuilds it whenever needed, so no
// table is kept and memory does not grow with the directory. Within each group of
// kSlotsPerGroup consecutive indices the slots have fixed roles (primary care, Puerto Rico
// specialist, US specialist, Puerto Rico hospital, ancillary organization, US hospital), which
// lets the generator draw a provider of the role it needs. NPIs are distinct across the
// directory and carry a valid Luhn check digit.
// Thread safety: immutable after construction; At() is reentrant.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "gateway/core/synth/rng.h"

namespace gw::synth {

enum class ProviderRole {
  kPrimaryCare,
  kPrSpecialist,
  kUsSpecialist,
  kPrHospital,
  kPrAncillary,  // DME supplier, home health agency or specialty pharmacy
  kUsHospital,
};

struct Provider {
  std::uint64_t index = 0;
  std::string npi;
  bool organization = false;
  std::string name;          // providers.csv form: "Last, First" or the organization's name
  std::string display_name;  // NDJSON form: "Dr. José Vélez", "Dra. Ana Rivera", organization
  std::string taxonomy;
  std::string role;  // care-management physician role (pcp, nephrologist, ...)
  std::string address;
  std::string city;
  std::string state;
  std::string zip;
  std::string phone;
  std::string network;   // INN or OON
  std::string ipa_code;  // the IPA of a primary care physician, else empty
  std::string last_updated;
};

class ProviderDirectory {
 public:
  static constexpr std::uint64_t kSlotsPerGroup = 20;

  ProviderDirectory(std::uint64_t seed, std::uint64_t member_count);

  std::uint64_t Size() const { return groups_ * kSlotsPerGroup; }
  Provider At(std::uint64_t index) const;
  std::string NpiAt(std::uint64_t index) const;
  std::string IpaCodeAt(std::uint64_t index) const;
  // A provider index of the given role, drawn with rng.
  std::uint64_t Draw(ProviderRole role, Rng& rng) const;
  // A kPrAncillary provider of one kind: 0 DME supplier, 1 home health, 2 specialty pharmacy.
  std::uint64_t DrawAncillary(std::uint64_t kind, Rng& rng) const;

  static ProviderRole RoleOfSlot(std::uint64_t slot);

 private:
  std::uint64_t seed_;
  std::uint64_t groups_;
  std::uint64_t npi_offset_;
};

}  // namespace gw::synth
