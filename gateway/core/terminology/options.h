// TerminologyOptions: the limits that bound the work of the terminology layer.
//
// Every expansion, code system index and value set compilation is bounded by these values;
// hitting a limit is a clean error (Status kResourceExhausted / an Issue), never a hang.
// Thread safety: a plain value.
#pragma once

#include <cstddef>

namespace gw::terminology {

struct TerminologyOptions {
  // Codes in one expansion (after de-duplication). Larger expansions fail with
  // kResourceExhausted ("terminology-expansion-too-large"); membership tests do not expand and
  // are not affected.
  std::size_t max_expansion_size = 100'000;
  // Concepts in one CodeSystem index; a larger CodeSystem is treated as not loaded.
  std::size_t max_code_system_concepts = 2'000'000;
  // Nesting of compose.include.valueSet references (a chain of value sets).
  std::size_t max_value_set_depth = 32;
  // Nesting of CodeSystem.concept.concept.
  std::size_t max_concept_depth = 256;
  // Length of a regex filter pattern; longer patterns make the filter unsupported.
  std::size_t max_regex_length = 1024;
};

}  // namespace gw::terminology
