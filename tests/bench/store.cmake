# Store write throughput: the Synthea resources created in a SQLite store in batches.
add_executable(store_bench ${CMAKE_CURRENT_LIST_DIR}/store_bench.cc)
target_link_libraries(store_bench PRIVATE gw_shell_store gw_shell_sys gw_search_test_support)
