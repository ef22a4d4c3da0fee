add_release(app TARGETS app)
add_container_image(app RELEASE app
  CONTEXT "${CMAKE_RELEASE_SOURCE_DIR}"
  CMD start -c "/etc/app config.conf"
  VOLUMES /var/lib/app /srv/app/logs/ /var/lib/app/.
  ENGINE_ARGS --label org.example.origin=call --network=host
  DOCKERFILE_SYNTAX docker/dockerfile:1.4)
