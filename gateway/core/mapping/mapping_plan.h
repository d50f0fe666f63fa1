// MappingPlan: one feed's mapping file compiled once at start-up, then shared immutably and
// evaluated by any number of threads, one record (a JSON object) at a time.
//
// LoadMappingPlan() reads the mapping file text (the caller reads the file; the core opens
// none) against a MappingEnvironment: the id namespace (a UUID the deployment configures, never
// derived from public data) and the ConceptMaps. It fails (Status kInvalidArgument whose message
// is MappingLoadError::ToString(), and `error` filled) on: a JSON error, a missing or unknown
// key, a rule whose type is not an R4 resource type, a template that is not an object, a
// FHIRPath syntax error, an unknown function, a translate() of an unknown ConceptMap.
//
// Map() returns either the resources the record maps to (in rule order, each with resourceType,
// id, meta.profile and the template's members) and no issues, or no resources and every
// MappingIssue found: a record is rejected whole, never half-mapped. A record that no rule maps
// (every `when` false) is rejected with mapping-no-resources.
// Thread safety: a loaded plan is immutable; Map() is reentrant. The environment is shared by
// the plans (shared_ptr); a MapResult owns its resources.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/base/sha1.h"
#include "gateway/core/base/status.h"
#include "gateway/core/json/value.h"
#include "gateway/core/mapping/concept_map_set.h"
#include "gateway/core/mapping/mapping_issue.h"
#include "gateway/core/fhirpath/item.h"
#include "gateway/core/mapping/transform_state.h"

namespace gw::mapping {

class RecordEvaluator;

struct MappingEnvironment {
  UuidBytes id_namespace{};
  ConceptMapSet concept_maps;
  TransformEnv transform_env() const { return TransformEnv{id_namespace, &concept_maps}; }
};

struct MappedResource {
  std::string rule;     // the rule's name ("patient")
  std::string type;     // "Patient"
  std::string profile;  // may be empty
  json::Value resource;
};

struct MapResult {
  std::vector<MappedResource> resources;
  std::vector<MappingIssue> issues;
  bool ok() const { return issues.empty(); }
};

class MappingPlan {
 public:
  struct Rule;
  MappingPlan();
  ~MappingPlan();

  const std::string& feed() const { return feed_; }
  const std::string& file() const { return file_; }      // the feed's input file name
  const std::string& format() const { return format_; }  // "csv" or "ndjson"
  const std::string& key() const { return key_; }        // the record's key column
  std::size_t rule_count() const { return rules_.size(); }

  MapResult Map(const json::Value& record) const;

 private:
  void MapOne(const Rule& rule, const fhirpath::Collection& focus, RecordEvaluator* ev,
              MapResult* result) const;
  friend Result<std::shared_ptr<const MappingPlan>> LoadMappingPlan(
      std::string_view, std::string_view, std::shared_ptr<const MappingEnvironment>,
      MappingLoadError*);
  std::string feed_, file_, format_, key_;
  std::vector<std::unique_ptr<Rule>> rules_;
  std::shared_ptr<const MappingEnvironment> env_;
  TransformEnv transform_env_;
};

Result<std::shared_ptr<const MappingPlan>> LoadMappingPlan(
    std::string_view file_name, std::string_view text,
    std::shared_ptr<const MappingEnvironment> env, MappingLoadError* error = nullptr);

// True for the R4 resource type names (Patient, Coverage, ...).
bool IsR4ResourceType(std::string_view name);

}  // namespace gw::mapping
