add_release(app TARGETS app)
add_container_image(app RELEASE app CONTEXT "${CMAKE_RELEASE_SOURCE_DIR}"
  ENGINE_ARGS "--build-arg=A=1\nB=2")
