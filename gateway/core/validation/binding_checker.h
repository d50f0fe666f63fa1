// BindingChecker: how the validator asks the terminology layer whether a coded value satisfies
// an element's binding. The terminology service (gw::terminology) implements it through an
// adapter; the validator never expands value sets itself.
//
// Contract: CheckBinding() looks at `value` (a code/string/uri primitive, a Coding, a
// CodeableConcept or a Quantity, given by `type`) and reports problems to `sink` at `location`
// with the severity the binding strength implies (required → error, extensible → warning,
// preferred/example → nothing or information). It never throws; an unknown value set or code
// system is reported (warning), not failed.
// Thread safety: implementations must allow concurrent calls.
#pragma once

#include <string_view>

#include "gateway/core/base/issue.h"
#include "gateway/core/json/value.h"
#include "gateway/core/validation/profile_schema.h"

namespace gw::validation {

class BindingChecker {
 public:
  virtual ~BindingChecker() = default;
  virtual void CheckBinding(const json::Value& value, std::string_view type,
                            const BindingRule& binding, std::string_view location,
                            IssueSink& sink) const = 0;
};

}  // namespace gw::validation
