add_release(app TARGETS app OUTPUT_DIRECTORY ../ReleaseOutsideBuild-out)
add_container_image(app RELEASE app CONTEXT "${CMAKE_RELEASE_SOURCE_DIR}")
