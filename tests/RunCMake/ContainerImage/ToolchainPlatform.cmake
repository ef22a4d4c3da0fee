# The platform comes from the toolchain file (RELEASE_CONTAINER_PLATFORM).
add_release(app TARGETS app)
add_container_image(app RELEASE app CONTEXT "${CMAKE_RELEASE_SOURCE_DIR}")
