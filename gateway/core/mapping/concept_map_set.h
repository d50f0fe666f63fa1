// ConceptMapSet: the FHIR ConceptMaps that translate() looks codes up in.
//
// Add() reads one ConceptMap (FHIR JSON text) and indexes it under its `url` and its `id`.
// For every group element with a target whose equivalence is not "unmatched"/"disjoint", the
// source code maps to the Coding {system: group.target, code, display?} of its first target.
// Find() returns that Coding as a JSON object (owned by the set), or null when the map or the
// code is unknown. HasMap() tells whether a map is known (checked when a mapping file loads).
// Errors (Add): Status kInvalidArgument naming the file: JSON error, not a ConceptMap, no
// url/id, a group without target system, an element without code.
// Thread safety: fill with Add() from one thread, then share read-only; Find() is const.
// Pointers returned by Find() live as long as the set.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/base/status.h"
#include "gateway/core/json/value.h"

namespace gw::mapping {

class ConceptMapSet {
 public:
  Status Add(std::string_view file_name, std::string_view text);
  bool HasMap(std::string_view url_or_id) const;
  const json::Value* Find(std::string_view url_or_id, std::string_view code) const;

 private:
  using CodeTable = std::map<std::string, json::Value, std::less<>>;
  std::vector<std::unique_ptr<CodeTable>> tables_;
  std::map<std::string, const CodeTable*, std::less<>> by_name_;
};

}  // namespace gw::mapping
