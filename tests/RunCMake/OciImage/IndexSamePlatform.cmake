# Two archives for one platform.
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/x/index.json" [[{"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "sha256:00", "size": 1, "platform": {"architecture": "amd64", "os": "linux"}}]}]])
execute_process(COMMAND "${CMAKE_COMMAND}" -E tar cf "../one.tar" index.json
  WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}/x")
file(COPY_FILE "${CMAKE_CURRENT_BINARY_DIR}/one.tar" "${CMAKE_CURRENT_BINARY_DIR}/two.tar")
set(OUTPUT "${CMAKE_CURRENT_BINARY_DIR}/multi.oci.tar")
set(TAG x:1)
set(ARCHIVES "${CMAKE_CURRENT_BINARY_DIR}/one.tar;${CMAKE_CURRENT_BINARY_DIR}/two.tar")
include("${CMakeRelease_MODULE_DIR}/oci-index.cmake")
