# A tar file that is no oci-archive.
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/x/hello.txt" "hello\n")
file(ARCHIVE_CREATE OUTPUT "${CMAKE_CURRENT_BINARY_DIR}/not-oci.tar" PATHS "${CMAKE_CURRENT_BINARY_DIR}/x" FORMAT paxr)
add_oci_image(app RELEASE app BASE "${CMAKE_CURRENT_BINARY_DIR}/not-oci.tar")
