# Defaults: tag <name>:<version>, archive and layout in the top build directory.
include("${RunCMake_TEST_BINARY_DIR}/_release/_oci/app/config.cmake")
if(NOT OCI_TAG STREQUAL "app:1.2.3" OR NOT OCI_USER STREQUAL "65532:65532"
    OR NOT OCI_OUTPUT STREQUAL "${RunCMake_TEST_BINARY_DIR}/app.oci.tar"
    OR NOT OCI_LAYOUT STREQUAL "${RunCMake_TEST_BINARY_DIR}/app.oci")
  set(RunCMake_TEST_FAILED "defaults: ${OCI_TAG} ${OCI_USER} ${OCI_OUTPUT} ${OCI_LAYOUT}")
endif()
