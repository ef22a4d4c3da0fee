# Dated and -slim tags, registries and digests of known bases are known.
add_release(app TARGETS app)
add_container_image(app RELEASE app CONTEXT "${CMAKE_RELEASE_SOURCE_DIR}"
  BUILDER_IMAGE docker.io/library/debian:bullseye-20240211
  RUNTIME_IMAGE debian:bookworm-20240211-slim@sha256:0123456789abcdef)
