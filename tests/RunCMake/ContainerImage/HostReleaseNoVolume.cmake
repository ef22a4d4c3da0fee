add_release(app TARGETS app)
add_container_image(app RELEASE app HOST_RELEASE)
