// ProviderIndex: NPI → provider kind (individual or organization) of providers.csv, so that the
// pipeline can tell the mappings of the other feeds whether an NPI they name is a Practitioner
// or an Organization (FeedPipeline adds "provider_kind" beside each "npi" of a record).
// Memory: 16 bytes per provider. Add() while providers.csv streams, Freeze(), then Find().
// Thread safety: Add/Freeze from one thread; Find is const.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace gw::ingest {

class ProviderIndex {
 public:
  void Add(std::string_view npi, bool organization);
  void Freeze();
  // "organization", "individual", or empty when the NPI is not indexed (or not 10 digits).
  std::string_view KindOf(std::string_view npi) const;
  std::size_t size() const { return entries_.size(); }

 private:
  std::vector<std::pair<std::uint64_t, bool>> entries_;
  bool frozen_ = true;
};

}  // namespace gw::ingest
