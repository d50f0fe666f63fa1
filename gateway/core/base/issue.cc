#include "gateway/core/base/issue.h"

namespace gw {

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kFatal: return "fatal";
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInformation: return "information";
  }
  return "error";
}

bool IssueList::HasErrors() const {
  for (const Issue& i : issues_) {
    if (i.severity == Severity::kFatal || i.severity == Severity::kError) return true;
  }
  return false;
}

}  // namespace gw
