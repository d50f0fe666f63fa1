// TerminologyService: offline terminology over the loaded conformance resources.
//
// ValueSets and CodeSystems are found through a ports::CanonicalResolver (e.g. the
// ConformanceStore); `extra_code_systems` (configured CodeSystem resources, e.g. a plan's local
// code list or a licensed terminology) take precedence over the resolver's for the same url.
// Code systems that are not loaded, or whose content is not-present/example/fragment, cannot
// say that a code does not exist: answers that depend on them are kUnknown ("not checked"),
// never errors. UCUM, BCP-47 language tags and MIME types are checked by syntax (see
// special_systems.h) unless a complete CodeSystem for them is loaded.
//
// Caching: a value set is compiled once per canonical (the "#fragment" is ignored) and expanded
// at most once; code system indexes are built once per resource. Value sets and code systems
// that are not found are not cached (so untrusted canonicals cannot grow the caches).
// Limits: see TerminologyOptions; include cycles and over-deep nesting make the value set
// invalid (kInvalidArgument), oversized expansions fail with kResourceExhausted.
//
// Thread safety: all methods are safe for concurrent calls after construction.
// Lifetime: `resolver` must outlive the service. Pointers returned (CodeSystemIndex, Concept)
// live as long as the service; expansions are shared and may outlive it.
#pragma once

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "gateway/core/base/issue.h"
#include "gateway/core/base/status.h"
#include "gateway/core/json/value.h"
#include "gateway/core/terminology/binding.h"
#include "gateway/core/terminology/code_system.h"
#include "gateway/core/terminology/code_validation.h"
#include "gateway/core/terminology/expansion.h"
#include "gateway/core/terminology/options.h"
#include "gateway/ports/canonical_resolver.h"
#include "gateway/ports/terminology_service.h"

namespace gw::terminology {

enum class LookupStatus : std::uint8_t {
  kFound,            // the concept is in the loaded code system
  kUnknownCode,      // the code system is loaded and complete; the code is not in it
  kNotEnumerated,    // the code system is loaded but not complete; the code is not in it
  kWellFormed,       // syntax-checked system (UCUM, BCP-47, MIME): the code is well formed
  kMalformed,        // syntax-checked system: the code is not well formed
  kSystemNotLoaded,  // nothing is known about the system
};
const char* LookupStatusName(LookupStatus s);

struct CodeLookup {
  LookupStatus status = LookupStatus::kSystemNotLoaded;
  const CodeSystemIndex* code_system = nullptr;  // when loaded
  const Concept* entry = nullptr;                // when kFound
};

class TerminologyService final : public ports::TerminologyService {
 public:
  // Extra CodeSystems that are not valid CodeSystem resources (or are supplements) are ignored.
  explicit TerminologyService(const ports::CanonicalResolver& resolver,
                              TerminologyOptions options = {},
                              std::vector<json::Value> extra_code_systems = {});
  ~TerminologyService() override;
  TerminologyService(const TerminologyService&) = delete;
  TerminologyService& operator=(const TerminologyService&) = delete;

  // The expansion of a value set (see expander.h for the errors). kNotFound when the value set
  // is not known.
  Result<std::shared_ptr<const ValueSetExpansion>> Expand(std::string_view value_set) const;

  // Validates a code against a value set. `system` may be empty (a bare `code` element: any
  // system of the value set may define it); `display` may be empty (not checked).
  // A code that its loaded, complete code system does not define (or that is malformed for a
  // syntax-checked system) is kNotMember with reason kUnknownCode / kInvalidSyntax, even when
  // the value set itself could not be checked.
  CodeValidation ValidateCode(std::string_view value_set, std::string_view system,
                              std::string_view code, std::string_view display = {}) const;

  // The concept for (system, code).
  CodeLookup Lookup(std::string_view system, std::string_view code) const;
  // Whether code_a subsumes code_b in `system` (kUnknown when not loaded or a code is unknown).
  Subsumption Subsumes(std::string_view system, std::string_view code_a,
                       std::string_view code_b) const;
  // The loaded code system for `url` (highest precedence version), or nullptr.
  const CodeSystemIndex* FindCodeSystem(std::string_view url) const;

  // Applies the binding rules of binding.h to one element; issues go to `issues`.
  void CheckBinding(const BindingRequest& request, IssueSink* issues) const;

  // ports::TerminologyService (FHIRPath memberOf): true/false for member/not member, nullopt
  // when not checkable offline.
  std::optional<bool> IsMember(std::string_view system, std::string_view code,
                               std::string_view value_set_url) const override;

  const TerminologyOptions& options() const;

  struct Impl;  // implementation detail

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace gw::terminology
