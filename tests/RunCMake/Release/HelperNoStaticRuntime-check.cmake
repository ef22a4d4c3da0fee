# The helper is linked as usual (the fallback), and runs.
set(needs_libstdcxx TRUE)
include("${CMAKE_CURRENT_LIST_DIR}/HelperRuntime.cmake")
