# Shared by HelperStaticRuntime-check.cmake and HelperNoStaticRuntime-check.cmake:
# the helper needs libstdc++ at run time exactly when `needs_libstdcxx` is
# true (the fallback link), and it runs.
set(helper "${RunCMake_TEST_BINARY_DIR}/_release/_loader/release-loader")
execute_process(COMMAND readelf -d "${helper}" OUTPUT_VARIABLE dynamic RESULT_VARIABLE rc)
set(needs FALSE)
if(dynamic MATCHES "NEEDED[^\n]*libstdc\\+\\+")
  set(needs TRUE)
endif()
if(NOT rc EQUAL 0)
  string(APPEND RunCMake_TEST_FAILED "readelf -d '${helper}' failed (${rc}); ")
elseif(NOT needs STREQUAL needs_libstdcxx)
  string(APPEND RunCMake_TEST_FAILED "the helper needs libstdc++ at run time: ${needs}, "
    "expected ${needs_libstdcxx}:\n${dynamic}\n")
endif()
execute_process(COMMAND "${helper}" sha256 "${helper}" RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "^[0-9a-f]+\n$")
  string(APPEND RunCMake_TEST_FAILED "the helper does not run (${rc}): ${out}; ")
endif()
