file(WRITE "${CMAKE_BINARY_DIR}/mine.Dockerfile" "FROM scratch\n")
add_release(app TARGETS app)
add_container_image(app RELEASE app CONTEXT "${CMAKE_RELEASE_SOURCE_DIR}" DOCKERFILE mine.Dockerfile)
