// Converting FHIRPath results into index entries (see index_extractor.h for the rules per
// parameter type). Internal to the search library.
// Thread safety: an IndexValueWriter is used by one thread at a time.
#pragma once

#include <string>
#include <string_view>

#include "gateway/core/fhirpath/item.h"
#include "gateway/core/search/index_entries.h"
#include "gateway/core/search/index_extractor.h"
#include "gateway/core/search/search_param.h"

namespace gw::search {

class IndexValueWriter {
 public:
  // `resource` is the indexed resource (for contained references); entries go to `out`.
  IndexValueWriter(const SearchParamRegistry& registry, const ExtractOptions& options,
                   const json::Value& resource, IndexEntries* out)
      : registry_(registry), options_(options), resource_(resource), out_(out) {}

  // Appends the entries `item` gives for parameter `param`.
  void Add(const SearchParam& param, const fhirpath::Item& item);

 private:
  void AddToken(const std::string& code, const fhirpath::Item& item);
  void AddString(const std::string& code, const fhirpath::Item& item);
  void AddReference(const std::string& code, const fhirpath::Item& item);
  void AddDate(const std::string& code, const fhirpath::Item& item);
  void AddNumber(const std::string& code, const fhirpath::Item& item);
  void AddQuantity(const std::string& code, const fhirpath::Item& item);
  void AddUri(const std::string& code, const fhirpath::Item& item);

  void Token(const std::string& code, std::string_view system, std::string_view value,
             std::string_view text);
  void String(const std::string& code, std::string_view value);
  void ReferenceText(const std::string& code, std::string_view ref, std::string_view type_hint,
                     ReferenceEntry e);
  std::string Normalized(std::string_view text) const;

  const SearchParamRegistry& registry_;
  const ExtractOptions& options_;
  const json::Value& resource_;
  IndexEntries* out_;
};

}  // namespace gw::search
