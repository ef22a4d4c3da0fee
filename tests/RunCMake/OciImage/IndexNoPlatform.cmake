# An OCI archive whose index names no platform (not one add_oci_image wrote).
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/x/index.json" [[{"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "sha256:00", "size": 1}]}]])
execute_process(COMMAND "${CMAKE_COMMAND}" -E tar cf "../np.tar" index.json
  WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}/x")
set(OUTPUT "${CMAKE_CURRENT_BINARY_DIR}/multi.oci.tar")
set(TAG x:1)
set(ARCHIVES "${CMAKE_CURRENT_BINARY_DIR}/np.tar")
include("${CMakeRelease_MODULE_DIR}/oci-index.cmake")
