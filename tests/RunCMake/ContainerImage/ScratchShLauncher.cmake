add_release(app TARGETS app HERMETIC LAUNCHER sh)
add_container_image(app RELEASE app CONTEXT "${CMAKE_RELEASE_SOURCE_DIR}" RUNTIME_IMAGE scratch)
