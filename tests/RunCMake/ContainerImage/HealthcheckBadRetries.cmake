add_release(app TARGETS app)
add_container_image(app RELEASE app CONTEXT "${CMAKE_RELEASE_SOURCE_DIR}"
  HEALTHCHECK tcp://127.0.0.1:8080 RETRIES 0)
