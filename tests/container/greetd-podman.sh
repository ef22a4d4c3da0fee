# CTest wrapper: tests/container/greetd-image.sh on podman.
exec sh "$CMAKE_RELEASE_SOURCE_DIR/tests/container/greetd-image.sh" podman
