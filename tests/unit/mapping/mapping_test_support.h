// Test support for the mapping engine: the repository's mapping set loaded under a fixed test
// namespace, file reading, a field-by-field JSON diff and a small CSV row splitter.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gateway/core/json/value.h"
#include "gateway/core/mapping/mapping_plan.h"

namespace gw::mapping::testing {

inline constexpr char kTestNamespace[] = "5b3c9d3e-2f1a-4c7e-9a61-0d2f4b8e7a10";

std::optional<std::string> ReadFile(const std::string& path);
std::string MappingsDir();  // <source>/mappings

// The environment with the test namespace and every ConceptMap of mappings/conceptmaps.
std::shared_ptr<const MappingEnvironment> TestEnvironment();
// The plan of mappings/<feed>.json (fails the test when it does not load).
std::shared_ptr<const MappingPlan> LoadFeedPlan(const std::string& feed);

json::Value ParseJson(const std::string& text);

// Differences between `expected` and `actual`, one line each, with their JSON paths.
std::vector<std::string> Diff(const json::Value& expected, const json::Value& actual,
                              const std::string& path = "");

// One CSV row (RFC 4180 quoting, no line breaks inside fields) → fields.
std::vector<std::string> SplitCsvRow(const std::string& line);
// Header + row → record object (empty fields omitted), as the feed reader builds it.
json::Value CsvRecord(const std::vector<std::string>& header, const std::vector<std::string>& row);

// MapResult as the golden JSON: {"resources": [...]} or {"issues": [{code, location, rule,
// field}]}.
json::Value ResultJson(const MapResult& result);

}  // namespace gw::mapping::testing
