# The release this machine built needs a newer glibc than the runtime image
# has: a note, not a failure (the image's release is built in the builder).
add_release(app TARGETS app)
add_container_image(app RELEASE app CONTEXT "${CMAKE_RELEASE_SOURCE_DIR}"
  BUILDER_IMAGE example.org/builder:1 RUNTIME_IMAGE example.org/old:1 GLIBC_VERSION 2.2)
add_dependencies(container-image-app release-app)
