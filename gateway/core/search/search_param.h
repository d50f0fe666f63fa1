// SearchParam: one SearchParameter definition as it applies to one resource type, compiled
// once at start-up.
// Thread safety: immutable after the registry is built; shared by all threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/fhirpath/engine.h"

namespace gw::search {

enum class ParamType : std::uint8_t {
  kNumber,
  kDate,
  kString,
  kToken,
  kReference,
  kComposite,
  kQuantity,
  kUri,
  kSpecial,
};

// "number", "date", ... as SearchParameter.type writes them.
const char* ParamTypeName(ParamType type);
std::optional<ParamType> ParseParamType(std::string_view name);

// Where a store finds the values of a parameter.
enum class ParamStorage : std::uint8_t {
  kIndex,        // index entries computed by IndexExtractor from `expression`
  kResourceId,   // _id: the resource's logical id (a store column)
  kLastUpdated,  // _lastUpdated: the version's lastUpdated (a store column)
  kNotIndexed,   // composite, special, or no usable expression: not searchable here
};

struct SearchParam {
  std::string code;  // "patient"
  std::string url;   // canonical URL of the definition
  ParamType type = ParamType::kToken;
  ParamStorage storage = ParamStorage::kIndex;
  std::string resource_type;  // the type this entry serves ("Observation")
  std::string expression;     // the definition's expression restricted to resource_type
  std::shared_ptr<const fhirpath::Expression> compiled;  // set when storage == kIndex
  std::vector<std::string> targets;  // reference target types (SearchParameter.target)

  // How index rows are kept for a kIndex parameter. Empty: rows of its own. Otherwise the
  // parameter's values are exactly those of these parameters of the same type (kIndex, with
  // rows of their own), so it gets no rows and searches read theirs:
  //  * a union ("combo-code" = Observation.code | Observation.component.code = the values of
  //    "code" and "component-code");
  //  * with `rows_target_type` set, a reference parameter whose expression is another's
  //    restricted by `.where(resolve() is Type)` ("patient" = "subject" to a Patient): the
  //    other's rows whose target type is that type.
  // `compiled` still evaluates the parameter itself (for _include and the like).
  std::vector<const SearchParam*> rows_of;
  std::string rows_target_type;
};

}  // namespace gw::search
