# CTest wrapper: tests/container/exrelease.sh on podman.
exec sh "$CMAKE_RELEASE_SOURCE_DIR/tests/container/exrelease.sh" podman
