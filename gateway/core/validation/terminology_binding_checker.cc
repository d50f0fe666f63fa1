#include "gateway/core/validation/terminology_binding_checker.h"

#include <string>

#include "gateway/core/validation/json_util.h"

namespace gw::validation {
namespace {

using terminology::BindingRequest;
using terminology::CodingRef;

// Adds the coding held by `obj` (a Coding, or a Quantity's system/code) when it has a code.
void AddCoding(const json::Value& obj, std::string location, bool with_display,
               BindingRequest* request) {
  std::string_view code = StringMember(obj, "code");
  if (code.empty()) return;
  CodingRef ref;
  ref.system = std::string(StringMember(obj, "system"));
  ref.code = std::string(code);
  if (with_display) ref.display = std::string(StringMember(obj, "display"));
  ref.location = std::move(location);
  request->codings.push_back(std::move(ref));
}

// Fills the codings of `request` from `value`; false when there is nothing to check.
bool Collect(const json::Value& value, std::string_view type, std::string_view location,
             BindingRequest* request) {
  if (type == "CodeableConcept") {
    if (!value.is_object()) return false;
    const json::Value* codings = value.Find("coding");
    if (codings != nullptr && codings->is_array()) {
      for (std::size_t i = 0; i < codings->items().size(); ++i) {
        const json::Value& c = codings->items()[i];
        if (!c.is_object()) continue;
        std::string at(location);
        at += ".coding[" + std::to_string(i) + "]";
        AddCoding(c, std::move(at), true, request);
      }
    }
    request->has_text = !StringMember(value, "text").empty();
    // Codings with neither code nor anything else checkable: only text or extensions.
    return !request->codings.empty() || codings == nullptr;
  }
  if (type == "Coding") {
    if (!value.is_object()) return false;
    AddCoding(value, std::string(location), true, request);
    return !request->codings.empty();
  }
  if (type == "Quantity" || type == "Age" || type == "Duration" || type == "Distance" ||
      type == "Count" || type == "SimpleQuantity" || type == "MoneyQuantity") {
    if (!value.is_object()) return false;
    AddCoding(value, std::string(location), false, request);
    return !request->codings.empty();
  }
  if (!value.is_string() || value.string_value().empty()) return false;
  CodingRef ref;
  ref.code = std::string(value.string_value());
  ref.location = std::string(location);
  request->codings.push_back(std::move(ref));
  return true;
}

}  // namespace

void TerminologyBindingChecker::Check(const json::Value& value, std::string_view type,
                                      const BindingRule& binding, bool additional,
                                      std::string_view location, IssueSink& sink) const {
  if (binding.value_set.empty()) return;
  auto strength = terminology::ParseBindingStrength(binding.strength);
  if (!strength || (*strength != terminology::BindingStrength::kRequired &&
                    *strength != terminology::BindingStrength::kExtensible)) {
    return;
  }
  BindingRequest request;
  request.strength = *strength;
  if (!Collect(value, type, location, &request)) return;
  request.value_set = binding.value_set;
  request.location = std::string(location);
  request.additional = additional;
  terminology_.CheckBinding(request, &sink);
}

void TerminologyBindingChecker::CheckBinding(const json::Value& value, std::string_view type,
                                             const BindingRule& binding, std::string_view location,
                                             IssueSink& sink) const {
  Check(value, type, binding, false, location, sink);
  for (const BindingRule& extra : binding.additional) {
    Check(value, type, extra, true, location, sink);
  }
}

}  // namespace gw::validation
