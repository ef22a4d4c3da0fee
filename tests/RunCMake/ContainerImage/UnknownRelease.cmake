add_release(app TARGETS app)
add_container_image(img RELEASE nope CONTEXT "${CMAKE_RELEASE_SOURCE_DIR}")
