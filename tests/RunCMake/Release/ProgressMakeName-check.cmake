set(root "${RunCMake_TEST_BINARY_DIR}/release/progress.make")
execute_process(COMMAND "${root}/bin/progress.make" version
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "2\\.1\\.0")
  string(APPEND RunCMake_TEST_FAILED "bin/progress.make version gave ${rc}: ${out}${err}; ")
endif()
if(NOT IS_DIRECTORY "${RunCMake_TEST_BINARY_DIR}/_release/progress.make/stage")
  string(APPEND RunCMake_TEST_FAILED "no work directory _release/progress.make/stage; ")
endif()
if(NOT EXISTS "${RunCMake_TEST_BINARY_DIR}/CMakeFiles/release.dir/progress.make"
   OR IS_DIRECTORY "${RunCMake_TEST_BINARY_DIR}/CMakeFiles/release.dir/progress.make")
  string(APPEND RunCMake_TEST_FAILED "CMakeFiles/release.dir/progress.make is not the generator's file; ")
endif()
