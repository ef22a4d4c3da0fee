add_release(app TARGETS app)
add_container_image("a b" RELEASE app)
