# The build tool may have made empty output directories; no release file may exist.
if(EXISTS "${RunCMake_TEST_BINARY_DIR}/release/app/bin/app" OR EXISTS "${RunCMake_TEST_BINARY_DIR}/release/.app.new")
  set(RunCMake_TEST_FAILED "a failed assembly left a release or its staging directory behind")
endif()
