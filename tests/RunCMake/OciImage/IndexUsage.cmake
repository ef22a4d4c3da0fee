# cmake/oci-index.cmake without archives.
set(OUTPUT "${CMAKE_CURRENT_BINARY_DIR}/multi.oci.tar")
set(TAG x:1)
include("${CMakeRelease_MODULE_DIR}/oci-index.cmake")
