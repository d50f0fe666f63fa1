# Start-up cost: base R4 definitions + US Core 6.1.0 + PAS 2.2.1 → store + type model.
add_executable(startup_bench ${CMAKE_CURRENT_LIST_DIR}/startup_bench.cc)
target_link_libraries(startup_bench PRIVATE gw_shell_fhir_defs)
target_compile_definitions(startup_bench PRIVATE
  GW_FHIR_R4_DIR="${GW_FHIR_R4_DIR}" GW_SHARED_DIR="${GW_SHARED_DIR}")
