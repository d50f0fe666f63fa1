# Validation throughput over the Synthea resources (base R4 + US Core 6.1.0 extensions).
add_executable(validation_bench ${CMAKE_CURRENT_LIST_DIR}/validation_bench.cc)
target_link_libraries(validation_bench PRIVATE gw_validation gw_shell_fhir_defs gw_shell_fs)
target_compile_definitions(validation_bench PRIVATE
  GW_FHIR_R4_DIR="${GW_FHIR_R4_DIR}" GW_SHARED_DIR="${GW_SHARED_DIR}")

# Latency of one PAS request Bundle against its profile.
add_executable(pas_bundle_bench ${CMAKE_CURRENT_LIST_DIR}/pas_bundle_bench.cc)
target_link_libraries(pas_bundle_bench PRIVATE gw_validation gw_terminology gw_shell_fhir_defs gw_shell_fs)
target_compile_definitions(pas_bundle_bench PRIVATE
  GW_FHIR_R4_DIR="${GW_FHIR_R4_DIR}" GW_SHARED_DIR="${GW_SHARED_DIR}")
