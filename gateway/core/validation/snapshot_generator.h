// GenerateSnapshot(): a StructureDefinition given only as a differential → the same
// StructureDefinition with a snapshot, built from the snapshot of its baseDefinition.
//
// How (FHIR R4 profiling rules, simplified): the base snapshot is copied; each differential
// element is found by id (ids are derived from path and sliceName when absent; children of a
// slice follow it). An element that is not there yet is created: a slice ("…:name") is a copy
// of its sliced element and that element's children, inserted after the existing slices
// (min 0 unless the differential says otherwise); a child of an element without children is
// reached by unfolding the element's type (its type profile, or the base type) in place, or
// for a content reference ("#Parameters.parameter") the referenced base element's children; a
// renamed choice ("valueQuantity") constrains "value[x]" to that type. Then the differential's
// properties replace the snapshot's, except `constraint`, which is appended (by key).
// Differential elements that cannot be placed are issues "snapshot-element-unplaced"
// (warning) and are left out.
// Errors: kInvalidArgument when `sd` is not a StructureDefinition with a differential, or its
// type differs from the base's (specializations and logical models are not generated);
// kNotFound when the base (or its snapshot) cannot be found.
// Thread safety: reentrant; `snapshot_of` is called on the caller's thread.
#pragma once

#include <functional>
#include <string_view>

#include "gateway/core/base/issue.h"
#include "gateway/core/base/status.h"
#include "gateway/core/json/value.h"

namespace gw::validation {

// The StructureDefinition of `canonical` with a snapshot (generating it if needed), or
// nullptr. The returned tree must outlive the GenerateSnapshot() call.
using SnapshotSource = std::function<const json::Value*(std::string_view canonical)>;

Result<json::Value> GenerateSnapshot(const json::Value& sd, const SnapshotSource& snapshot_of,
                                     IssueSink* issues);

}  // namespace gw::validation
