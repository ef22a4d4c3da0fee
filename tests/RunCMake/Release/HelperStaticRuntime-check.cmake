# The helper is linked with the static C++ runtime (-static-libstdc++), and runs.
set(needs_libstdcxx FALSE)
include("${CMAKE_CURRENT_LIST_DIR}/HelperRuntime.cmake")
