add_release(app TARGETS app)
add_container_image(app RELEASE app CONTEXT "${CMAKE_RELEASE_SOURCE_DIR}"
  RUNTIME_IMAGE gcr.io/distroless/static-debian12:nonroot RUNTIME_PACKAGES ca-certificates)
