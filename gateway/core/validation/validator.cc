#include "gateway/core/validation/validator.h"

#include <unordered_set>

#include "gateway/core/validation/element_walker.h"
#include "gateway/core/validation/json_util.h"
#include "gateway/core/validation/questionnaire_response_check.h"

namespace gw::validation {
namespace {

// Forwards each distinct issue once and remembers whether an error was seen.
class DedupSink final : public IssueSink {
 public:
  explicit DedupSink(IssueSink& out) : out_(out) {}
  void Report(Issue issue) override {
    std::string key;
    key.reserve(issue.code.size() + issue.location.size() + issue.message.size() + 4);
    key.append(SeverityName(issue.severity)).append("|").append(issue.code).append("|");
    key.append(issue.location).append("|").append(issue.message);
    if (!seen_.insert(std::move(key)).second) return;
    if (issue.severity == Severity::kError || issue.severity == Severity::kFatal) errors_ = true;
    out_.Report(std::move(issue));
  }
  bool errors() const { return errors_; }

 private:
  IssueSink& out_;
  std::unordered_set<std::string> seen_;
  bool errors_ = false;
};

}  // namespace

Validator::Validator(const SchemaRegistry& registry, ValidationOptions options)
    : registry_(registry), options_(options) {}

bool Validator::Validate(const json::Value& resource, std::span<const std::string> profiles,
                         IssueSink& sink) const {
  DedupSink dedup(sink);
  ElementWalker walker(registry_, options_, dedup);
  walker.ValidateTopLevel(resource, profiles);
  if (resource.is_object()) {
    QuestionnaireCheckContext questionnaires{&registry_, options_.terminology};
    CheckQuestionnaireResources(resource, questionnaires, StringMember(resource, "resourceType"),
                                dedup);
  }
  return !dedup.errors();
}

}  // namespace gw::validation
