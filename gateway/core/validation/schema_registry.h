// SchemaRegistry: compiles StructureDefinitions into ProfileSchemas on first use, caches them
// by canonical URL and links each TypeRule to the schema of its type (type.profile[0], or the
// base definition http://hl7.org/fhir/StructureDefinition/<code>).
//
// Sources: a CanonicalResolver (normally the ConformanceStore). A StructureDefinition without a
// snapshot gets one generated from its differential and base (snapshot_generator.h), once. A registry may have a parent:
// canonicals the own resolver does not know are asked of the parent, so a small registry over
// a few extra definitions (a test case, an uploaded profile) reuses the compiled base schemas.
// Schemas linked from a parent never point into a child.
// Issues found while compiling (uncompilable invariants, orphan elements) are kept and can be
// read with CompileIssues().
// Thread safety: Get()/ForType() are safe to call concurrently (one mutex around compiling);
// returned schemas are immutable and live as long as the registry. The resolver, the model and
// the parent must outlive the registry.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gateway/core/base/issue.h"
#include "gateway/core/model/type_model.h"
#include "gateway/core/validation/profile_schema.h"
#include "gateway/core/validation/schema_compiler.h"
#include "gateway/ports/canonical_resolver.h"

namespace gw::validation {

inline constexpr std::string_view kFhirSdPrefix = "http://hl7.org/fhir/StructureDefinition/";

class SchemaRegistry {
 public:
  SchemaRegistry(const ports::CanonicalResolver* resolver, const model::TypeModel* model,
                 const SchemaRegistry* parent = nullptr);
  ~SchemaRegistry();
  SchemaRegistry(const SchemaRegistry&) = delete;
  SchemaRegistry& operator=(const SchemaRegistry&) = delete;

  // The schema of `canonical` ("url" or "url|version"); nullptr when no StructureDefinition with
  // a snapshot resolves.
  const ProfileSchema* Get(std::string_view canonical) const;
  // The base schema of a type name ("Patient", "HumanName", "string").
  const ProfileSchema* ForType(std::string_view type) const;
  // The StructureDefinition tree of `canonical` (any resolver in the chain), nullptr if unknown.
  const json::Value* ResolveDefinition(std::string_view canonical) const;

  // True when a compiled schema (here or in the parent) names `url` as a type profile that
  // could not be resolved: a definition from a package that is not loaded.
  bool IsReferencedButMissing(std::string_view url) const;

  const model::TypeModel* model() const { return model_; }
  // Issues met while compiling so far (copy; thread-safe).
  std::vector<Issue> CompileIssues() const;

 private:
  const ProfileSchema* GetLocked(std::string_view canonical) const;
  // `sd` itself when it has a snapshot, else its generated snapshot (cached); nullptr when
  // none can be generated.
  const json::Value* WithSnapshotLocked(const std::string& canonical, const json::Value* sd,
                                        int depth) const;
  void Link(ProfileSchema* schema) const;
  void LinkContentReferences(ProfileSchema* schema) const;

  const ports::CanonicalResolver* resolver_;
  const model::TypeModel* model_;
  const SchemaRegistry* parent_;
  mutable std::mutex mu_;
  mutable ExpressionCache expressions_;
  mutable std::unordered_map<std::string, std::unique_ptr<ProfileSchema>> schemas_;
  mutable std::unordered_map<std::string, bool> missing_;
  mutable std::unordered_map<std::string, bool> referenced_missing_;  // type profiles, no version
  // StructureDefinitions given as differentials, with generated snapshots (null: failed).
  mutable std::unordered_map<std::string, std::unique_ptr<json::Value>> generated_;
  mutable IssueList compile_issues_;
};

}  // namespace gw::validation
