# A release with a PREFIX of its own: the image puts it there.
add_release(app TARGETS app PREFIX /srv/app)
add_container_image(app RELEASE app CONTEXT "${CMAKE_RELEASE_SOURCE_DIR}")
