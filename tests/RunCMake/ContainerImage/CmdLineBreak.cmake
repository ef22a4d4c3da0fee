add_release(app TARGETS app)
add_container_image(app RELEASE app CONTEXT "${CMAKE_RELEASE_SOURCE_DIR}"
  CMD start "-c\n/etc/app.conf")
