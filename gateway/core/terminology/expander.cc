#include "gateway/core/terminology/expander.h"

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "gateway/core/terminology/issue_codes.h"
#include "gateway/core/terminology/membership.h"

namespace gw::terminology {
namespace {

using Emit = std::function<Status(ExpansionEntry)>;

Status NotExpandable(std::string what) {
  return Unimplemented("not expandable offline: " + std::move(what));
}

ExpansionEntry EntryFor(const ComposePart& part, const Concept* cs_concept, std::string code,
                        std::string display) {
  ExpansionEntry e;
  e.system = part.system;
  e.version = !part.version.empty()         ? part.version
              : part.code_system != nullptr ? part.code_system->version()
                                            : std::string();
  e.code = std::move(code);
  e.display = std::move(display);
  if (cs_concept != nullptr) {
    if (e.display.empty()) e.display = cs_concept->display;
    e.abstract = cs_concept->abstract;
    e.inactive = cs_concept->inactive;
  }
  return e;
}

Status EnumerateListed(const ComposePart& part, const Emit& emit) {
  for (const ListedConcept& listed : part.concepts) {
    const Concept* cs_concept =
        part.code_system != nullptr ? part.code_system->Find(listed.code) : nullptr;
    GW_RETURN_IF_ERROR(emit(EntryFor(part, cs_concept, listed.code, listed.display)));
  }
  return Status::Ok();
}

Status EnumerateCodeSystem(const ComposePart& part, const Emit& emit) {
  const CodeSystemIndex& cs = *part.code_system;
  if (!cs.complete()) {
    return NotExpandable("code system " + part.system + " has content " +
                         ContentName(cs.content()));
  }
  if (!part.filter_status.ok()) return NotExpandable(part.filter_status.message());
  Status status;
  auto visit = [&](std::uint32_t i) {
    for (const ConceptFilter& f : part.compiled_filters) {
      if (!f.Matches(cs, i)) return true;
    }
    const Concept& c = cs.concept_at(i);
    status = emit(EntryFor(part, &c, c.code, c.display));
    return status.ok();
  };
  std::optional<std::uint32_t> root;
  bool rooted =
      !part.compiled_filters.empty() && (part.filters.front().op == FilterOp::kIsA ||
                                         part.filters.front().op == FilterOp::kDescendentOf);
  if (rooted) root = part.compiled_filters.front().hierarchy_root();
  if (rooted && !root.has_value()) return Status::Ok();  // the filter's code does not exist
  if (root.has_value()) {
    cs.ForEachDescendant(*root, visit);
  } else {
    for (std::uint32_t i = 0; i < cs.size() && visit(i); ++i) {
    }
  }
  return status;
}

Status EnumerateSystemPart(const ComposePart& part, const Emit& emit) {
  if (part.has_concepts) return EnumerateListed(part, emit);
  if (part.code_system != nullptr) return EnumerateCodeSystem(part, emit);
  return NotExpandable("code system " + part.system + " is not loaded");
}

// Expansions of the value sets a part includes (all must expand).
Result<std::vector<std::shared_ptr<const ValueSetExpansion>>> NestedExpansions(
    const ComposePart& part, const TerminologyOptions& options) {
  if (!part.missing_value_sets.empty()) {
    return NotExpandable("value set " + part.missing_value_sets.front() + " is not available");
  }
  std::vector<std::shared_ptr<const ValueSetExpansion>> out;
  for (const CompiledValueSet* nested : part.value_sets) {
    auto e = ExpandCompiled(*nested, options);
    if (!e.ok()) return e.status();
    out.push_back(std::move(e).value());
  }
  return out;
}

Status ExpandPart(const ComposePart& part, const TerminologyOptions& options, const Emit& emit) {
  auto nested = NestedExpansions(part, options);
  if (!nested.ok()) return nested.status();
  const auto& sets = *nested;
  std::size_t first_filter = 0;
  auto in_nested = [&](const ExpansionEntry& e) {
    for (std::size_t i = first_filter; i < sets.size(); ++i) {
      if (!sets[i]->Contains(e.system, e.code)) return false;
    }
    return true;
  };
  auto filtered = [&](ExpansionEntry e) { return in_nested(e) ? emit(std::move(e)) : Status(); };
  if (!part.system.empty()) return EnumerateSystemPart(part, filtered);
  first_filter = 1;  // a value-set-only include: walk the first, intersect with the others
  for (const ExpansionEntry& e : sets.front()->contains()) {
    GW_RETURN_IF_ERROR(filtered(e));
  }
  return Status::Ok();
}

Result<std::shared_ptr<const ValueSetExpansion>> ExpandCompose(const CompiledValueSet& vs,
                                                               const TerminologyOptions& options) {
  auto out = std::make_shared<ValueSetExpansion>(vs.url, vs.version, ExpansionSource::kCompose);
  Emit emit = [&](ExpansionEntry e) -> Status {
    for (const ComposePart& exclude : vs.excludes) {
      Truth t = MatchPart(exclude, e.system, e.code).truth;
      if (t == Truth::kTrue) return Status::Ok();
      if (t == Truth::kUnknown) return NotExpandable("an exclude of " + vs.url);
    }
    out->Add(std::move(e));
    if (out->size() > options.max_expansion_size) {
      return ResourceExhausted("expansion of " + vs.url + " exceeds " +
                               std::to_string(options.max_expansion_size) + " codes");
    }
    return Status::Ok();
  };
  for (const ComposePart& part : vs.includes) {
    GW_RETURN_IF_ERROR(ExpandPart(part, options, emit));
  }
  return std::shared_ptr<const ValueSetExpansion>(std::move(out));
}

Result<std::shared_ptr<const ValueSetExpansion>> ExpandNow(const CompiledValueSet& vs,
                                                           const TerminologyOptions& options) {
  if (!vs.status.ok()) return vs.status;
  if (!vs.has_compose) {
    if (vs.stored_expansion != nullptr) return vs.stored_expansion;
    return NotExpandable("ValueSet " + vs.url + " has neither compose nor expansion");
  }
  auto computed = ExpandCompose(vs, options);
  if (!computed.ok() && computed.status().code() == StatusCode::kUnimplemented &&
      vs.stored_expansion != nullptr) {
    return vs.stored_expansion;
  }
  return computed;
}

}  // namespace

Result<std::shared_ptr<const ValueSetExpansion>> ExpandCompiled(const CompiledValueSet& vs,
                                                                const TerminologyOptions& options) {
  std::call_once(vs.expansion_once, [&] { vs.expansion.emplace(ExpandNow(vs, options)); });
  return *vs.expansion;
}

const char* ExpansionIssueCode(const Status& status) {
  switch (status.code()) {
    case StatusCode::kNotFound:
      return kIssueCodeValueSetNotFound;
    case StatusCode::kResourceExhausted:
      return kIssueCodeExpansionTooLarge;
    case StatusCode::kUnimplemented:
      return kIssueCodeNotExpandable;
    default:
      return kIssueCodeValueSetInvalid;
  }
}

}  // namespace gw::terminology
