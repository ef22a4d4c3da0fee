add_release(app TARGETS app)
add_container_image(app RELEASE app CONTEXT no-such-dir)
