// BindingStrength helpers and TerminologyService::CheckBinding (rules in binding.h).
#include "gateway/core/terminology/binding.h"

#include <string>
#include <utility>

#include "gateway/core/terminology/issue_codes.h"
#include "gateway/core/terminology/terminology_service.h"

namespace gw::terminology {
namespace {

void Report(IssueSink* sink, Severity severity, const char* code, std::string_view location,
            std::string message) {
  if (sink == nullptr) return;
  sink->Report(Issue{severity, code, std::string(location), std::move(message)});
}

std::string_view CodingLocation(const CodingRef& coding, const BindingRequest& request) {
  return coding.location.empty() ? std::string_view(request.location)
                                 : std::string_view(coding.location);
}

// Per-coding issues: unknown codes (error) and display mismatches of members (warning).
void ReportCodingIssues(const BindingRequest& request, const CodingRef& coding,
                        const CodeValidation& v, IssueSink* sink) {
  std::string_view location = CodingLocation(coding, request);
  bool bad_code =
      v.reason == MembershipReason::kUnknownCode || v.reason == MembershipReason::kInvalidSyntax;
  if (bad_code && !coding.system.empty()) {  // a bare code's system is the value set's
    Report(sink, Severity::kError, kIssueCodeUnknown, location,
           "the code is not valid in code system " + coding.system);
  }
  if (v.membership == Membership::kMember && v.display == DisplayCheck::kMismatch) {
    Report(sink, Severity::kWarning, kIssueCodeDisplayMismatch, location,
           "the display does not match the code's display '" + v.expected_display + "'");
  }
}

void ReportNoMember(const BindingRequest& request, IssueSink* sink) {
  std::string vs = request.value_set;
  if (request.additional) vs += " (an additional binding)";
  if (request.strength == BindingStrength::kRequired) {
    Report(sink, Severity::kError, kIssueCodeNotInValueSet, request.location,
           "no code is in the required value set " + vs);
  } else if (request.has_text) {
    Report(sink, Severity::kInformation, kIssueCodeNotInValueSet, request.location,
           "no code is in the extensible value set " + vs + "; text is given");
  } else {
    Report(sink, Severity::kWarning, kIssueCodeNotInValueSet, request.location,
           "no code is in the extensible value set " + vs);
  }
}

}  // namespace

std::optional<BindingStrength> ParseBindingStrength(std::string_view text) {
  if (text == "required") return BindingStrength::kRequired;
  if (text == "extensible") return BindingStrength::kExtensible;
  if (text == "preferred") return BindingStrength::kPreferred;
  if (text == "example") return BindingStrength::kExample;
  return std::nullopt;
}

const char* BindingStrengthName(BindingStrength strength) {
  switch (strength) {
    case BindingStrength::kRequired:
      return "required";
    case BindingStrength::kExtensible:
      return "extensible";
    case BindingStrength::kPreferred:
      return "preferred";
    case BindingStrength::kExample:
      break;
  }
  return "example";
}

void TerminologyService::CheckBinding(const BindingRequest& request, IssueSink* issues) const {
  if (request.strength != BindingStrength::kRequired &&
      request.strength != BindingStrength::kExtensible) {
    return;
  }
  bool required = request.strength == BindingStrength::kRequired;
  if (request.codings.empty()) {
    if (required || !request.has_text) {
      Report(issues, required ? Severity::kError : Severity::kWarning, kIssueCodeMissing,
             request.location,
             "no code given for a " + std::string(BindingStrengthName(request.strength)) +
                 " binding to " + request.value_set);
    }
    return;
  }
  std::string_view value_set = std::string_view(request.value_set);
  value_set = value_set.substr(0, value_set.find('#'));
  bool any_member = false;
  const CodeValidation* first_unknown = nullptr;
  std::vector<CodeValidation> results;
  results.reserve(request.codings.size());
  for (const CodingRef& coding : request.codings) {
    results.push_back(ValidateCode(request.value_set, coding.system, coding.code, coding.display));
    const CodeValidation& v = results.back();
    if (v.reason == MembershipReason::kValueSetNotFound && v.detail == value_set) {
      Report(issues, Severity::kWarning, kIssueCodeValueSetNotFound, request.location,
             "value set " + request.value_set + " is not available; the code is not checked");
      return;
    }
    if (v.reason == MembershipReason::kValueSetInvalid && v.detail == value_set) {
      Report(issues, Severity::kWarning, kIssueCodeValueSetInvalid, request.location,
             "value set " + request.value_set + " cannot be used; the code is not checked");
      return;
    }
    ReportCodingIssues(request, coding, v, issues);
    if (v.membership == Membership::kMember) any_member = true;
    if (v.membership == Membership::kUnknown && first_unknown == nullptr) first_unknown = &v;
  }
  if (any_member) return;
  if (first_unknown != nullptr) {
    Report(issues, Severity::kInformation, kIssueCodeNotChecked, request.location,
           "membership in " + request.value_set + " not checked offline (" +
               MembershipReasonName(first_unknown->reason) + ": " + first_unknown->detail + ")");
    return;
  }
  ReportNoMember(request, issues);
}

}  // namespace gw::terminology
