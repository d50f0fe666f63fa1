// SearchParamRegistry: the search parameters of every resource type, built once from
// SearchParameter definitions (normally the base R4 search-parameters.json, plus those of loaded
// packages such as US Core).
//
// Building: each definition is applied to each type in its `base`; "Resource" and
// "DomainResource" bases apply to every concrete resource type of the model. The expression is
// restricted to the branches for that type (expression_split.h) and compiled once against the
// type model. `_id` and `_lastUpdated` are store columns (ParamStorage); composite and special
// parameters and definitions without an expression are kept as kNotIndexed so callers can tell
// "unknown" from "unsupported". When two definitions give the same code to one type, the first
// is kept (information issue kIssueParamDuplicate). Parameters whose values are those of other
// parameters of the same type (unions, typed references) are marked (SearchParam::rows_of) so
// stores keep their rows once. Unusable definitions are skipped with
// a warning (kIssueParamInvalid, kIssueParamExpression); they never fail the build.
//
// Thread safety: immutable after Build(); safe for concurrent use. Lifetimes: the registry keeps
// the type model alive; returned pointers live as long as the registry.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/base/issue.h"
#include "gateway/core/base/status.h"
#include "gateway/core/conformance/conformance_store.h"
#include "gateway/core/json/value.h"
#include "gateway/core/model/r4_model.h"
#include "gateway/core/search/search_param.h"
#include "gateway/ports/reference_resolver.h"

namespace gw::search {

class SearchParamRegistry {
 public:
  struct Data;  // implementation detail
  explicit SearchParamRegistry(std::unique_ptr<Data> data);
  ~SearchParamRegistry();

  // From SearchParameter resources in load order. Errors: kInvalidArgument when `model` is null.
  static Result<std::shared_ptr<const SearchParamRegistry>> Build(
      std::span<const json::Value* const> definitions,
      std::shared_ptr<const model::R4TypeModel> model, IssueSink* issues = nullptr);
  // From every SearchParameter in `store` (core definitions first, then packages, in load order).
  static Result<std::shared_ptr<const SearchParamRegistry>> FromStore(
      const conformance::ConformanceStore& store, std::shared_ptr<const model::R4TypeModel> model,
      IssueSink* issues = nullptr);

  // The parameter `code` of `resource_type`; nullptr when unknown.
  const SearchParam* Find(std::string_view resource_type, std::string_view code) const;
  // Every parameter of `resource_type`, sorted by code; empty for a type the model does not know
  // as a concrete resource type.
  std::span<const SearchParam* const> ParamsFor(std::string_view resource_type) const;
  // The concrete resource types, sorted.
  const std::vector<std::string>& ResourceTypes() const;
  bool IsResourceType(std::string_view name) const;

  const model::R4TypeModel& model() const;

  // A resolver for FHIRPath resolve() during indexing: it answers a reference "Type/id" (relative
  // or absolute, with or without "/_history/v") with a stub resource of that type, so expressions
  // such as `subject.where(resolve() is Patient)` can test the target type without a database.
  const ports::ReferenceResolver& type_resolver() const;

 private:
  std::unique_ptr<Data> data_;
};

}  // namespace gw::search
