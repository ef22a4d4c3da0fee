add_release(app TARGETS app)
add_container_image(app RELEASE app CONTEXT "${CMAKE_RELEASE_SOURCE_DIR}"
  RUNTIME_IMAGE example.org/base:1 GLIBC_VERSION 2)
