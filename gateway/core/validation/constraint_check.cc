#include "gateway/core/validation/constraint_check.h"

namespace gw::validation {

ConstraintEvaluator::ConstraintEvaluator(const model::TypeModel* model,
                                         const ports::TerminologyService* terminology,
                                         const ports::ReferenceResolver* references) {
  ctx_.model = model;
  ctx_.terminology = terminology;
  ctx_.resolver = references;
}

bool PassesEle1(const json::Value& object) {
  if (!object.is_object()) return true;
  for (const json::Member& m : object.members()) {
    if (m.key != "id") return true;
  }
  return false;
}

bool PassesExt1(const json::Value& extension) {
  if (!extension.is_object()) return true;
  bool has_ext = false;
  bool has_value = false;
  for (const json::Member& m : extension.members()) {
    std::string_view k = m.key;
    if (k == "extension") has_ext = true;
    if (k.size() > 5 && k.substr(0, 5) == "value" && k[5] >= 'A' && k[5] <= 'Z') has_value = true;
  }
  return has_ext != has_value;
}

bool GuardPasses(ConstraintGuard guard, const json::Value& value) {
  switch (guard) {
    case ConstraintGuard::kNone: return false;
    case ConstraintGuard::kNeedsContained: return value.Find("contained") == nullptr;
    case ConstraintGuard::kNeedsLocalReference: {
      // "#" alone points at the container (the R5 wording of ref-1 allows it; R4's text
      // predates contained resources referring back to their container).
      const json::Value* r = value.Find("reference");
      return r == nullptr || !r->is_string() || r->string_value().substr(0, 1) != "#" ||
             r->string_value() == "#";
    }
    case ConstraintGuard::kNeedsStartAndEnd:
      return value.Find("start") == nullptr || value.Find("end") == nullptr;
  }
  return false;
}

ConstraintOutcome ConstraintEvaluator::Evaluate(const ConstraintRule& rule,
                                                const json::Value* value, const json::Value* ext,
                                                std::string_view type_key,
                                                const ResourceFrame& frame, Status* error) {
  switch (rule.native) {
    case NativeConstraint::kEle1:
      return value == nullptr || PassesEle1(*value) ? ConstraintOutcome::kPass
                                                    : ConstraintOutcome::kFail;
    case NativeConstraint::kExt1:
      return value == nullptr || PassesExt1(*value) ? ConstraintOutcome::kPass
                                                    : ConstraintOutcome::kFail;
    case NativeConstraint::kQty3:
      return value == nullptr || value->Find("code") == nullptr || value->Find("system") != nullptr
                 ? ConstraintOutcome::kPass
                 : ConstraintOutcome::kFail;
    case NativeConstraint::kNone: break;
  }
  if (value != nullptr && GuardPasses(rule.guard, *value)) return ConstraintOutcome::kPass;
  if (rule.expression == nullptr) return ConstraintOutcome::kSkipped;
  ctx_.input.clear();
  ctx_.input.push_back(fhirpath::Item::Node(fhirpath::NodeRef{value, ext, type_key}));
  ctx_.resource = frame.resource;
  ctx_.root_resource = frame.root;
  auto result = fhirpath::Evaluate(*rule.expression, ctx_);
  if (!result.ok()) {
    *error = result.status();
    return ConstraintOutcome::kError;
  }
  const fhirpath::Collection& c = result.value();
  if (c.size() == 1 && c[0].kind() == fhirpath::ItemKind::kBoolean) {
    return c[0].boolean() ? ConstraintOutcome::kPass : ConstraintOutcome::kFail;
  }
  if (c.size() == 1 && c[0].is_node()) {
    auto sys = fhirpath::ToSystem(c[0]);
    if (sys && sys->kind() == fhirpath::ItemKind::kBoolean) {
      return sys->boolean() ? ConstraintOutcome::kPass : ConstraintOutcome::kFail;
    }
  }
  // An empty result fails, as a boolean test of an empty collection is false (FHIRPath §5.1:
  // "per-1" with a date start and a dateTime end on the same day compares to empty).
  if (c.empty()) return ConstraintOutcome::kFail;
  return ConstraintOutcome::kPass;  // not a boolean: not a failure
}

}  // namespace gw::validation
