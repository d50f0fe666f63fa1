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
// Thread safety: CheckBinding may be called concurrently (the service is thread-safe).
// Lifetime: the TerminologyService must outlive the checker.
#pragma once

#include <string_view>

#include "gateway/core/terminology/terminology_service.h"
#include "gateway/core/validation/binding_checker.h"

namespace gw::validation {

class TerminologyBindingChecker final : public BindingChecker {
 public:
  explicit TerminologyBindingChecker(const terminology::TerminologyService& terminology)
      : terminology_(terminology) {}

  void CheckBinding(const json::Value& value, std::string_view type, const BindingRule& binding,
                    std::string_view location, IssueSink& sink) const override;

 private:
  // One binding: the element's own (`additional` false) or one of its additional bindings.
  void Check(const json::Value& value, std::string_view type, const BindingRule& binding,
             bool additional, std::string_view location, IssueSink& sink) const;

  const terminology::TerminologyService& terminology_;
};

}  // namespace gw::validation
