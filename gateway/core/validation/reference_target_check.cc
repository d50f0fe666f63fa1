// ElementWalker: a reference whose target is inside the instance (a contained resource, a Bundle
// entry, a Parameters resource) and whose element names target profiles: the target must
// conform to one of the profiles of its type. As in the reference validator, core definitions
// alone are not held against it (the target's own validation covers its base type).
#include "gateway/core/validation/element_walker.h"
#include "gateway/core/validation/issue_codes.h"
#include "gateway/core/validation/json_util.h"

namespace gw::validation {
namespace {

// Nesting of target checks (a target's own references are checked too); deeper ones pass.
constexpr int kMaxTargetCheckDepth = 4;

class ErrorCounter final : public IssueSink {
 public:
  void Report(Issue issue) override {
    if (issue.severity == Severity::kError || issue.severity == Severity::kFatal) ++errors;
  }
  int errors = 0;
};

bool IsCore(std::string_view url) { return url.rfind(kFhirSdPrefix, 0) == 0; }

}  // namespace

void ElementWalker::CheckTargetConformance(const LocalTarget& target, std::string_view actual,
                                           const TypeRule& type) {
  if (target.resource == nullptr || actual.empty() || type.target_profiles.empty()) return;
  if (target_check_depth_ >= kMaxTargetCheckDepth) return;
  std::vector<const ProfileSchema*> profiles;
  bool all_core = true;
  for (const std::string& tp : type.target_profiles) {
    std::string_view url = std::string_view(tp).substr(0, tp.find('|'));
    if (url == "http://hl7.org/fhir/StructureDefinition/Resource") return;
    const ProfileSchema* s = registry_.Get(tp);
    if (s == nullptr || s->type != actual) continue;
    profiles.push_back(s);
    all_core = all_core && IsCore(url);
  }
  if (profiles.empty() || all_core) return;
  for (const ProfileSchema* s : profiles) {
    if (ConformsAsTarget(target, *s)) return;
  }
  std::string names;
  for (const std::string& tp : type.target_profiles) names += (names.empty() ? "" : ", ") + tp;
  Report(Severity::kError, codes::kReferenceTargetNotConformant,
         "the referenced " + std::string(actual) + " conforms to none of the profiles " + names);
}

bool ElementWalker::ConformsAsTarget(const LocalTarget& target, const ProfileSchema& profile) {
  auto key = std::make_pair(target.resource, &profile);
  TargetConformance& known = *target_conformance_;
  if (auto it = known.find(key); it != known.end()) return it->second;
  known[key] = true;  // a reference cycle back to this target passes
  ErrorCounter counter;
  ElementWalker sub(registry_, options_, counter);
  sub.target_check_depth_ = target_check_depth_ + 1;
  sub.target_conformance_ = target_conformance_;
  sub.constraint_memo_ = constraint_memo_;
  sub.path_ = path_;
  if (target.contained) {
    sub.frames_ = frames_;
    const json::Value* root = frames_.empty() ? target.resource : frames_.back().root;
    sub.frames_.push_back(ResourceFrame{target.resource, root});
  } else {
    // Entries resolve against the enclosing Bundle (or Parameters): the target sits just inside.
    std::size_t keep = 0;
    for (std::size_t k = frames_.size(); k > 0; --k) {
      std::string_view rt = StringMember(*frames_[k - 1].resource, "resourceType");
      if (rt == "Bundle" || rt == "Parameters") {
        keep = k;
        break;
      }
    }
    sub.frames_.assign(frames_.begin(), frames_.begin() + static_cast<std::ptrdiff_t>(keep));
    sub.frames_.push_back(ResourceFrame{target.resource, target.resource});
  }
  sub.ValidateResourceAgainst(*target.resource, profile);
  bool ok = counter.errors == 0;
  known[key] = ok;
  return ok;
}

}  // namespace gw::validation
