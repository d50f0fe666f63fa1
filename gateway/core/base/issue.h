// Issue and IssueSink: how data problems (as opposed to code failures) are reported.
//
// An Issue has a severity, a stable machine code (tests assert codes, never message text),
// a FHIRPath-style location with indices (e.g. "Bundle.entry[2].resource.id") and a human
// message that must not contain PHI. OperationOutcome is built from Issues only at the edge.
// Thread safety: an IssueSink is used by one thread at a time.
#pragma once

#include <string>
#include <vector>

namespace gw {

enum class Severity { kFatal, kError, kWarning, kInformation };

const char* SeverityName(Severity s);  // "fatal", "error", "warning", "information"

struct Issue {
  Severity severity = Severity::kError;
  std::string code;      // stable, e.g. "json-duplicate-key", "fhirpath-syntax"
  std::string location;  // FHIRPath-style location, may be empty
  std::string message;   // for humans; no PHI
};

class IssueSink {
 public:
  virtual ~IssueSink() = default;
  virtual void Report(Issue issue) = 0;
};

// Collects issues in order.
class IssueList final : public IssueSink {
 public:
  void Report(Issue issue) override { issues_.push_back(std::move(issue)); }
  const std::vector<Issue>& issues() const { return issues_; }
  bool HasErrors() const;

 private:
  std::vector<Issue> issues_;
};

}  // namespace gw
