if(EXISTS "${RunCMake_TEST_BINARY_DIR}/release/app")
  string(APPEND RunCMake_TEST_FAILED "a release was made although its hook does not parse; ")
endif()
