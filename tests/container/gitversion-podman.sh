# CTest wrapper: tests/container/gitversion.sh on podman.
exec sh "$CMAKE_RELEASE_SOURCE_DIR/tests/container/gitversion.sh" podman
