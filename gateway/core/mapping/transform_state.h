// The state registered mapping transforms reach through EvalContext::user while one record is
// mapped: the mapping set's environment (id namespace, ConceptMaps) and the first failure a
// transform reported. A transform that rejects a value records a stable code (issue_codes.h),
// a detail without PHI and the record node it read, then fails the evaluation; the template
// evaluator turns that into a MappingIssue with the template location and the record field.
// Thread safety: one TransformState per record evaluation, never shared; the environment is
// immutable and shared.
#pragma once

#include <string>

#include "gateway/core/base/sha1.h"
#include "gateway/core/json/value.h"
#include "gateway/core/mapping/concept_map_set.h"

namespace gw::mapping {

struct TransformEnv {
  UuidBytes id_namespace{};
  const ConceptMapSet* concept_maps = nullptr;
};

struct TransformFailure {
  std::string code;                    // empty: no transform failed
  std::string detail;                  // no PHI: names the function and the expected form
  const json::Value* node = nullptr;   // the record value that was rejected, when known
};

struct TransformState {
  const TransformEnv* env = nullptr;
  TransformFailure failure;
};

}  // namespace gw::mapping
