add_release(app TARGETS app)
add_container_image(app RELEASE app CONTEXT "${CMAKE_RELEASE_SOURCE_DIR}"
  VOLUMES /var/lib/app data)
