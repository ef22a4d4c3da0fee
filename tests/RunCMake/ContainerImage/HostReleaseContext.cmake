add_release(app TARGETS app)
add_container_image(app RELEASE app HOST_RELEASE CONTEXT "${CMAKE_RELEASE_SOURCE_DIR}")
