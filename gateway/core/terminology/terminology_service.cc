#include "gateway/core/terminology/terminology_service.h"
#include "gateway/core/base/string_map.h"

#include <algorithm>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <utility>

#include "gateway/core/terminology/expander.h"
#include "gateway/core/terminology/membership.h"
#include "gateway/core/terminology/special_systems.h"
#include "gateway/core/terminology/value_set.h"

namespace gw::terminology {
namespace {

std::string_view StripFragment(std::string_view canonical) {
  return canonical.substr(0, canonical.find('#'));
}

bool HasResourceType(const json::Value* tree, std::string_view type) {
  if (tree == nullptr || !tree->is_object()) return false;
  const json::Value* rt = tree->Find("resourceType");
  return rt != nullptr && rt->is_string() && rt->string_value() == type;
}

Membership FromTruth(Truth t) {
  switch (t) {
    case Truth::kTrue:
      return Membership::kMember;
    case Truth::kFalse:
      return Membership::kNotMember;
    case Truth::kUnknown:
      break;
  }
  return Membership::kUnknown;
}

}  // namespace

struct TerminologyService::Impl {
  Impl(const ports::CanonicalResolver& r, TerminologyOptions o) : resolver(r), options(o) {}

  const CodeSystemIndex* GetCodeSystem(std::string_view url, std::string_view version) const;
  Result<const CompiledValueSet*> GetValueSet(std::string_view canonical) const;
  void CheckDisplay(const MembershipAnswer& answer, std::string_view system, std::string_view code,
                    std::string_view display, CodeValidation* out) const;

  const ports::CanonicalResolver& resolver;
  TerminologyOptions options;
  std::unordered_map<std::string, std::unique_ptr<CodeSystemIndex>, StringHash, std::equal_to<>>
      extras;

  mutable std::shared_mutex cs_mu;
  mutable std::unordered_map<const json::Value*, std::unique_ptr<CodeSystemIndex>> cs_cache;

  mutable std::mutex build_mu;  // serialises value set compilation
  mutable std::shared_mutex vs_mu;
  mutable std::unordered_map<std::string, std::unique_ptr<CompiledValueSet>, StringHash,
                             std::equal_to<>>
      vs_cache;
};

namespace {

// Compiles value sets for one top-level request, under Impl::build_mu. Tracks the chain of
// value sets being compiled to detect include cycles and bound the nesting depth.
class Compiler final : public ValueSetSource {
 public:
  explicit Compiler(const TerminologyService::Impl& impl) : impl_(impl) {}

  const CodeSystemIndex* FindCodeSystem(std::string_view url, std::string_view version) override {
    return impl_.GetCodeSystem(url, version);
  }

  Result<const CompiledValueSet*> FindValueSet(std::string_view canonical) override {
    auto compiled = Compile(canonical);
    if (!compiled.ok() || *compiled == nullptr) return compiled;
    if (!(*compiled)->status.ok()) return (*compiled)->status;
    return compiled;
  }

  // The cached or newly compiled value set (possibly invalid); nullptr when not found.
  Result<const CompiledValueSet*> Compile(std::string_view canonical) {
    std::string key(StripFragment(canonical));
    {
      std::shared_lock lock(impl_.vs_mu);
      auto it = impl_.vs_cache.find(key);
      if (it != impl_.vs_cache.end()) return it->second.get();
    }
    const json::Value* tree = impl_.resolver.Resolve(key);
    if (!HasResourceType(tree, "ValueSet")) return static_cast<const CompiledValueSet*>(nullptr);
    if (std::find(stack_.begin(), stack_.end(), tree) != stack_.end()) {
      return InvalidArgument("include cycle through " + key);
    }
    if (stack_.size() >= impl_.options.max_value_set_depth) {
      depth_hit_ = true;
      return InvalidArgument("value sets nested deeper than " +
                             std::to_string(impl_.options.max_value_set_depth));
    }
    stack_.push_back(tree);
    std::unique_ptr<CompiledValueSet> compiled = CompileValueSet(*tree, key, *this, impl_.options);
    stack_.pop_back();
    // A failure caused by the depth limit depends on the path: only the top level keeps it.
    if (!compiled->status.ok() && depth_hit_ && !stack_.empty()) return compiled->status;
    std::unique_lock lock(impl_.vs_mu);
    auto [it, inserted] = impl_.vs_cache.try_emplace(std::move(key), std::move(compiled));
    return it->second.get();
  }

 private:
  const TerminologyService::Impl& impl_;
  std::vector<const json::Value*> stack_;
  bool depth_hit_ = false;
};

}  // namespace

const CodeSystemIndex* TerminologyService::Impl::GetCodeSystem(std::string_view url,
                                                               std::string_view version) const {
  if (auto it = extras.find(url); it != extras.end()) return it->second.get();
  const json::Value* tree = version.empty() ? nullptr : resolver.Resolve(url, version);
  if (!HasResourceType(tree, "CodeSystem")) tree = resolver.Resolve(url);
  if (!HasResourceType(tree, "CodeSystem")) return nullptr;
  {
    std::shared_lock lock(cs_mu);
    auto it = cs_cache.find(tree);
    if (it != cs_cache.end()) return it->second.get();
  }
  std::unique_lock lock(cs_mu);
  auto [it, inserted] = cs_cache.try_emplace(tree, nullptr);
  if (inserted) {
    auto built = CodeSystemIndex::Build(*tree, options);
    if (built.ok()) it->second = std::make_unique<CodeSystemIndex>(std::move(built).value());
  }
  return it->second.get();
}

Result<const CompiledValueSet*> TerminologyService::Impl::GetValueSet(
    std::string_view canonical) const {
  std::string_view key = StripFragment(canonical);
  {
    std::shared_lock lock(vs_mu);
    auto it = vs_cache.find(key);
    if (it != vs_cache.end()) return it->second.get();
  }
  std::lock_guard build(build_mu);
  Compiler compiler(*this);
  return compiler.Compile(key);
}

void TerminologyService::Impl::CheckDisplay(const MembershipAnswer& answer, std::string_view system,
                                            std::string_view code, std::string_view display,
                                            CodeValidation* out) const {
  if (display.empty()) return;
  std::vector<std::string_view> candidates;
  std::string_view preferred;
  const CodeSystemIndex* cs = system.empty() ? nullptr : GetCodeSystem(system, {});
  if (const Concept* c = cs != nullptr ? cs->Find(code) : nullptr) {
    preferred = c->display;
    candidates.push_back(c->display);
    for (const Designation& d : c->designations) candidates.push_back(d.value);
  }
  if (answer.listed != nullptr) {
    if (preferred.empty()) preferred = answer.listed->display;
    candidates.push_back(answer.listed->display);
    for (const std::string& d : answer.listed->designations) candidates.push_back(d);
  }
  bool any = std::any_of(candidates.begin(), candidates.end(),
                         [](std::string_view s) { return !s.empty(); });
  if (!any) {
    out->display = DisplayCheck::kNotChecked;
  } else if (DisplayMatches(display, candidates)) {
    out->display = DisplayCheck::kMatches;
  } else {
    out->display = DisplayCheck::kMismatch;
    out->expected_display = preferred;
  }
}

const char* LookupStatusName(LookupStatus s) {
  switch (s) {
    case LookupStatus::kFound:
      return "found";
    case LookupStatus::kUnknownCode:
      return "unknown-code";
    case LookupStatus::kNotEnumerated:
      return "not-enumerated";
    case LookupStatus::kWellFormed:
      return "well-formed";
    case LookupStatus::kMalformed:
      return "malformed";
    case LookupStatus::kSystemNotLoaded:
      break;
  }
  return "system-not-loaded";
}

TerminologyService::TerminologyService(const ports::CanonicalResolver& resolver,
                                       TerminologyOptions options,
                                       std::vector<json::Value> extra_code_systems)
    : impl_(std::make_unique<Impl>(resolver, options)) {
  for (const json::Value& cs : extra_code_systems) {
    auto built = CodeSystemIndex::Build(cs, options);
    if (!built.ok()) continue;
    std::string url = built->url();
    impl_->extras[url] = std::make_unique<CodeSystemIndex>(std::move(built).value());
  }
}

TerminologyService::~TerminologyService() = default;

const TerminologyOptions& TerminologyService::options() const { return impl_->options; }

Result<std::shared_ptr<const ValueSetExpansion>> TerminologyService::Expand(
    std::string_view value_set) const {
  auto compiled = impl_->GetValueSet(value_set);
  if (!compiled.ok()) return compiled.status();
  if (*compiled == nullptr) return NotFound("ValueSet " + std::string(value_set) + " not found");
  return ExpandCompiled(**compiled, impl_->options);
}

CodeValidation TerminologyService::ValidateCode(std::string_view value_set, std::string_view system,
                                                std::string_view code,
                                                std::string_view display) const {
  CodeValidation out;
  auto compiled = impl_->GetValueSet(value_set);
  if (!compiled.ok() || *compiled == nullptr) {
    out.membership = Membership::kUnknown;
    out.reason =
        compiled.ok() ? MembershipReason::kValueSetNotFound : MembershipReason::kValueSetInvalid;
    out.detail = StripFragment(value_set);
    return out;
  }
  MembershipAnswer answer = EvaluateMembership(**compiled, system, code);
  out.membership = FromTruth(answer.truth);
  out.reason = answer.reason;
  out.detail = answer.detail;
  bool plain_no =
      answer.truth == Truth::kFalse && answer.reason == MembershipReason::kNotInValueSet;
  bool usable = (*compiled)->status.ok();
  if ((plain_no || answer.truth == Truth::kUnknown) && usable && !system.empty()) {
    // A code its own (complete) code system does not define is in no value set; say so even
    // when the value set itself cannot be checked.
    LookupStatus s = Lookup(system, code).status;
    if (s == LookupStatus::kUnknownCode || s == LookupStatus::kMalformed) {
      out.membership = Membership::kNotMember;
      out.reason = s == LookupStatus::kUnknownCode ? MembershipReason::kUnknownCode
                                                   : MembershipReason::kInvalidSyntax;
      out.detail.clear();
    }
  }
  impl_->CheckDisplay(answer, system, code, display, &out);
  return out;
}

CodeLookup TerminologyService::Lookup(std::string_view system, std::string_view code) const {
  CodeLookup out;
  out.code_system = impl_->GetCodeSystem(system, {});
  if (out.code_system != nullptr) {
    out.entry = out.code_system->Find(code);
    out.status = out.entry != nullptr          ? LookupStatus::kFound
                 : out.code_system->complete() ? LookupStatus::kUnknownCode
                                               : LookupStatus::kNotEnumerated;
    return out;
  }
  SpecialSystem special = ClassifySystem(system);
  if (special != SpecialSystem::kNone) {
    out.status =
        IsWellFormedCode(special, code) ? LookupStatus::kWellFormed : LookupStatus::kMalformed;
  }
  return out;
}

Subsumption TerminologyService::Subsumes(std::string_view system, std::string_view code_a,
                                         std::string_view code_b) const {
  const CodeSystemIndex* cs = impl_->GetCodeSystem(system, {});
  return cs == nullptr ? Subsumption::kUnknown : cs->Subsumes(code_a, code_b);
}

const CodeSystemIndex* TerminologyService::FindCodeSystem(std::string_view url) const {
  return impl_->GetCodeSystem(url, {});
}

std::optional<bool> TerminologyService::IsMember(std::string_view system, std::string_view code,
                                                 std::string_view value_set_url) const {
  CodeValidation v = ValidateCode(value_set_url, system, code);
  if (v.membership == Membership::kUnknown) return std::nullopt;
  return v.membership == Membership::kMember;
}

}  // namespace gw::terminology
