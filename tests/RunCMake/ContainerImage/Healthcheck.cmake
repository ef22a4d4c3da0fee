add_release(app TARGETS app)
add_container_image(app RELEASE app CONTEXT "${CMAKE_RELEASE_SOURCE_DIR}"
  HEALTHCHECK http://127.0.0.1:8080/health RETRIES 2 INTERVAL 1m30s START_PERIOD 500ms)
add_container_image(tcp RELEASE app CONTEXT "${CMAKE_RELEASE_SOURCE_DIR}"
  HEALTHCHECK tcp://[::1]:5432)
