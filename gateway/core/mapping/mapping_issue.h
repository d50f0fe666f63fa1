// MappingIssue: why one record was rejected, and MappingLoadError: why a mapping file was
// refused at start-up.
//
// A MappingIssue carries the gw::Issue (severity error, a stable code from issue_codes.h, the
// template location such as "Patient.birthDate" or "Claim.item[1].servicedPeriod.start", with
// "[i]" the item of a $each), the rule (the resource rule's name, "patient") and the record
// field the rejected value came from ("birth_date", "services[1].from"; empty when the value
// was computed). Messages hold no record values.
// A MappingLoadError names the file, the rule (empty for file-level problems), the path inside
// the rule ("template.name[0].given", "id", "when") and a stable code.
// Thread safety: plain values.
#pragma once

#include <string>

#include "gateway/core/base/issue.h"

namespace gw::mapping {

struct MappingIssue {
  Issue issue;
  std::string rule;
  std::string field;
};

struct MappingLoadError {
  std::string file;
  std::string rule;
  std::string path;
  std::string code;
  std::string message;
  // "members.json: rule 'patient' at template.birthDate: mapping-fhirpath-syntax: ..."
  std::string ToString() const {
    std::string s = file + ":";
    if (!rule.empty()) s += " rule '" + rule + "'";
    if (!path.empty()) s += " at " + path;
    return s + ": " + code + ": " + message;
  }
};

}  // namespace gw::mapping
