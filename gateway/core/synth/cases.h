// Builders of one care-management case and one prior-authorization case as NDJSON lines
// (the object shapes of FORMATS.md), used by GenerateFeeds.
//
// Each builder appends exactly one line (object + LF) to *out and draws everything from `rng`,
// so a case is a pure function of its inputs. `spoil` asks for one injected problem
// (see generator.h for the kinds); the caller records it in the manifest.
// Thread safety: reentrant.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "gateway/core/synth/providers.h"
#include "gateway/core/synth/rng.h"

namespace gw::synth {

enum class CaseSpoil { kNone, kBadDate, kUnknownCode };

struct CaseSubject {
  std::string_view member_id;
  int age = 0;
  char sex = 'U';  // M, F or U: keeps sex-specific diagnoses plausible
  bool stateside = false;
  std::int64_t pcp_index = -1;  // provider index of the member's PCP, -1 if none
};

// program: "ICM" or "CC".
void AppendCareCase(const ProviderDirectory& providers, const CaseSubject& subject,
                    std::string_view case_id, std::string_view program, CaseSpoil spoil, Rng& rng,
                    std::string* out);

// sequence numbers the authorization numbers of approved cases.
void AppendPriorAuthCase(const ProviderDirectory& providers, const CaseSubject& subject,
                         std::string_view case_number, std::uint64_t sequence, CaseSpoil spoil,
                         Rng& rng, std::string* out);

}  // namespace gw::synth
