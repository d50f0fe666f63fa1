// TerminologyService: the port FHIRPath memberOf() uses to test a code against a ValueSet.
// Contract: IsMember() answers true/false, or std::nullopt when the value set or code system is
// unknown or the answer cannot be computed (FHIRPath turns that into an empty result).
// Thread safety: implementations must be safe to call from concurrent evaluations.
#pragma once

#include <optional>
#include <string_view>

namespace gw::ports {

class TerminologyService {
 public:
  virtual ~TerminologyService() = default;
  // `system` may be empty (a bare code); `value_set_url` is the canonical URL (may carry
  // "|version").
  virtual std::optional<bool> IsMember(std::string_view system, std::string_view code,
                                       std::string_view value_set_url) const = 0;
};

}  // namespace gw::ports
