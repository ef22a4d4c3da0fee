# An archive without index.json.
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/x/hello.txt" "hello\n")
file(ARCHIVE_CREATE OUTPUT "${CMAKE_CURRENT_BINARY_DIR}/plain.tar" PATHS "${CMAKE_CURRENT_BINARY_DIR}/x" FORMAT paxr)
set(OUTPUT "${CMAKE_CURRENT_BINARY_DIR}/multi.oci.tar")
set(TAG x:1)
set(ARCHIVES "${CMAKE_CURRENT_BINARY_DIR}/plain.tar")
include("${CMakeRelease_MODULE_DIR}/oci-index.cmake")
