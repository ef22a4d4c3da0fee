add_release(app TARGETS app HERMETIC)
add_container_image(app RELEASE app CONTEXT "${CMAKE_RELEASE_SOURCE_DIR}"
  RUNTIME_IMAGE scratch RUNTIME_FILES tzdata ca-certificates USER 1000:1000)
