# gw_library(NAME SRCS a.cc b.cc DEPS lib1 lib2): a static library of the gateway.
# gw_test(NAME SRCS t.cc DEPS lib1 [LABELS l] [TIMEOUT s]): a Boost.Test program registered with CTest.
function(gw_library name)
  cmake_parse_arguments(A "" "" "SRCS;DEPS" ${ARGN})
  add_library(${name} STATIC ${A_SRCS})
  target_include_directories(${name} PUBLIC ${CMAKE_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${A_DEPS})
endfunction()

function(gw_test name)
  cmake_parse_arguments(A "" "TIMEOUT" "SRCS;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${A_SRCS})
  target_link_libraries(${name} PRIVATE ${A_DEPS} Boost::unit_test_framework)
  target_compile_definitions(${name} PRIVATE BOOST_TEST_DYN_LINK
    GW_SOURCE_DIR="${CMAKE_SOURCE_DIR}" GW_SHARED_DIR="${GW_SHARED_DIR}"
    GW_FHIR_R4_DIR="${GW_FHIR_R4_DIR}" GW_NPM_DIR="${GW_NPM_DIR}")
  add_test(NAME ${name} COMMAND ${name} --log_level=error --report_level=short --color_output=false)
  if(A_LABELS)
    set_tests_properties(${name} PROPERTIES LABELS "${A_LABELS}")
  endif()
  if(A_TIMEOUT)
    set_tests_properties(${name} PROPERTIES TIMEOUT ${A_TIMEOUT})
  else()
    set_tests_properties(${name} PROPERTIES TIMEOUT 600)
  endif()
  # A test that finds a corpus missing says so and skips instead of passing.
  set_tests_properties(${name} PROPERTIES SKIP_REGULAR_EXPRESSION "GW_SKIPPED:")
endfunction()
