// Canonical references and version ordering.
//
// SplitCanonical("http://x/StructureDefinition/a|1.2#frag") → url "http://x/StructureDefinition/a",
// version "1.2", fragment "frag". The views point into the argument.
// CompareVersions orders "3.1.1" < "6.1.0" < "7.0.0" and "1.0.0-ballot" < "1.0.0": dot/dash
// separated parts, numeric parts compared as numbers, others as text; a pre-release label sorts
// before the release. VersionMatches("6.1", "6.1.0") is true (a partial version matches the
// versions that extend it at a part boundary).
// Thread safety: pure functions.
#pragma once

#include <string_view>

namespace gw::conformance {

struct CanonicalRef {
  std::string_view url;
  std::string_view version;   // empty when absent
  std::string_view fragment;  // empty when absent
};

CanonicalRef SplitCanonical(std::string_view canonical);

// <0, 0, >0 like strcmp.
int CompareVersions(std::string_view a, std::string_view b);

// True when `actual` equals `wanted` or extends it at a part boundary ("6.1" matches "6.1.0").
bool VersionMatches(std::string_view wanted, std::string_view actual);

}  // namespace gw::conformance
