# FHIRPath benchmark (not a test): tests/bench/run_fhirpath_bench.sh runs it beside fhirpath.js.
add_executable(fhirpath_bench ${CMAKE_CURRENT_SOURCE_DIR}/fhirpath_bench.cc)
target_link_libraries(fhirpath_bench PRIVATE gw_fhirpath gw_fhirpath_test_support gw_shell_fs
  gw_json)
target_compile_definitions(fhirpath_bench PRIVATE GW_SHARED_DIR="${GW_SHARED_DIR}")
