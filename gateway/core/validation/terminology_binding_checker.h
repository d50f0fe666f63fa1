// TerminologyBindingChecker: the validator's BindingChecker over the offline terminology layer
// (gw::terminology::TerminologyService::CheckBinding, rules in terminology/binding.h).
//
// It turns the bound value into a BindingRequest: a code/string/uri primitive becomes one bare
// code (the value set's systems may define it), a Coding one coding at the element's location,
// a CodeableConcept its codings at "<location>.coding[i]" (text noted), a Quantity its
// system/code. Codings without a code, Quantities without a code and bindings without a value
// set are not checked. Only required and extensible bindings are checked: required → error,
// extensible → warning, the element's own binding and then each of its additional bindings
// (BindingRule::additional) alike; codes from code systems that are not loaded are reported as
// information "terminology-not-checked", never as errors (see binding.h for the codes).
// With `remember_outcomes` (for bulk work over terminology that does not change while the
// checker lives, such as ingest), the outcome of a binding check is remembered by what it depends
// on (value set, strength, the codings' system, code and display, text present) and replayed for
// the next identical check at that check's own locations: mapped data repeats the same few codes
// millions of times. At most `kMaxRemembered` outcomes are kept (the memory is dropped and
// refilled when full).
// Thread safety: CheckBinding may be called concurrently (the service is thread-safe; the memory
// is locked).
// Lifetime: the TerminologyService must outlive the checker.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gateway/core/terminology/terminology_service.h"
#include "gateway/core/validation/binding_checker.h"

namespace gw::validation {

class TerminologyBindingChecker final : public BindingChecker {
 public:
  static constexpr std::size_t kMaxRemembered = 100'000;

  explicit TerminologyBindingChecker(const terminology::TerminologyService& terminology,
                                     bool remember_outcomes = false)
      : terminology_(terminology), remember_(remember_outcomes) {}

  void CheckBinding(const json::Value& value, std::string_view type, const BindingRule& binding,
                    std::string_view location, IssueSink& sink) const override;

 private:
  // One binding: the element's own (`additional` false) or one of its additional bindings.
  void Check(const json::Value& value, std::string_view type, const BindingRule& binding,
             bool additional, std::string_view location, IssueSink& sink) const;

  const terminology::TerminologyService& terminology_;
  const bool remember_;
  mutable std::mutex mu_;
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  // Outcome key → the issues reported, each location with the check's location cut off.
  mutable std::unordered_map<std::string, std::vector<Issue>, KeyHash, std::equal_to<>> outcomes_;
};

}  // namespace gw::validation
