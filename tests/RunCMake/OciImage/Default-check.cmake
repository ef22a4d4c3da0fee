# Defaults: tag <name>:<version>, archive and layout in the top build directory,
# as the step's call file passes them (cmake/ReleaseStepConfig.cmake).
set(call "${RunCMake_TEST_BINARY_DIR}/_release/_oci/app/steps/oci-image.cmake")
file(READ "${call}" text)
foreach(expected "TAG [=[app:1.2.3]=]" "USER [=[65532:65532]=]"
    "OUTPUT [=[${RunCMake_TEST_BINARY_DIR}/app.oci.tar]=]"
    "LAYOUT [=[${RunCMake_TEST_BINARY_DIR}/app.oci]=]")
  string(FIND "${text}" "\n  ${expected}\n" at)
  if(at LESS 0)
    string(APPEND RunCMake_TEST_FAILED "defaults: no '${expected}' in ${call}:\n${text}\n")
  endif()
endforeach()
