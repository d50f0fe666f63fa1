// A MeasureReport checked against the Measure it reports on (`measure`, a canonical resolved
// through the registry, or "#id" of a contained Measure); nothing is checked when it does not
// resolve. Rules of the reference validator, all errors with code "measure-report-mismatch"
// unless noted:
//  * groups: with one group on each side they correspond (codes, when both have one, must
//    match); otherwise every report group carries the code of a Measure group, once, and every
//    Measure group is reported (missing ones at `location`);
//  * measureScore: none for data-collection reports or cohort scoring (at the measureScore);
//    required for proportion, ratio and continuous-variable scoring (at the group);
//  * populations: each carries the code of one of the group's populations, once, and every
//    population of the group except measure-observation is reported (missing ones at the group);
//    reports other than subject-list list no subjectResults (and should give a count: warning
//    "measure-report-count");
//  * stratifiers: each carries the code of one of the group's stratifiers, once, and every
//    stratifier of the group is reported (missing ones at the group).
// Codes match when a coding (system and code) of the report is one of the Measure's, or, for
// stratifiers without codings, when the texts are equal.
// `location` is the resource's own location ("MeasureReport", "Bundle.entry[0].resource").
// Thread safety: pure function over immutable inputs; `sink` is only written.
#pragma once

#include <string_view>

#include "gateway/core/base/issue.h"
#include "gateway/core/json/value.h"
#include "gateway/core/validation/schema_registry.h"

namespace gw::validation {

void CheckMeasureReport(const json::Value& report, std::string_view location,
                        const SchemaRegistry& registry, IssueSink& sink);

}  // namespace gw::validation
