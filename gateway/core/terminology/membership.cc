#include "gateway/core/terminology/membership.h"

namespace gw::terminology {
namespace {

MembershipAnswer Yes(const ListedConcept* listed = nullptr) {
  return {Truth::kTrue, MembershipReason::kMember, {}, listed};
}
MembershipAnswer No(MembershipReason reason = MembershipReason::kNotInValueSet) {
  return {Truth::kFalse, reason, {}, nullptr};
}
MembershipAnswer Unknown(MembershipReason reason, std::string_view detail) {
  return {Truth::kUnknown, reason, detail, nullptr};
}

// Kleene AND keeping the answer that decides.
MembershipAnswer AndAnswers(const MembershipAnswer& a, const MembershipAnswer& b) {
  if (a.truth == Truth::kFalse) return a;
  if (b.truth == Truth::kFalse) return b;
  if (a.truth == Truth::kUnknown) return a;
  if (b.truth == Truth::kUnknown) return b;
  return a.listed != nullptr ? a : b;
}

// A "no" that says why the code itself is wrong beats a plain "not in the value set".
bool MoreSpecific(const MembershipAnswer& candidate, const MembershipAnswer& current) {
  return current.reason == MembershipReason::kNotInValueSet &&
         (candidate.reason == MembershipReason::kUnknownCode ||
          candidate.reason == MembershipReason::kInvalidSyntax);
}

MembershipAnswer ListedPart(const ComposePart& part, std::string_view code) {
  if (const ListedConcept* listed = part.FindListed(code)) return Yes(listed);
  if (part.code_system != nullptr && part.code_system->complete() &&
      part.code_system->IndexOf(code) == std::nullopt) {
    return No(MembershipReason::kUnknownCode);
  }
  if (part.code_system == nullptr && part.special != SpecialSystem::kNone &&
      !IsWellFormedCode(part.special, code)) {
    return No(MembershipReason::kInvalidSyntax);
  }
  return No();
}

MembershipAnswer LoadedSystemPart(const ComposePart& part, std::string_view code) {
  const CodeSystemIndex& cs = *part.code_system;
  std::optional<std::uint32_t> index = cs.IndexOf(code);
  if (!index.has_value()) {
    if (cs.complete()) return No(MembershipReason::kUnknownCode);
    return Unknown(MembershipReason::kSystemNotEnumerated, part.system);
  }
  if (!part.filter_status.ok()) return Unknown(MembershipReason::kFilterNotSupported, part.system);
  for (const ConceptFilter& filter : part.compiled_filters) {
    if (!filter.Matches(cs, *index)) return No();
  }
  return Yes();
}

MembershipAnswer SpecialSystemPart(const ComposePart& part, std::string_view code) {
  if (!IsWellFormedCode(part.special, code)) return No(MembershipReason::kInvalidSyntax);
  Truth t = Truth::kTrue;
  for (const FilterSpec& filter : part.filters) {
    t = And(t, MatchSpecialFilter(part.special, filter, code));
  }
  if (t == Truth::kUnknown) return Unknown(MembershipReason::kFilterNotSupported, part.system);
  return t == Truth::kTrue ? Yes() : No();
}

MembershipAnswer SystemPart(const ComposePart& part, std::string_view code) {
  if (part.system.empty()) return Yes();
  if (part.has_concepts) return ListedPart(part, code);
  if (part.code_system != nullptr) return LoadedSystemPart(part, code);
  if (part.special != SpecialSystem::kNone) return SpecialSystemPart(part, code);
  return Unknown(MembershipReason::kSystemNotLoaded, part.system);
}

MembershipAnswer FromStoredExpansion(const ValueSetExpansion& expansion, std::string_view system,
                                     std::string_view code) {
  if (!system.empty()) return expansion.Contains(system, code) ? Yes() : No();
  for (const ExpansionEntry& e : expansion.contains()) {
    if (e.code == code) return Yes();
  }
  return No();
}

MembershipAnswer ComposeMembership(const CompiledValueSet& vs, std::string_view system,
                                   std::string_view code) {
  MembershipAnswer result = No();
  for (const ComposePart& part : vs.includes) {
    MembershipAnswer a = MatchPart(part, system, code);
    if (a.truth == Truth::kTrue) {
      result = a;
      break;
    }
    if (a.truth == Truth::kUnknown && result.truth == Truth::kFalse) {
      result = a;
    } else if (a.truth == Truth::kFalse && result.truth == Truth::kFalse &&
               MoreSpecific(a, result)) {
      result = a;
    }
  }
  if (result.truth == Truth::kFalse) return result;
  for (const ComposePart& part : vs.excludes) {
    MembershipAnswer e = MatchPart(part, system, code);
    if (e.truth == Truth::kTrue) return No();
    if (e.truth == Truth::kUnknown && result.truth == Truth::kTrue) result = e;
  }
  return result;
}

}  // namespace

const char* MembershipReasonName(MembershipReason reason) {
  switch (reason) {
    case MembershipReason::kMember:
      return "member";
    case MembershipReason::kNotInValueSet:
      return "not-in-value-set";
    case MembershipReason::kUnknownCode:
      return "unknown-code";
    case MembershipReason::kInvalidSyntax:
      return "invalid-syntax";
    case MembershipReason::kSystemNotLoaded:
      return "system-not-loaded";
    case MembershipReason::kSystemNotEnumerated:
      return "system-not-enumerated";
    case MembershipReason::kValueSetNotFound:
      return "value-set-not-found";
    case MembershipReason::kValueSetInvalid:
      return "value-set-invalid";
    case MembershipReason::kFilterNotSupported:
      return "filter-not-supported";
  }
  return "?";
}

MembershipAnswer MatchPart(const ComposePart& part, std::string_view system,
                           std::string_view code) {
  if (!part.system.empty() && !system.empty() && part.system != system) return No();
  MembershipAnswer answer = SystemPart(part, code);
  for (const CompiledValueSet* nested : part.value_sets) {
    if (answer.truth == Truth::kFalse) return answer;
    answer = AndAnswers(answer, EvaluateMembership(*nested, system, code));
  }
  for (const std::string& missing : part.missing_value_sets) {
    answer = AndAnswers(answer, Unknown(MembershipReason::kValueSetNotFound, missing));
  }
  return answer;
}

MembershipAnswer EvaluateMembership(const CompiledValueSet& vs, std::string_view system,
                                    std::string_view code) {
  if (!vs.status.ok()) return Unknown(MembershipReason::kValueSetInvalid, vs.url);
  MembershipAnswer answer = vs.has_compose ? ComposeMembership(vs, system, code)
                                           : Unknown(MembershipReason::kValueSetInvalid, vs.url);
  if (answer.truth == Truth::kUnknown && vs.stored_expansion != nullptr) {
    return FromStoredExpansion(*vs.stored_expansion, system, code);
  }
  return answer;
}

}  // namespace gw::terminology
