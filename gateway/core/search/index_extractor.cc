#include "gateway/core/search/index_extractor.h"

#include <algorithm>

#include "gateway/core/fhirpath/navigation.h"
#include "gateway/core/search/index_values.h"
#include "gateway/core/search/issue_codes.h"

namespace gw::search {
namespace {

template <typename T>
void SortUnique(std::vector<T>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

}  // namespace

IndexExtractor::IndexExtractor(std::shared_ptr<const SearchParamRegistry> registry,
                               ExtractOptions options)
    : registry_(std::move(registry)), options_(std::move(options)) {}

IndexEntries IndexExtractor::Extract(const json::Value& resource, IssueSink* issues) const {
  IndexEntries out;
  std::string_view type = fhirpath::ResourceTypeOf(resource);
  std::span<const SearchParam* const> params = registry_->ParamsFor(type);
  if (params.empty()) return out;
  fhirpath::EvalContext ctx = fhirpath::ContextFor(resource, &registry_->model());
  ctx.resolver = &registry_->type_resolver();
  IndexValueWriter writer(*registry_, options_, resource, &out);
  for (const SearchParam* p : params) {
    if (p->storage != ParamStorage::kIndex || !p->rows_of.empty()) continue;
    Result<fhirpath::Collection> r = fhirpath::Evaluate(*p->compiled, ctx);
    if (!r.ok()) {
      if (issues != nullptr) {
        issues->Report({Severity::kWarning, kIssueExtractFailed, std::string(type) + "." + p->code,
                        r.status().message()});
      }
      continue;
    }
    for (const fhirpath::Item& item : r.value()) writer.Add(*p, item);
  }
  SortUnique(&out.tokens);
  SortUnique(&out.strings);
  SortUnique(&out.references);
  SortUnique(&out.dates);
  SortUnique(&out.numbers);
  SortUnique(&out.quantities);
  SortUnique(&out.uris);
  return out;
}

}  // namespace gw::search
