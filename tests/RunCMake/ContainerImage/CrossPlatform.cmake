add_release(app TARGETS app)
add_container_image(app RELEASE app CONTEXT "${CMAKE_RELEASE_SOURCE_DIR}"
  PLATFORM linux/arm64
  BUILD_PACKAGES libfoo-dev protobuf-compiler libbar-dev:amd64 libz1=1:1.2.13 zlib1g-dev=1:1.2.13)
